import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { problemsIn, yaml } from './helpers';

const GATES = [
  'analysis:',
  '  - name: error-rate',
  '    metric: errorRate',
  '    count: 3',
  '    failureCondition: result >= 0.05',
  '  - name: latency',
  '    metric: latencyP99',
  '    successCondition: result < 250',
];

function planWith(strategyLines: string[], gateLines: string[] = GATES): string {
  return yaml('service: checkout', 'strategy:', ...strategyLines.map((line) => `  ${line}`), ...gateLines);
}

describe('validatePlan: analysis gates', () => {
  it.each([
    {
      name: 'a misspelt template in a canary step',
      text: planWith(['canary:', '  steps:', '    - setWeight: 20', '    - analysis: { templates: [eror-rate] }']),
      expected: [{ at: '6:33', code: 'plan.unknownGate', message: 'strategy.canary.steps[1].analysis.templates[0]: no gate named "eror-rate" under analysis; did you mean "error-rate"?' }],
    },
    {
      name: 'an unknown template in background analysis',
      text: planWith(['canary:', '  stepWeight: 10', '  analysis:', '    templates: [apdex]']),
      expected: [{ at: '6:19', code: 'plan.unknownGate', message: 'strategy.canary.analysis.templates[0]: no gate named "apdex" under analysis; known gates: error-rate, latency' }],
    },
    {
      name: 'a template when no gates exist',
      text: planWith(['recreate:', '  analysis: { templates: [smoke] }'], []),
      expected: [{ at: '4:29', code: 'plan.unknownGate', message: 'strategy.recreate.analysis.templates[0]: no gate named "smoke" under analysis; the plan defines no gates under "analysis:"' }],
    },
    {
      name: 'an unknown template in blue-green pre-promotion analysis',
      text: planWith(['blueGreen:', '  prePromotionAnalysis: { templates: [latncy] }']),
      expected: [{ at: '4:41', code: 'plan.unknownGate', message: 'strategy.blueGreen.prePromotionAnalysis.templates[0]: no gate named "latncy" under analysis; did you mean "latency"?' }],
    },
    {
      name: 'a gate without count run in a step',
      text: planWith(['canary:', '  steps:', '    - setWeight: 10', '    - analysis: { templates: [latency] }']),
      expected: [{ at: '6:33', code: 'plan.gateCount', message: 'strategy.canary.steps[1].analysis.templates[0]: gate "latency" has no count, so it would never finish here; give it a count (e.g. count: 3) or run it as background analysis' }],
    },
    {
      name: 'a gate without count after each rolling batch',
      text: planWith(['rolling:', '  analysis: { templates: [latency] }']),
      expected: [{ at: '4:29', code: 'plan.gateCount', message: 'strategy.rolling.analysis.templates[0]: gate "latency" has no count, so it would never finish here; give it a count (e.g. count: 3) or run it as background analysis' }],
    },
    {
      name: 'two gates with one name',
      text: planWith(['recreate: {}'], [...GATES, '  - name: latency', '    metric: latencyP50', '    successCondition: result < 100']),
      expected: [{ at: '12:11', code: 'plan.duplicateGate', message: 'analysis[2].name: "latency" is already the name of analysis[1]; gate names must be unique' }],
    },
    {
      name: 'a gate without a condition',
      text: planWith(['recreate: {}'], ['analysis:', '  - name: errors', '    metric: errorRate']),
      expected: [{ at: '5:5', code: 'plan.gateCondition', message: 'analysis[0]: gate "errors" needs a successCondition or a failureCondition' }],
    },
    {
      name: 'a condition with a single equals sign',
      text: planWith(['recreate: {}'], ['analysis:', '  - name: errors', '    metric: errorRate', '    failureCondition: result = 1']),
      expected: [{ at: '7:30', code: 'plan.condition', message: 'analysis[0].failureCondition: use "==" to compare, not "=" (column 8 of "result = 1")' }],
    },
    {
      name: 'a quoted condition that ends too early',
      text: planWith(['recreate: {}'], ['analysis:', '  - name: errors', '    metric: errorRate', '    successCondition: "result < 0.01 &&"']),
      expected: [{ at: '7:39', code: 'plan.condition', message: 'analysis[0].successCondition: expected a number, `result` or "(" at the end (column 17 of "result < 0.01 &&")' }],
    },
  ])('should report $name', ({ text, expected }) => {
    expect(problemsIn(text)).toEqual(expected.map((row) => ({ ...row, severity: 'error' })));
  });

  it('should let a background gate run without count', () => {
    const result = parsePlan(planWith(['canary:', '  stepWeight: 10', '  analysis: { templates: [latency] }']));
    expect(result).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('should underline only the offending part of a condition', () => {
    const text = planWith(['recreate: {}'], ['analysis:', '  - name: errors', '    metric: errorRate', '    failureCondition: result >= limit']);
    const [diagnostic] = parsePlan(text).diagnostics;
    expect(text.slice(diagnostic?.range.offset, diagnostic?.range.endOffset)).toBe('l');
  });
});
