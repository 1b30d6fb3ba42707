import { describe, expect, it } from 'vitest';
import { argoRollouts } from '../../../src/domain/physics';
import type { IntOrString } from '../../../src/domain/physics';
import type { ArgoCanaryStep, ReplicaSet } from '../../../src/domain/physics/argoRollouts';

interface Row {
  name: string;
  replicas: number;
  setWeight: number;
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  promoteFull?: boolean;
  stable: [spec: number, available: number];
  canary?: [spec: number, available: number];
  older?: [spec: number, available: number];
  setCanaryScale?: ArgoCanaryStep['setCanaryScale'];
  trafficRouting?: boolean;
  abort?: boolean;
  abortScaleDownDelaySeconds?: number;
  minPodsPerReplicaSet?: number;
  expected: [canary: number, stable: number];
}

const set = (name: string, [replicas, availableReplicas]: [number, number]): ReplicaSet => ({ name, replicas, availableReplicas });

// Rows mirror argo-rollouts utils/replicaset/canary_test.go TestCalculateReplicaCountsForCanary.
const rows: Row[] = [
  { name: 'Do not add extra RSs in scaleDownCount when .Spec.Replica < AvailableReplicas', replicas: 10, setWeight: 100, maxSurge: 3, maxUnavailable: 0, stable: [7, 8], canary: [6, 3], expected: [6, 7] },
  { name: 'Use max surge int to scale up canary', replicas: 10, setWeight: 20, maxSurge: 2, maxUnavailable: 0, stable: [10, 10], canary: [0, 0], expected: [2, 10] },
  { name: 'Use max surge percentage to scale up canary', replicas: 10, setWeight: 20, maxSurge: '20%', maxUnavailable: 0, stable: [10, 10], canary: [0, 0], expected: [2, 10] },
  { name: 'Scale down extra stable replicas', replicas: 10, setWeight: 20, maxSurge: '20%', maxUnavailable: 0, stable: [10, 10], canary: [2, 2], expected: [2, 8] },
  { name: 'Do not go past max surge', replicas: 10, setWeight: 30, maxSurge: 2, maxUnavailable: 0, stable: [10, 10], canary: [0, 0], expected: [2, 10] },
  { name: 'Use max unavailable int to scale down stableRS', replicas: 10, setWeight: 20, maxSurge: 0, maxUnavailable: 2, stable: [10, 10], canary: [0, 0], expected: [0, 8] },
  { name: 'Use max surge percentage to scale down stableRS', replicas: 10, setWeight: 20, maxSurge: 0, maxUnavailable: '20%', stable: [10, 10], canary: [0, 0], expected: [0, 8] },
  { name: 'Do not go past max unavailable', replicas: 10, setWeight: 30, maxSurge: 0, maxUnavailable: 2, stable: [10, 10], canary: [0, 0], expected: [0, 8] },
  { name: 'Use Max Surge and Max Unavailable', replicas: 10, setWeight: 50, maxSurge: 2, maxUnavailable: 1, stable: [10, 10], canary: [0, 0], expected: [2, 9] },
  { name: 'Scale canaryRS to zero on setWeight of 0%', replicas: 10, setWeight: 0, maxSurge: 1, maxUnavailable: 1, stable: [10, 10], canary: [1, 1], expected: [0, 10] },
  { name: 'Scale stable to zero on setWeight of 100%', replicas: 10, setWeight: 100, maxSurge: 1, maxUnavailable: 1, stable: [1, 1], canary: [10, 10], expected: [10, 0] },
  { name: 'Do not scale newRS down to zero on non-zero weight', replicas: 1, setWeight: 20, maxSurge: 1, maxUnavailable: 0, stable: [1, 1], canary: [0, 0], expected: [1, 1] },
  { name: 'Do not scale canaryRS down to zero on non-100 weight', replicas: 1, setWeight: 90, maxSurge: 1, maxUnavailable: 0, stable: [1, 1], canary: [0, 0], expected: [1, 1] },
  { name: 'Scale up Stable before newRS', replicas: 10, setWeight: 30, maxSurge: 1, maxUnavailable: 0, stable: [1, 1], canary: [0, 0], older: [3, 3], expected: [1, 7] },
  { name: 'Scale down newRS and stable', replicas: 10, setWeight: 30, maxSurge: 0, maxUnavailable: 3, stable: [8, 5], canary: [4, 4], expected: [3, 7] },
  { name: 'Scale down stable and canary available', replicas: 10, setWeight: 100, maxSurge: 1, maxUnavailable: 0, stable: [10, 2], canary: [10, 8], expected: [9, 2] },
  { name: 'Do not scale down newRS or stable when older RS count >= scaleDownCount', replicas: 10, setWeight: 30, maxSurge: 0, maxUnavailable: 1, stable: [8, 6], canary: [4, 2], older: [3, 3], expected: [4, 8] },
  { name: 'Do not round past maxSurge with uneven setWeight divisor', replicas: 10, setWeight: 5, maxSurge: 0, maxUnavailable: 1, stable: [10, 10], canary: [0, 0], expected: [0, 9] },
  { name: 'Do not round past maxSurge with uneven setWeight divisor (part 2)', replicas: 10, setWeight: 5, maxSurge: 0, maxUnavailable: 1, stable: [9, 9], canary: [0, 0], expected: [1, 9] },
  { name: 'Use maxUnavailable of 1 when percentage of maxUnavailable and maxSurge result in 0 replicas', replicas: 10, setWeight: 10, maxSurge: '0%', maxUnavailable: '0%', stable: [10, 10], canary: [0, 0], expected: [0, 9] },
  { name: 'For canary replicas, use setCanaryScale.replicas with trafficRouting (and ignore setWeight)', replicas: 1, setWeight: 100, stable: [1, 1], setCanaryScale: { replicas: 9 }, trafficRouting: true, expected: [9, 1] },
  { name: 'Use setCanaryScale.weight with trafficRouting (and ignore setWeight)', replicas: 4, setWeight: 100, stable: [4, 4], setCanaryScale: { weight: 200 }, trafficRouting: true, expected: [8, 4] },
  { name: 'Ignore setCanaryScale replicas/weight when matchTrafficWeight is true', replicas: 10, setWeight: 20, maxSurge: '20%', maxUnavailable: 0, stable: [10, 10], canary: [0, 0], setCanaryScale: { replicas: 9, weight: 100, matchTrafficWeight: true }, trafficRouting: true, expected: [2, 10] },
  { name: 'Ignore setCanaryScale when trafficRouting is missing and use setWeight for replicas', replicas: 10, setWeight: 20, maxSurge: '20%', maxUnavailable: 0, stable: [10, 10], canary: [0, 0], setCanaryScale: { replicas: 9, weight: 100 }, expected: [2, 10] },
  { name: 'honor maxSurge during scale up when stableRS unavailable', replicas: 4, setWeight: 100, maxSurge: 1, maxUnavailable: 0, stable: [4, 1], canary: [0, 0], expected: [1, 4] },
  { name: 'scale down to maxunavailable without exceeding maxSurge', replicas: 3, setWeight: 99, maxSurge: 0, maxUnavailable: 2, stable: [3, 3], canary: [0, 0], expected: [0, 1] },
  { name: 'scale down to maxunavailable without exceeding maxSurge (part 2)', replicas: 3, setWeight: 99, maxSurge: 0, maxUnavailable: 2, stable: [1, 1], canary: [0, 0], expected: [2, 1] },
  { name: 'honor maxUnavailable during scale down stableRS unavailable', replicas: 4, setWeight: 100, maxSurge: 1, maxUnavailable: 0, stable: [4, 1], canary: [1, 1], expected: [1, 3] },
  { name: 'honor maxUnavailable when aborting or reducing weight part 1', replicas: 4, setWeight: 0, maxSurge: 1, maxUnavailable: 0, stable: [0, 0], canary: [4, 4], expected: [4, 1] },
  { name: 'honor maxUnavailable when aborting or reducing weight part 2', replicas: 4, setWeight: 0, maxSurge: 1, maxUnavailable: 0, stable: [1, 0], canary: [4, 4], expected: [4, 1] },
  { name: 'honor maxUnavailable when aborting or reducing weight part 3', replicas: 4, setWeight: 0, maxSurge: 1, maxUnavailable: 0, stable: [1, 1], canary: [4, 4], expected: [3, 1] },
  { name: 'promote full does not consider weight', replicas: 4, setWeight: 1, maxSurge: 4, maxUnavailable: 4, promoteFull: true, stable: [4, 4], canary: [0, 0], expected: [4, 0] },
  { name: 'promote full still honors maxSurge/maxUnavailable', replicas: 4, setWeight: 1, maxSurge: 3, maxUnavailable: 0, promoteFull: true, stable: [4, 4], canary: [0, 0], expected: [3, 4] },
  { name: 'aborted with abortScaleDownDelaySeconds:0 and setCanaryScale', replicas: 1, setWeight: 0, stable: [1, 1], canary: [1, 1], setCanaryScale: { replicas: 1 }, trafficRouting: true, abort: true, abortScaleDownDelaySeconds: 0, expected: [1, 1] },
  { name: 'aborted with abortScaleDownDelaySeconds>0 and setCanaryScale', replicas: 1, setWeight: 0, stable: [1, 1], canary: [1, 1], setCanaryScale: { replicas: 1 }, trafficRouting: true, abort: true, abortScaleDownDelaySeconds: 30, expected: [0, 1] },
  { name: 'Honor MinPodsPerReplicaSet when using trafficRouting and starting canary', replicas: 10, setWeight: 5, stable: [10, 10], canary: [0, 0], trafficRouting: true, minPodsPerReplicaSet: 2, expected: [2, 10] },
];

describe('calculateReplicaCounts (basic and traffic-routed canary)', () => {
  it.each(rows)('$name', (row) => {
    const rollout = {
      replicas: row.replicas,
      // Upstream's zero-value IntOrString is the integer 0.
      maxSurge: row.maxSurge ?? 0,
      maxUnavailable: row.maxUnavailable ?? 0,
      steps: [{ setWeight: row.setWeight, ...(row.setCanaryScale ? { setCanaryScale: row.setCanaryScale } : {}) }],
      trafficRouting: row.trafficRouting ?? false,
      ...(row.abortScaleDownDelaySeconds === undefined ? {} : { abortScaleDownDelaySeconds: row.abortScaleDownDelaySeconds }),
      ...(row.minPodsPerReplicaSet === undefined ? {} : { minPodsPerReplicaSet: row.minPodsPerReplicaSet }),
    };
    const status = { stableRS: 'stable', currentPodHash: 'canary', promoteFull: row.promoteFull ?? false, abort: row.abort ?? false };
    const counts = row.trafficRouting
      ? argoRollouts.calculateReplicaCountsForTrafficRoutedCanary(rollout, status)
      : argoRollouts.calculateReplicaCountsForBasicCanary(rollout, status, set('canary', row.canary ?? [0, 0]), set('stable', row.stable), row.older ? [set('older', row.older)] : []);
    expect(counts).toEqual(row.expected);
  });

  it('should head the new set to all replicas when there is no distinct stable set', () => {
    // Mirrors TestCalculateReplicaCountsForCanaryStableRSdEdgeCases.
    const rollout = { replicas: 10, maxSurge: 0, maxUnavailable: 1, steps: [{ setWeight: 10 }] };
    const newRs = { name: 'stable', replicas: 9, availableReplicas: 9 };
    expect(argoRollouts.calculateReplicaCountsForBasicCanary(rollout, {}, newRs, undefined, [])).toEqual([10, 0]);
    expect(argoRollouts.calculateReplicaCountsForBasicCanary(rollout, {}, newRs, newRs, [])).toEqual([10, 0]);
  });
});

describe('calculateReplicaCountsForTrafficRoutedCanary with dynamicStableScale', () => {
  // Rows mirror canary_test.go TestCalculateReplicaCountsForCanaryTrafficRoutingDynamicScale.
  it.each([
    { name: 'stable shrinks to the stable weight', setWeight: 10, abort: false, weights: { canary: 10, stable: 90 }, expected: [1, 9] },
    { name: 'desired canary 20 beats actual 10; stable keeps 90 % capacity', setWeight: 20, abort: false, weights: { canary: 10, stable: 90 }, expected: [2, 9] },
    { name: 'on abort the canary keeps capacity for traffic it still has', setWeight: 20, abort: true, weights: { canary: 20, stable: 80 }, expected: [2, 10] },
    { name: 'on abort the canary shrinks as its traffic goes', setWeight: 20, abort: true, weights: { canary: 10, stable: 90 }, expected: [1, 10] },
  ])('$name', ({ setWeight, abort, weights, expected }) => {
    const rollout = { replicas: 10, maxSurge: 0, maxUnavailable: 1, steps: [{ setWeight }], trafficRouting: true, dynamicStableScale: true };
    expect(argoRollouts.calculateReplicaCountsForTrafficRoutedCanary(rollout, { stableRS: 'stable', currentPodHash: 'canary', abort }, weights)).toEqual(expected);
  });

  it('should leave stable at full size without dynamicStableScale', () => {
    // Mirrors TestCalculateReplicaCountsForCanaryTrafficRouting.
    const rollout = { replicas: 10, maxSurge: 0, maxUnavailable: 1, steps: [{ setWeight: 10 }], trafficRouting: true };
    expect(argoRollouts.calculateReplicaCountsForTrafficRoutedCanary(rollout, { stableRS: 'stable', currentPodHash: 'canary' })).toEqual([1, 10]);
  });

  it.each([
    // Mirrors TestTrafficWeightToReplicas, plus weight 10 of 3 replicas.
    { name: '0 of 10', replicas: 10, weight: 0, expected: 0 },
    { name: '20 of 10', replicas: 10, weight: 20, expected: 2 },
    { name: '25 of 10 rounds up', replicas: 10, weight: 25, expected: 3 },
    { name: '33 of 10 rounds up', replicas: 10, weight: 33, expected: 4 },
    { name: '99 of 10 rounds up', replicas: 10, weight: 99, expected: 10 },
    { name: '10 of 3 rounds up to 1', replicas: 3, weight: 10, expected: 1 },
  ])('trafficWeightToReplicas $name', ({ replicas, weight, expected }) => {
    expect(argoRollouts.trafficWeightToReplicas(replicas, weight)).toBe(expected);
  });
});

describe('atDesiredReplicaCountsForCanary', () => {
  const rollout = { replicas: 10, maxSurge: '20%', maxUnavailable: 0, steps: [{ setWeight: 20 }] };
  const status = { stableRS: 'stable', currentPodHash: 'canary' };
  it.each([
    { name: 'canary and stable at their counts', canary: [2, 2] as [number, number], stable: [8, 8] as [number, number], older: [] as ReplicaSet[], expected: true },
    { name: 'a canary pod not yet available', canary: [2, 1] as [number, number], stable: [8, 8] as [number, number], older: [], expected: false },
    { name: 'stable not yet scaled down', canary: [2, 2] as [number, number], stable: [10, 10] as [number, number], older: [], expected: false },
    { name: 'an older set still serving', canary: [2, 2] as [number, number], stable: [8, 8] as [number, number], older: [set('older', [0, 1])], expected: false },
  ])('$name', ({ canary, stable, older, expected }) => {
    expect(argoRollouts.atDesiredReplicaCountsForCanary(rollout, status, set('canary', canary), set('stable', stable), older)).toBe(expected);
  });
});

// argo-rollouts utils/replicaset CheckMinPodsPerReplicaSet: a non-zero count is raised to minPodsPerReplicaSet, which is capped at spec.replicas.
describe('checkMinPodsPerReplicaSet', () => {
  it.each([
    { name: 'a count below the minimum is raised to it', rollout: { replicas: 10, trafficRouting: true, minPodsPerReplicaSet: 2 }, count: 1, expected: 2 },
    { name: 'zero stays zero', rollout: { replicas: 10, trafficRouting: true, minPodsPerReplicaSet: 2 }, count: 0, expected: 0 },
    { name: 'the minimum is capped at spec.replicas', rollout: { replicas: 1, trafficRouting: true, minPodsPerReplicaSet: 2 }, count: 1, expected: 1 },
    { name: 'unset spec.replicas counts as 1', rollout: { trafficRouting: true, minPodsPerReplicaSet: 3 }, count: 1, expected: 1 },
    { name: 'without traffic routing the count is kept', rollout: { replicas: 10, minPodsPerReplicaSet: 2 }, count: 1, expected: 1 },
    { name: 'a count above the minimum is kept', rollout: { replicas: 10, trafficRouting: true, minPodsPerReplicaSet: 2 }, count: 5, expected: 5 },
  ])('$name', ({ rollout, count, expected }) => {
    expect(argoRollouts.checkMinPodsPerReplicaSet(rollout, count)).toBe(expected);
  });
});

