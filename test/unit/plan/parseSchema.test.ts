import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { canaryPlan, problemsIn, yaml } from './helpers';

describe('parsePlan: schema mistakes', () => {
  it.each([
    {
      name: 'a weight above 100',
      text: canaryPlan(['steps:', '  - setWeight: 20', '  - pause: {}', '  - setWeight: 120']),
      at: '7:20',
      code: 'schema.tooBig',
      message: 'strategy.canary.steps[2].setWeight: 120 is above 100',
    },
    {
      name: 'a negative weight',
      text: canaryPlan(['stepWeight: -5']),
      at: '4:17',
      code: 'schema.tooSmall',
      message: 'strategy.canary.stepWeight: -5 is below 0',
    },
    {
      name: 'replicas written as a word',
      text: yaml('service: checkout', 'replicas: three', 'strategy:', '  recreate: {}'),
      at: '2:11',
      code: 'schema.type',
      message: 'replicas: expected a whole number, got "three"',
    },
    {
      name: 'a fractional replica count',
      text: yaml('service: checkout', 'replicas: 2.5', 'strategy:', '  recreate: {}'),
      at: '2:11',
      code: 'schema.type',
      message: 'replicas: expected a whole number, got 2.5',
    },
    {
      name: 'zero replicas',
      text: yaml('service: checkout', 'replicas: 0', 'strategy:', '  recreate: {}'),
      at: '2:11',
      code: 'schema.tooSmall',
      message: 'replicas: 0 must be above 0',
    },
    {
      name: 'a misspelt duration',
      text: canaryPlan(['steps:', '  - pause: { duration: 5 minutes }']),
      at: '5:28',
      code: 'schema.format',
      message: 'strategy.canary.steps[0].pause.duration: expected a duration like 30s, 5m, 1h or 250ms, got "5 minutes"',
    },
    {
      name: 'a duration given as a list',
      text: yaml('service: checkout', 'strategy:', '  shadow:', '    interval: [1m]'),
      at: '4:15',
      code: 'schema.type',
      message: 'strategy.shadow.interval: expected a duration such as 30s, 5m, 1h or 250ms, or a number of seconds, got a list',
    },
    {
      name: 'a negative surge',
      text: yaml('service: checkout', 'strategy:', '  rolling:', '    maxSurge: -1'),
      at: '4:15',
      code: 'schema.tooSmall',
      message: 'strategy.rolling.maxSurge: -1 is below 0',
    },
    {
      name: 'a percentage without the sign',
      text: yaml('service: checkout', 'strategy:', '  rolling:', '    maxSurge: "25"'),
      at: '4:15',
      code: 'schema.format',
      message: 'strategy.rolling.maxSurge: expected a count like 2 or a percentage like "25%", got "25"',
    },
    {
      name: 'an unknown engine',
      text: yaml('service: checkout', 'engine: kubernets', 'strategy:', '  rolling: {}'),
      at: '2:9',
      code: 'schema.enum',
      message: 'engine: "kubernets" is not one of fleet, kubernetes, argo-rollouts, flagger; did you mean "kubernetes"?',
    },
    {
      name: 'a boolean written as a word',
      text: yaml('service: checkout', 'strategy:', '  blueGreen:', '    autoPromotionEnabled: no'),
      at: '4:27',
      code: 'schema.type',
      message: 'strategy.blueGreen.autoPromotionEnabled: expected true or false, got "no"',
    },
    {
      name: 'an empty template list',
      text: canaryPlan(['analysis: { templates: [] }', 'stepWeight: 10']),
      at: '4:28',
      code: 'schema.tooSmall',
      message: 'strategy.canary.analysis.templates: expected at least 1 item',
    },
    {
      name: 'an empty service name',
      text: yaml('service: ""', 'strategy:', '  recreate: {}'),
      at: '1:10',
      code: 'schema.tooSmall',
      message: 'service: must not be empty',
    },
    {
      name: 'a missing service',
      text: yaml('replicas: 2', 'strategy:', '  recreate: {}'),
      at: '1:1',
      code: 'schema.required',
      message: 'service: required; add "service:" with a string',
    },
    {
      name: 'a fault without its time',
      text: yaml('service: checkout', 'strategy:', '  recreate: {}', 'scenarios:', '  outage:', '    faults:', '      - kind: routerFault', '        for: 1m'),
      at: '7:9',
      code: 'schema.required',
      message: 'scenarios.outage.faults[0].at: required; add "at:" with a duration such as 30s, 5m, 1h or 250ms, or a number of seconds',
    },
  ])('should report $name where it is written', ({ text, at, code, message }) => {
    expect(problemsIn(text)).toEqual([{ at, severity: 'error', code, message }]);
  });

  it.each([
    {
      name: 'a key with the wrong case',
      text: canaryPlan(['stepweight: 10']),
      at: '4:5',
      message: 'strategy.canary.stepweight: unknown key "stepweight" in strategy.canary; did you mean "stepWeight"?',
      replacement: 'stepWeight',
    },
    {
      name: 'a misspelt top-level key',
      text: yaml('servce: checkout', 'strategy:', '  recreate: {}'),
      at: '1:1',
      message: 'servce: unknown key "servce" in the plan; did you mean "service"?',
      replacement: 'service',
    },
    {
      name: 'a misspelt strategy kind',
      text: yaml('service: checkout', 'strategy:', '  canray:', '    stepWeight: 10'),
      at: '3:3',
      message: 'strategy.canray: unknown key "canray" in strategy; did you mean "canary"?',
      replacement: 'canary',
    },
    {
      name: 'a misspelt step action',
      text: canaryPlan(['steps:', '  - setweight: 10']),
      at: '5:9',
      message: 'strategy.canary.steps[0].setweight: unknown key "setweight" in strategy.canary.steps[0]; did you mean "setWeight"?',
      replacement: 'setWeight',
    },
  ])('should point at the unknown key in $name and suggest the right one', ({ text, at, message, replacement }) => {
    const [diagnostic] = parsePlan(text).diagnostics;
    expect(diagnostic && { at: `${diagnostic.range.start.line}:${diagnostic.range.start.column}`, message: diagnostic.message }).toEqual({ at, message });
    expect(diagnostic?.code).toBe('schema.unknownKey');
    expect(diagnostic?.fix?.replacement).toBe(replacement);
    expect(text.slice(diagnostic?.range.offset, diagnostic?.range.endOffset)).not.toContain(':');
  });

  it('should list the allowed keys when nothing is close', () => {
    const [problem] = problemsIn(yaml('service: checkout', 'strategy:', '  recreate:', '    banana: 1'));
    expect(problem?.message).toBe('strategy.recreate.banana: unknown key "banana" in strategy.recreate; expected one of analysis');
  });

  it('should report every schema mistake at once, in document order', () => {
    const text = canaryPlan(['stepweight: 10', 'maxWeight: 150', 'steps:', '  - setWeight: 120'], 'replicas: many');
    expect(problemsIn(text).map((problem) => problem.at)).toEqual(['4:5', '5:16', '7:20', '8:11']);
  });
});
