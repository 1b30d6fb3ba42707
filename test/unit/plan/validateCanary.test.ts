import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { canaryPlan, problemsIn } from './helpers';

describe('validatePlan: canary', () => {
  it.each([
    {
      name: 'a weight above maxWeight 100 is a schema error',
      lines: ['steps:', '  - setWeight: 20', '  - pause: {}', '  - setWeight: 120'],
      expected: [{ at: '7:20', code: 'schema.tooBig', message: 'strategy.canary.steps[2].setWeight: 120 is above 100' }],
    },
    {
      name: 'a weight above a lower maxWeight',
      lines: ['maxWeight: 50', 'steps:', '  - setWeight: 20', '  - pause: {}', '  - setWeight: 60'],
      expected: [{ at: '8:20', code: 'plan.maxWeight', message: 'strategy.canary.steps[2].setWeight: 60 is above maxWeight 50' }],
    },
    {
      name: 'a stepWeight above maxWeight',
      lines: ['maxWeight: 30', 'stepWeight: 40'],
      expected: [{ at: '5:17', code: 'plan.maxWeight', message: 'strategy.canary.stepWeight: 40 is above maxWeight 30' }],
    },
    {
      name: 'a step with two actions',
      lines: ['steps:', '  - setWeight: 20', '    pause: { duration: 1m }'],
      expected: [{ at: '5:9', code: 'plan.stepAction', message: 'strategy.canary.steps[0]: a step does exactly one thing; found setWeight and pause; split it into 2 steps' }],
    },
    {
      name: 'a step with no action',
      lines: ['steps:', '  - setWeight: 20', '  - {}'],
      expected: [{ at: '6:9', code: 'plan.stepAction', message: 'strategy.canary.steps[1]: a step needs one of setWeight, pause, analysis, setCanaryScale, setHeaderRoute, setMirrorRoute' }],
    },
    {
      name: 'neither steps nor stepWeight',
      lines: ['maxWeight: 50'],
      expected: [{ at: '3:3', code: 'plan.canaryProgression', message: 'strategy.canary: needs either steps or stepWeight/stepWeights to know how traffic moves' }],
    },
    {
      name: 'both steps and stepWeight',
      lines: ['stepWeight: 10', 'steps:', '  - setWeight: 20'],
      expected: [{ at: '4:5', code: 'plan.canaryProgression', message: 'strategy.canary.stepWeight: use either steps or stepWeight, not both' }],
    },
    {
      name: 'both stepWeight and stepWeights',
      lines: ['stepWeight: 10', 'stepWeights: [5, 10]'],
      expected: [{ at: '5:5', code: 'plan.canaryProgression', message: 'strategy.canary.stepWeights: use either stepWeight or stepWeights, not both' }],
    },
    {
      name: 'stepWeights that repeat',
      lines: ['stepWeights: [5, 10, 10, 50]'],
      expected: [{ at: '4:26', code: 'plan.stepWeightsOrder', message: 'strategy.canary.stepWeights[2]: 10 must be above the previous weight 10; stepWeights increase strictly' }],
    },
  ])('should report $name', ({ lines, expected }) => {
    expect(problemsIn(canaryPlan(lines))).toEqual(expected.map((row) => ({ ...row, severity: 'error' })));
  });

  it('should warn, not fail, when traffic moves back down', () => {
    const result = parsePlan(canaryPlan(['steps:', '  - setWeight: 40', '  - pause: {}', '  - setWeight: 20']));
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [`${d.range.start.line}:${d.range.start.column}`, d.severity, d.message])).toEqual([
      ['7:20', 'warning', 'strategy.canary.steps[2].setWeight: 20 is lower than steps[0].setWeight 40; traffic moves back to stable here'],
    ]);
  });

  it('should accept an Argo-style canary with increasing weights and no warnings', () => {
    const result = parsePlan(canaryPlan(['steps:', '  - setWeight: 10', '  - pause: { duration: 30s }', '  - setWeight: 50', '  - pause: {}']));
    expect(result).toMatchObject({ ok: true, diagnostics: [] });
  });
});
