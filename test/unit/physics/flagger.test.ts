import { describe, expect, it } from 'vitest';
import { flagger } from '../../../src/domain/physics';
import type { FlaggerConfig } from '../../../src/domain/physics/flagger';

const trace = (config: FlaggerConfig, checks?: (interval: number) => boolean): string[] =>
  flagger.flaggerTimeline(config, checks).map((e) => `${e.phase}:${e.canaryWeight}${e.mirrored ? 'm' : ''}`);

describe('flaggerTimeline', () => {
  it.each<{ name: string; config: FlaggerConfig; expected: string[] }>([
    // Mirrors fluxcd/flagger TestScheduler_DeploymentAnalysisPhases (stepWeight 100).
    { name: 'stepWeight 100: progressing, progressing, promoting, finalising, succeeded', config: { stepWeight: 100 }, expected: ['progressing:0', 'progressing:100', 'promoting:100', 'finalising:0', 'succeeded:0'] },
    {
      name: 'stepWeight 10, maxWeight 50',
      config: { stepWeight: 10, maxWeight: 50 },
      expected: ['progressing:0', 'progressing:10', 'progressing:20', 'progressing:30', 'progressing:40', 'progressing:50', 'promoting:50', 'finalising:0', 'succeeded:0'],
    },
    {
      // Flagger caps the step at 100, not at maxWeight: the canary overshoots to 60 before promotion.
      name: 'stepWeight 20, maxWeight 50 overshoots to 60',
      config: { stepWeight: 20, maxWeight: 50 },
      expected: ['progressing:0', 'progressing:20', 'progressing:40', 'progressing:60', 'promoting:60', 'finalising:0', 'succeeded:0'],
    },
    {
      name: 'stepWeights 1, 5, 25, 50 (maxWeight is the last entry)',
      config: { stepWeights: [1, 5, 25, 50] },
      expected: ['progressing:0', 'progressing:1', 'progressing:5', 'progressing:25', 'progressing:50', 'promoting:50', 'finalising:0', 'succeeded:0'],
    },
    {
      name: 'stepWeights ending at 100 promote from 100',
      config: { stepWeights: [50, 100] },
      expected: ['progressing:0', 'progressing:50', 'progressing:100', 'promoting:100', 'finalising:0', 'succeeded:0'],
    },
    {
      // Mirrors TestScheduler_DeploymentMirroring: one mirrored interval (100/0), then 90/10.
      name: 'canary with mirror: mirror one interval before shifting',
      config: { stepWeight: 10, maxWeight: 20, mirror: true },
      expected: ['progressing:0', 'progressing:0m', 'progressing:10', 'progressing:20', 'promoting:20', 'finalising:0', 'succeeded:0'],
    },
    {
      // Mirrors TestScheduler_DeploymentBlueGreenAnalysisPhases (iterations 1).
      name: 'blue-green, 1 iteration',
      config: { iterations: 1 },
      expected: ['progressing:0', 'progressing:0', 'progressing:100', 'promoting:100', 'finalising:0', 'succeeded:0'],
    },
    {
      name: 'blue-green with mirror mirrors through the iterations, then switches',
      config: { iterations: 2, mirror: true },
      expected: ['progressing:0', 'progressing:0m', 'progressing:0m', 'progressing:100', 'promoting:100', 'finalising:0', 'succeeded:0'],
    },
    {
      // Mirrors TestScheduler_DeploymentABTesting: matched traffic all to the canary, promote at the last iteration.
      name: 'A/B, 2 iterations',
      config: { iterations: 2, match: true },
      expected: ['progressing:0', 'progressing:100', 'progressing:100', 'promoting:100', 'finalising:0', 'succeeded:0'],
    },
    {
      // Detection, 10 iterations, and the interval that would switch traffic (no router here), then promotion.
      name: 'kubernetes provider runs blue-green with 10 iterations and never routes',
      config: { stepWeight: 10, provider: 'kubernetes' },
      expected: [...Array<string>(12).fill('progressing:0'), 'promoting:0', 'finalising:0', 'succeeded:0'],
    },
    {
      name: 'stepWeightPromotion hands traffic back in steps',
      config: { stepWeight: 50, stepWeightPromotion: 30 },
      expected: ['progressing:0', 'progressing:50', 'progressing:100', 'promoting:100', 'promoting:70', 'promoting:40', 'promoting:10', 'finalising:0', 'succeeded:0'],
    },
  ])('$name', ({ config, expected }) => {
    expect(trace(config)).toEqual(expected);
  });

  it('should report primary weight as the rest of the traffic', () => {
    expect(flagger.flaggerTimeline({ stepWeight: 30 }).map((e) => e.primaryWeight).slice(0, 3)).toEqual([100, 70, 40]);
  });

  it('should stop when the state can no longer change', () => {
    expect(trace({ stepWeight: 0 })).toEqual(['progressing:0']);
  });
});

describe('flaggerStep: failed checks', () => {
  it.each<{ name: string; config: FlaggerConfig; failing: number[]; expected: string[] }>([
    {
      // The failure is counted in interval 3 and acted on in interval 4.
      name: 'threshold 1 (the default): roll back the interval after a failure',
      config: { stepWeight: 10 },
      failing: [3],
      expected: ['progressing:0', 'progressing:10', 'progressing:10', 'failed:0'],
    },
    {
      name: 'threshold 2: one failure only holds the weight',
      config: { stepWeight: 25, threshold: 2 },
      failing: [3],
      expected: ['progressing:0', 'progressing:25', 'progressing:25', 'progressing:50', 'progressing:75', 'progressing:100', 'promoting:100', 'finalising:0', 'succeeded:0'],
    },
    {
      // Failed checks add up over the analysis; they do not need to be consecutive.
      name: 'threshold 2: two separate failures roll back',
      config: { stepWeight: 25, threshold: 2 },
      failing: [3, 5],
      expected: ['progressing:0', 'progressing:25', 'progressing:25', 'progressing:50', 'progressing:50', 'failed:0'],
    },
    {
      name: 'a failing pre-rollout gate counts too',
      config: { stepWeight: 25 },
      failing: [2],
      expected: ['progressing:0', 'progressing:0', 'failed:0'],
    },
  ])('$name', ({ config, failing, expected }) => {
    expect(trace(config, (n) => !failing.includes(n))).toEqual(expected);
  });

  it('should keep counting failed checks on the state', () => {
    const progressing = flagger.flaggerStep(flagger.FLAGGER_INITIAL_STATE, { stepWeight: 10, threshold: 3 }, { checksPassed: true });
    const failed = flagger.flaggerStep(progressing, { stepWeight: 10, threshold: 3 }, { checksPassed: false });
    expect(failed).toMatchObject({ phase: 'progressing', failedChecks: 1, canaryWeight: 0 });
  });

  it('should leave finished analyses alone', () => {
    const done = { ...flagger.FLAGGER_INITIAL_STATE, phase: 'succeeded' as const };
    expect(flagger.flaggerStep(done, { stepWeight: 10 }, { checksPassed: false })).toBe(done);
  });
});

describe('nextStepWeight and maxWeight', () => {
  it.each<{ name: string; config: FlaggerConfig; weight: number; expected: number }>([
    { name: 'stepWeight is the step', config: { stepWeight: 10 }, weight: 40, expected: 10 },
    { name: 'first stepWeights entry from 0', config: { stepWeights: [1, 5, 25] }, weight: 0, expected: 1 },
    { name: 'gap to the next entry', config: { stepWeights: [1, 5, 25] }, weight: 5, expected: 20 },
    { name: 'last entry: the rest up to 100', config: { stepWeights: [1, 5, 25] }, weight: 25, expected: 75 },
    { name: 'at 100: 1, to trigger promotion', config: { stepWeights: [50, 100] }, weight: 100, expected: 1 },
    { name: 'stepWeight wins over stepWeights', config: { stepWeight: 7, stepWeights: [1, 5] }, weight: 0, expected: 7 },
  ])('nextStepWeight: $name', ({ config, weight, expected }) => {
    expect(flagger.nextStepWeight(config, weight)).toBe(expected);
  });

  it.each<{ name: string; config: FlaggerConfig; expected: number }>([
    { name: 'last stepWeights entry', config: { stepWeights: [1, 5, 25, 50], maxWeight: 80 }, expected: 50 },
    { name: 'maxWeight', config: { stepWeight: 10, maxWeight: 30 }, expected: 30 },
    { name: 'default 100', config: { stepWeight: 10 }, expected: 100 },
  ])('maxWeight: $name', ({ config, expected }) => {
    expect(flagger.maxWeight(config)).toBe(expected);
  });
});
