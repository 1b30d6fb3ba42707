import { describe, expect, it } from 'vitest';
import { argoRollouts } from '../../../src/domain/physics';

// Every row of argo-rollouts utils/replicaset/canary_test.go TestApproximateWeightedNewStableReplicaCounts.
const upstream: [replicas: number, weight: number, surge: number, canary: number, stable: number][] = [
  [0, 0, 0, 0, 0], [0, 50, 0, 0, 0], [0, 100, 0, 0, 0], [0, 0, 1, 0, 0], [0, 50, 1, 0, 0], [0, 100, 1, 0, 0],
  [1, 0, 0, 0, 1], [1, 1, 0, 0, 1], [1, 49, 0, 0, 1], [1, 50, 0, 1, 0], [1, 99, 0, 1, 0], [1, 100, 0, 1, 0],
  [1, 0, 1, 0, 1], [1, 1, 1, 1, 1], [1, 49, 1, 1, 1], [1, 50, 1, 1, 1], [1, 99, 1, 1, 1], [1, 100, 1, 1, 0],
  [2, 0, 0, 0, 2], [2, 1, 0, 1, 1], [2, 50, 0, 1, 1], [2, 99, 0, 1, 1], [2, 100, 0, 2, 0],
  [2, 0, 1, 0, 2], [2, 1, 1, 1, 2], [2, 50, 1, 1, 1], [2, 99, 1, 2, 1], [2, 100, 1, 2, 0],
  [3, 10, 0, 1, 2], [3, 25, 0, 1, 2], [3, 33, 0, 1, 2], [3, 34, 0, 1, 2], [3, 49, 0, 1, 2], [3, 50, 0, 2, 1],
  [3, 10, 1, 1, 3], [3, 25, 1, 1, 3], [3, 33, 1, 1, 2], [3, 34, 1, 1, 2], [3, 49, 1, 2, 2], [3, 50, 1, 2, 2],
  [10, 0, 1, 0, 10], [10, 1, 0, 1, 9], [10, 14, 0, 1, 9], [10, 15, 0, 2, 8], [10, 16, 0, 2, 8], [10, 99, 0, 9, 1], [10, 100, 1, 10, 0],
  [10, 1, 1, 1, 10], [10, 18, 1, 2, 9], [10, 19, 1, 2, 9], [10, 20, 1, 2, 8], [10, 23, 1, 2, 8], [10, 24, 1, 3, 8], [10, 25, 1, 3, 8],
  [10, 99, 1, 10, 1], [10, 100, 1, 10, 0],
];

describe('approximateWeightedCanaryStableReplicaCounts', () => {
  it.each(upstream.map(([replicas, weight, surge, canary, stable]) => ({ name: `${replicas} replicas, weight ${weight}, surge ${surge} -> ${canary}/${stable}`, replicas, weight, surge, canary, stable })))(
    '$name',
    ({ replicas, weight, surge, canary, stable }) => {
      expect(argoRollouts.approximateWeightedCanaryStableReplicaCounts(replicas, weight, surge)).toEqual([canary, stable]);
    },
  );

  it.each([
    { name: '33% of 5 without surge: 2/3 (40%) beats 1/4 (20%)', replicas: 5, weight: 33, surge: 0, expected: [2, 3] },
    { name: '33% of 7 without surge: 2/5', replicas: 7, weight: 33, surge: 0, expected: [2, 5] },
    { name: '33% of 7 with surge: 3 of 8 (37.5%) loses to 2 of 7 (28.6%)', replicas: 7, weight: 33, surge: 1, expected: [2, 5] },
    { name: '67% of 3 without surge: 2/1', replicas: 3, weight: 67, surge: 0, expected: [2, 1] },
  ])('$name', ({ replicas, weight, surge, expected }) => {
    expect(argoRollouts.approximateWeightedCanaryStableReplicaCounts(replicas, weight, surge)).toEqual(expected);
  });
});

describe('fenceposts (lenient "25")', () => {
  it.each([
    { name: 'defaults "25"/"25" of 10 give surge 3, unavailable 2', rollout: { replicas: 10 }, surge: 3, unavailable: 2 },
    { name: '"25" without % is 25 % here', rollout: { replicas: 4, maxSurge: '25', maxUnavailable: 0 }, surge: 1, unavailable: 0 },
    { name: '0%/0% force unavailable 1', rollout: { replicas: 10, maxSurge: '0%', maxUnavailable: '0%' }, surge: 0, unavailable: 1 },
    { name: 'blue-green has no surge and no fencepost', rollout: { replicas: 10, strategy: 'blueGreen' as const, maxUnavailable: 0 }, surge: 0, unavailable: 0 },
    { name: 'unavailable is capped at replicas', rollout: { replicas: 2, maxSurge: 0, maxUnavailable: 5 }, surge: 0, unavailable: 2 },
  ])('$name', ({ rollout, surge, unavailable }) => {
    expect([argoRollouts.maxSurge(rollout), argoRollouts.maxUnavailable(rollout)]).toEqual([surge, unavailable]);
  });
});

// argo-rollouts utils/replicaset TestResolveFenceposts (the rows it shares with Kubernetes' table), read with the lenient parser.
describe('resolveFenceposts (argo-rollouts utils/replicaset)', () => {
  it.each([
    { name: 'row 0%/0% of 0: surge 0, unavailable 1', maxSurge: '0%', maxUnavailable: '0%', desired: 0, expected: { maxSurge: 0, maxUnavailable: 1 } },
    { name: 'row 39%/39% of 10: surge 4, unavailable 3', maxSurge: '39%', maxUnavailable: '39%', desired: 10, expected: { maxSurge: 4, maxUnavailable: 3 } },
    { name: 'row oops/39%: an error, both 0', maxSurge: 'oops', maxUnavailable: '39%', desired: 10, expected: { maxSurge: 0, maxUnavailable: 0, error: expect.stringContaining('oops') } },
    { name: 'row 55%/urg: an error, both 0', maxSurge: '55%', maxUnavailable: 'urg', desired: 10, expected: { maxSurge: 0, maxUnavailable: 0, error: expect.stringContaining('urg') } },
    { name: 'Kubernetes\' row 5/1 of 7, read leniently ("5" is 5 %): surge 1, unavailable 0', maxSurge: '5', maxUnavailable: '1', desired: 7, expected: { maxSurge: 1, maxUnavailable: 0 } },
  ])('$name', ({ maxSurge, maxUnavailable, desired, expected }) => {
    expect(argoRollouts.resolveFenceposts(maxSurge, maxUnavailable, desired)).toEqual(expected);
  });

  it('MaxSurge and MaxUnavailable read a malformed value as 0, as the controller does ("caught by validation")', () => {
    expect([argoRollouts.maxSurge({ replicas: 10, maxSurge: 'oops', maxUnavailable: '39%' }), argoRollouts.maxUnavailable({ replicas: 10, maxSurge: 'oops', maxUnavailable: '39%' })]).toEqual([0, 0]);
  });
});

describe('getCurrentSetWeight and getCanaryReplicasOrWeight', () => {
  const steps = [{ setWeight: 20 }, {}, { setWeight: 50 }, {}];
  const status = { stableRS: 'stable', currentPodHash: 'canary' };
  it.each([
    { name: 'the weight of the current step', index: 0, extra: {}, expected: { weight: 20 } },
    { name: 'a pause step keeps the last weight', index: 1, extra: {}, expected: { weight: 20 } },
    { name: 'past the last step means 100', index: 4, extra: {}, expected: { weight: 100 } },
    { name: 'an abort means 0', index: 2, extra: { abort: true }, expected: { weight: 0 } },
    { name: 'a full promotion means 100', index: 0, extra: { promoteFull: true }, expected: { weight: 100 } },
    { name: 'no stable set yet means 100', index: 0, extra: { stableRS: undefined }, expected: { weight: 100 } },
  ])('$name', ({ index, extra, expected }) => {
    expect(argoRollouts.getCanaryReplicasOrWeight({ steps }, { ...status, currentStepIndex: index, ...extra })).toEqual(expected);
  });

  it('should return 0 before the first setWeight', () => {
    expect(argoRollouts.getCurrentSetWeight({ steps: [{}, { setWeight: 10 }] }, { currentStepIndex: 0 })).toBe(0);
  });
});

// trafficRouting.maxTrafficWeight: weights out of it, not of 100 (utils/weightutil MaxTrafficWeight and its readers).
describe('maxTrafficWeight', () => {
  it.each([
    { name: 'unset: 100', rollout: { trafficRouting: true }, expected: 100 },
    { name: 'set with traffic routing: its value', rollout: { trafficRouting: true, maxTrafficWeight: 1000 }, expected: 1000 },
    { name: 'set without traffic routing: still 100', rollout: { maxTrafficWeight: 1000 }, expected: 100 },
    { name: 'blue-green: 100', rollout: { strategy: 'blueGreen' as const, trafficRouting: true, maxTrafficWeight: 1000 }, expected: 100 },
  ])('$name', ({ rollout, expected }) => {
    expect(argoRollouts.maxTrafficWeight(rollout)).toBe(expected);
  });

  it.each([
    // Mirrors TestTrafficWeightToReplicas' last row.
    { name: 'TestTrafficWeightToReplicas: 23 replicas, 100000000 of 100000000', replicas: 23, weight: 100_000_000, max: 100_000_000, expected: 23 },
    { name: '10 replicas, 250 of 1000 rounds up to 3', replicas: 10, weight: 250, max: 1000, expected: 3 },
  ])('trafficWeightToReplicas $name', ({ replicas, weight, max, expected }) => {
    expect(argoRollouts.trafficWeightToReplicas(replicas, weight, max)).toBe(expected);
  });

  it('should approximate every upstream row alike when weights are out of 1000 (TestApproximateWeightedNewStableReplicaCounts ×10)', () => {
    for (const [replicas, weight, surge, canary, stable] of upstream) {
      expect(argoRollouts.approximateWeightedCanaryStableReplicaCounts(replicas, weight * 10, surge, 1000)).toEqual([canary, stable]);
    }
  });

  it.each([
    // Mirrors rollout/canary_test.go TestCanaryRolloutWithMaxWeightInTrafficRouting: 10 replicas, the canary's first size.
    { name: 'max weight 100, setWeight 10: canary 1', max: 100, setWeight: 10, expected: 1 },
    { name: 'max weight 1000, setWeight 200: canary 2', max: 1000, setWeight: 200, expected: 2 },
  ])('calculateReplicaCountsForTrafficRoutedCanary: $name', ({ max, setWeight, expected }) => {
    const rollout = { replicas: 10, maxSurge: 1, maxUnavailable: 0, steps: [{ setWeight }], trafficRouting: true, maxTrafficWeight: max };
    expect(argoRollouts.calculateReplicaCountsForTrafficRoutedCanary(rollout, { stableRS: 'stable', currentPodHash: 'canary' })).toEqual([expected, 10]);
  });

  it('should size stable for maxWeight - weight under dynamicStableScale', () => {
    const rollout = { replicas: 10, steps: [{ setWeight: 200 }], trafficRouting: true, dynamicStableScale: true, maxTrafficWeight: 1000 };
    expect(argoRollouts.calculateReplicaCountsForTrafficRoutedCanary(rollout, { stableRS: 'stable', currentPodHash: 'canary' }, { canary: 200, stable: 800 })).toEqual([2, 8]);
  });

  it('should read the whole of maxTrafficWeight past the last step, on a full promotion and without a stable set', () => {
    const rollout = { trafficRouting: true, maxTrafficWeight: 1000, steps: [{ setWeight: 200 }] };
    expect(argoRollouts.getCurrentSetWeight(rollout, { currentStepIndex: 1 })).toBe(1000);
    expect(argoRollouts.getCanaryReplicasOrWeight(rollout, { promoteFull: true })).toEqual({ weight: 1000 });
    expect(argoRollouts.getCanaryReplicasOrWeight(rollout, {})).toEqual({ weight: 1000 });
  });

  it('should keep a basic canary out of 100 (maxTrafficWeight is a traffic-router field)', () => {
    const rollout = { replicas: 10, maxSurge: 0, maxUnavailable: 2, steps: [{ setWeight: 20 }], maxTrafficWeight: 1000 };
    const stable = { name: 'stable', replicas: 10, availableReplicas: 10 };
    const canary = { name: 'canary', replicas: 0, availableReplicas: 0 };
    expect(argoRollouts.calculateReplicaCountsForBasicCanary(rollout, { stableRS: 'stable', currentPodHash: 'canary' }, canary, stable, [])).toEqual([0, 8]);
  });
});
