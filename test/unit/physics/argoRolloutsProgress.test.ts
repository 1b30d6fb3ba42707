import { describe, expect, it } from 'vitest';
import { argoRollouts } from '../../../src/domain/physics';
import type { ArgoRollout, ReplicaProgressThreshold, ReplicaSet, ReplicaSetWithOptionalSpec } from '../../../src/domain/physics/argoRollouts';

const set = (name: string, replicas: number, availableReplicas: number): ReplicaSet => ({ name, replicas, availableReplicas });
// Upstream's fixtures leave spec.replicas unset where the function does not read it.
const available = (availableReplicas: number): ReplicaSetWithOptionalSpec => ({ name: 'rs', availableReplicas });

// argo-rollouts utils/replicaset/canary_test.go TestAllDesiredAreAvailable.
describe('allDesiredAreAvailable', () => {
  it.each<{ name: string; rs: ReplicaSetWithOptionalSpec | undefined; desired: number; expected: boolean }>([
    { name: 'test correct return (true) when all desired pods are available', rs: set('rs', 10, 10), desired: 10, expected: true },
    { name: 'test correct return (false) when not all desired pods are available', rs: set('rs', 10, 9), desired: 10, expected: false },
    { name: 'test correct return (false) when all ReplicaSet is nil', rs: undefined, desired: 10, expected: false },
    { name: 'test correct return (false) when rs.Spec.Replicas is nil and desired != 1 (GetReplicasOrDefault returns 1)', rs: available(10), desired: 10, expected: false },
    { name: 'test correct return (true) when rs.Spec.Replicas is nil and desired is 1', rs: available(1), desired: 1, expected: true },
  ])('$name', ({ rs, desired, expected }) => {
    expect(argoRollouts.allDesiredAreAvailable(rs, desired)).toBe(expected);
  });
});

// argo-rollouts utils/replicaset/canary_test.go TestAllReplicaProgressThresholdMet.
describe('replicaProgressThresholdMet', () => {
  const percent = (value: number): ReplicaProgressThreshold => ({ type: 'Percent', value });
  const pods = (value: number): ReplicaProgressThreshold => ({ type: 'Pods', value });
  it.each<{ name: string; threshold?: ReplicaProgressThreshold; rs: ReplicaSetWithOptionalSpec | undefined; desired: number; expected: boolean }>([
    { name: 'test using percentage that 90% availability of pods passes', threshold: percent(90), rs: available(9), desired: 10, expected: true },
    { name: 'test using pod values that 90% availability of pods correctly passes', threshold: pods(9), rs: available(9), desired: 10, expected: true },
    { name: 'test using percentage that under 90% availability of pods correctly fails', threshold: percent(90), rs: available(8), desired: 10, expected: false },
    { name: 'test using pod values that under 8 pods correctly fails', threshold: pods(8), rs: available(7), desired: 10, expected: false },
    { name: 'test that when threshold is under 0, it defaults to 100% of pods being available to return true', threshold: pods(-100), rs: set('rs', 10, 10), desired: 10, expected: true },
    { name: 'test that when threshold is nil, it defaults to 100% of pods being available to return true', rs: set('rs', 5, 10), desired: 10, expected: false },
    { name: 'test that when the replicaset is nil, it always returns false', threshold: pods(5), rs: undefined, desired: 10, expected: false },
    { name: 'test that percentages well above the required threshold correctly pass', threshold: percent(100), rs: available(100), desired: 10, expected: true },
    { name: 'test that when desired is 0, threshold is always met (percentage type only)', threshold: percent(90), rs: available(0), desired: 0, expected: true },
    // The tolerance: 7 of 30 is 23.333…% in floats, a hair off the decimal value.
    { name: '1e-10 tolerance: 7 of 30 meets 23.3333333333334 %', threshold: percent(23.3333333333334), rs: available(7), desired: 30, expected: true },
    { name: 'beyond the tolerance: 7 of 30 misses 23.34 %', threshold: percent(23.34), rs: available(7), desired: 30, expected: false },
  ])('$name', ({ threshold, rs, desired, expected }) => {
    expect(argoRollouts.replicaProgressThresholdMet(threshold, rs, desired)).toBe(expected);
  });
});

describe('atDesiredReplicaCountsForCanary with replicaProgressThreshold', () => {
  // 10 replicas, traffic routing, weight 50: the canary wants 5; the stable stays at 10.
  const rollout: ArgoRollout = { replicas: 10, steps: [{ setWeight: 50 }], trafficRouting: true, replicaProgressThreshold: { type: 'Percent', value: 80 } };
  const status = { stableRS: 'stable', currentPodHash: 'canary' };
  it.each([
    { name: '4 of 5 canaries available meets 80 %', canary: set('canary', 5, 4), expected: true },
    { name: '3 of 5 canaries available does not', canary: set('canary', 5, 3), expected: false },
  ])('$name', ({ canary, expected }) => {
    expect(argoRollouts.atDesiredReplicaCountsForCanary(rollout, status, canary, set('stable', 10, 10), [])).toBe(expected);
  });
});

// argo-rollouts rollout/trafficrouting_test.go TestCheckReplicasAvailableWithCustomMaxTrafficWeight.
describe('checkReplicasAvailable', () => {
  it.each([
    { name: 'custom maxTrafficWeight - replicas available', replicas: 2, available: 1, weight: 50_000_000, max: 100_000_000, expected: true },
    { name: 'custom maxTrafficWeight - replicas not available', replicas: 2, available: 0, weight: 50_000_000, max: 100_000_000, expected: false },
    { name: 'custom maxTrafficWeight - high weight needs all replicas', replicas: 2, available: 2, weight: 100_000_000, max: 100_000_000, expected: true },
    { name: 'custom maxTrafficWeight - low weight needs zero replicas', replicas: 2, available: 0, weight: 0, max: 100_000_000, expected: true },
    { name: 'default maxTrafficWeight - same behavior as before', replicas: 10, available: 5, weight: 50, max: undefined, expected: true },
  ])('$name', ({ replicas, available: availableReplicas, weight, max, expected }) => {
    const rollout: ArgoRollout = { replicas, trafficRouting: true, ...(max === undefined ? {} : { maxTrafficWeight: max }) };
    expect(argoRollouts.checkReplicasAvailable(rollout, set('stable', replicas, availableReplicas), weight)).toBe(expected);
  });

  it('should fail without a set, and round the pods needed down', () => {
    expect(argoRollouts.checkReplicasAvailable({ replicas: 10, trafficRouting: true }, undefined, 0)).toBe(false);
    expect(argoRollouts.checkReplicasAvailable({ replicas: 10, trafficRouting: true }, set('stable', 10, 9), 95)).toBe(true);
  });
});

// argo-rollouts utils/replicaset/replicaset_test.go TestNewRSNewReplicas, TestNewRSNewReplicasWitPreviewReplicaCount,
// and utils/replicaset/bluegreen_test.go TestReadyForPause.
describe('newRSNewReplicas and readyForPause', () => {
  const foo = set('foo', 0, 0);
  const bar = set('bar', 10, 10);

  it('TestNewRSNewReplicas: blue-green is spec.replicas; no strategy is an error', () => {
    expect(argoRollouts.newRSNewReplicas({ strategy: 'blueGreen', replicas: 10 }, {}, [], foo)).toEqual({ ok: true, replicas: 10 });
    expect(argoRollouts.newRSNewReplicas({ strategy: 'none', replicas: 10 }, {}, [], foo)).toEqual({ ok: false, error: 'no rollout strategy provided' });
  });

  it.each([
    { name: 'No active rs is set', status: {}, expected: 10 },
    { name: 'Active rs is the new RS', status: { activeSelector: 'foo', currentPodHash: 'foo' }, expected: 10 },
    { name: "Rollout's currentPodHash doesn't match up", status: { activeSelector: 'bar', currentPodHash: 'baz', scaleUpPreviewCheckPoint: true }, expected: 1 },
    { name: 'Rollout is unpaused and ready to scale up', status: { activeSelector: 'bar', currentPodHash: 'foo', scaleUpPreviewCheckPoint: true }, expected: 10 },
    { name: 'The rollout should use the preview value', status: { activeSelector: 'bar', currentPodHash: 'foo' }, expected: 1 },
    { name: 'Ignore preview replica count during promote full', status: { activeSelector: 'bar', currentPodHash: 'foo', promoteFull: true }, expected: 10 },
  ])('TestNewRSNewReplicasWitPreviewReplicaCount: $name', ({ status, expected }) => {
    expect(argoRollouts.newRSNewReplicas({ strategy: 'blueGreen', replicas: 10, previewReplicaCount: 1 }, status, [foo, bar], foo)).toEqual({ ok: true, replicas: expected });
  });

  it('should size a canary through its own arithmetic, finding the stable set by status.stableRS', () => {
    const rollout: ArgoRollout = { replicas: 10, steps: [{ setWeight: 30 }], trafficRouting: true };
    expect(argoRollouts.newRSNewReplicas(rollout, { stableRS: 'bar', currentPodHash: 'foo' }, [foo, bar], foo)).toEqual({ ok: true, replicas: 3 });
  });

  it.each<{ name: string; rollout: ArgoRollout; rs?: ReplicaSet; expected: boolean }>([
    { name: 'no strategy, no set: false (the error path)', rollout: { strategy: 'none' }, expected: false },
    { name: 'blue-green, 1 of 1 available: true', rollout: { strategy: 'blueGreen', replicas: 1 }, rs: set('abcd', 1, 1), expected: true },
    { name: 'blue-green, 0 of 1 available: false', rollout: { strategy: 'blueGreen', replicas: 1 }, rs: set('abcd', 1, 0), expected: false },
  ])('TestReadyForPause: $name', ({ rollout, rs, expected }) => {
    expect(argoRollouts.readyForPause(rollout, {}, rs, rs === undefined ? [] : [set('abcd', 1, 1)])).toBe(expected);
  });

  it('should not be ready when the spec has no strategy, even with a ready set', () => {
    expect(argoRollouts.readyForPause({ strategy: 'none', replicas: 1 }, {}, set('abcd', 1, 1), [])).toBe(false);
  });
});
