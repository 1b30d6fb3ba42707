import { describe, expect, it } from 'vitest';
import { argoRollouts } from '../../../src/domain/physics';
import type { ArgoRollout, ReplicaSet, TrafficWeights } from '../../../src/domain/physics/argoRollouts';

const set = (name: string, replicas: number, availableReplicas: number): ReplicaSet => ({ name, replicas, availableReplicas });
const aborted = { stableRS: 'stable', currentPodHash: 'canary', abort: true };

// argo-rollouts utils/replicaset/canary_test.go TestGetDesiredCanaryWeightOnAbortWithScaleDownDelay:
// 10 replicas, steps 10 and 50, traffic routing, dynamicStableScale, aborted; canary 5/5.
describe('getDesiredCanaryWeight (abort with dynamicStableScale)', () => {
  const rollout = (abortScaleDownDelaySeconds?: number): ArgoRollout => ({
    replicas: 10,
    maxSurge: 1,
    maxUnavailable: 0,
    steps: [{ setWeight: 10 }, { setWeight: 50 }],
    trafficRouting: true,
    dynamicStableScale: true,
    ...(abortScaleDownDelaySeconds === undefined ? {} : { abortScaleDownDelaySeconds }),
  });
  it.each([
    { name: 'no explicit delay: weight is held up by canary size (progressive drain unchanged)', delay: undefined, stableAvailable: 9, expected: 10 },
    { name: 'explicit delay: weight steps down gradually while stable is scaling up', delay: 30, stableAvailable: 5, expected: 10 },
    { name: 'explicit delay: weight reaches zero once stable nearly covers spec.Replicas (deadlock case)', delay: 30, stableAvailable: 9, expected: 0 },
    { name: 'explicit zero delay (leave canary up indefinitely): weight is held up by canary size', delay: 0, stableAvailable: 9, expected: 10 },
  ])('$name', ({ delay, stableAvailable, expected }) => {
    expect(argoRollouts.getDesiredCanaryWeight(rollout(delay), aborted, set('canary', 5, 5), set('stable', stableAvailable, stableAvailable))).toBe(expected);
  });

  it('stable scales to spec.Replicas once weight reaches zero (same test, last subtest)', () => {
    const weights = { canary: 10, stable: 90 };
    const [, stable] = argoRollouts.calculateReplicaCountsForTrafficRoutedCanary(rollout(30), aborted, weights, set('canary', 5, 5), set('stable', 9, 9));
    expect(stable).toBe(10);
  });

  it.each([
    { name: 'not aborted: the current setWeight', status: { ...aborted, abort: false, currentStepIndex: 1 }, sets: true, expected: 50 },
    { name: 'without the sets: 0 at once (GetCurrentSetWeight on abort)', status: aborted, sets: false, expected: 0 },
  ])('falls back to GetCurrentSetWeight: $name', ({ status, sets, expected }) => {
    const [canary, stable] = sets ? [set('canary', 5, 5), set('stable', 5, 5)] : [undefined, undefined];
    expect(argoRollouts.getDesiredCanaryWeight(rollout(), status, canary, stable)).toBe(expected);
  });
});

// argo-rollouts utils/replicaset/canary_test.go TestCalculateReplicaCountsForCanaryTrafficRoutingDynamicScale,
// the aborted rows with sets: 10 replicas, steps 20 (newRollout's own) and 60, router at 60/40.
describe('calculateReplicaCountsForTrafficRoutedCanary on abort, sets given', () => {
  const rollout: ArgoRollout = { replicas: 10, maxSurge: 0, maxUnavailable: 1, steps: [{ setWeight: 20 }, { setWeight: 60 }], trafficRouting: true, dynamicStableScale: true };
  const weights: TrafficWeights = { canary: 60, stable: 40 };
  it.each<{ name: string; canary?: ReplicaSet; stable?: ReplicaSet; expected: [number, number] }>([
    { name: 'Should scale stable replica up depending on next expected canary downscale step, if abort is true', canary: set('canary', 6, 6), stable: set('stable', 4, 4), expected: [6, 8] },
    { name: 'Should scale stable replica up depending on available canary replicas, if actual number of canaries is less than expected and abort is true', canary: set('canary', 1, 1), stable: set('stable', 4, 4), expected: [6, 8] },
    { name: 'Should scale stable replica up depending on available stable replicas, if abort is true', canary: set('canary', 2, 2), stable: set('stable', 8, 4), expected: [6, 8] },
    { name: 'Should scale stable up as if canaries are scaled down to 0 if stable and canary replicas not passed, and abort is true', expected: [6, 10] },
  ])('$name', ({ canary, stable, expected }) => {
    expect(argoRollouts.calculateReplicaCountsForTrafficRoutedCanary(rollout, aborted, weights, canary, stable)).toEqual(expected);
  });
});

// argo-rollouts rollout/trafficrouting_test.go, the TestDynamicScaling* abort tests: 5 replicas, maxSurge 1, maxUnavailable 1.
describe('calculateDesiredWeightOnAbortOrStableRollback', () => {
  const rollout = (replicas: number, steps: ArgoRollout['steps']): ArgoRollout => ({ replicas, maxSurge: 1, maxUnavailable: 1, steps, trafficRouting: true, dynamicStableScale: true });
  const fiftyThenPause = [{ setWeight: 50 }, {}];
  it.each<{ name: string; rollout: ArgoRollout; canary: ReplicaSet; stable: ReplicaSet; weights?: TrafficWeights; expected: number }>([
    { name: 'TestDynamicScalingDontIncreaseWeightWhenAborted', rollout: rollout(5, fiftyThenPause), canary: set('canary', 0, 0), stable: set('stable', 5, 4), weights: { canary: 0, stable: 100 }, expected: 0 },
    { name: 'TestDynamicScalingDecreaseWeightAccordingToStepWeightsAvailabilityWhenAborted', rollout: rollout(5, fiftyThenPause), canary: set('canary', 4, 4), stable: set('stable', 5, 3), weights: { canary: 100, stable: 0 }, expected: 50 },
    { name: 'TestDynamicScalingDecreaseWeightAccordingToStableAvailabilityWhenAborted', rollout: rollout(5, [{}]), canary: set('canary', 4, 4), stable: set('stable', 5, 1), weights: { canary: 100, stable: 0 }, expected: 80 },
    { name: 'TestDynamicScalingAbortWithZeroReplicas', rollout: rollout(0, fiftyThenPause), canary: set('canary', 0, 0), stable: set('stable', 0, 0), expected: 0 },
    // From the source's branches (no upstream row): no weights recorded yet takes the larger figure;
    // a stable still short of the step's share keeps the current weight.
    { name: 'no weights recorded: the larger of the stable figure (40) and the step (50)', rollout: rollout(5, fiftyThenPause), canary: set('canary', 4, 4), stable: set('stable', 5, 3), expected: 50 },
    { name: 'stable still below the step share: the current weight holds', rollout: rollout(5, fiftyThenPause), canary: set('canary', 4, 4), stable: set('stable', 5, 2), weights: { canary: 100, stable: 0 }, expected: 100 },
  ])('$name', ({ rollout: spec, canary, stable, weights, expected }) => {
    expect(argoRollouts.calculateDesiredWeightOnAbortOrStableRollback(spec, aborted, canary, stable, weights)).toBe(expected);
  });

  it('should drop to 0 at once without dynamicStableScale', () => {
    expect(argoRollouts.calculateDesiredWeightOnAbortOrStableRollback({ ...rollout(5, fiftyThenPause), dynamicStableScale: false }, aborted, set('canary', 4, 4), set('stable', 5, 1), { canary: 100, stable: 0 })).toBe(0);
  });
});

// argo-rollouts utils/defaults/defaults_test.go TestGetAbortScaleDownDelaySecondsOrDefault.
describe('getAbortScaleDownDelaySecondsOrDefault and hasExplicitAbortScaleDownDelay', () => {
  it.each<{ name: string; rollout: ArgoRollout; delaySeconds: number | undefined; wasSet: boolean; explicit: boolean }>([
    { name: 'blueGreenNonDefaultValue (60)', rollout: { strategy: 'blueGreen', abortScaleDownDelaySeconds: 60 }, delaySeconds: 60, wasSet: true, explicit: true },
    { name: 'blueGreenZeroValue: dont scale down preview', rollout: { strategy: 'blueGreen', abortScaleDownDelaySeconds: 0 }, delaySeconds: undefined, wasSet: true, explicit: false },
    { name: 'blueGreenDefaultValue: 30 s', rollout: { strategy: 'blueGreen' }, delaySeconds: 30, wasSet: false, explicit: false },
    { name: 'canaryNonDefaultValue (60, traffic routing)', rollout: { trafficRouting: true, abortScaleDownDelaySeconds: 60 }, delaySeconds: 60, wasSet: true, explicit: true },
    { name: 'canaryZeroValue: dont scale down canary', rollout: { trafficRouting: true, abortScaleDownDelaySeconds: 0 }, delaySeconds: undefined, wasSet: true, explicit: false },
    { name: 'rolloutNoStrategyDefaultValue: 0 s', rollout: { strategy: 'none' }, delaySeconds: 0, wasSet: false, explicit: false },
    { name: 'canary default with traffic routing: 30 s', rollout: { trafficRouting: true }, delaySeconds: 30, wasSet: false, explicit: false },
    { name: 'basic canary: 0 s, the field unread', rollout: { abortScaleDownDelaySeconds: 60 }, delaySeconds: 0, wasSet: false, explicit: false },
  ])('$name', ({ rollout, delaySeconds, wasSet, explicit }) => {
    expect(argoRollouts.getAbortScaleDownDelaySecondsOrDefault(rollout)).toEqual({ delaySeconds, wasSet });
    expect(argoRollouts.hasExplicitAbortScaleDownDelay(rollout)).toBe(explicit);
  });
});

// argo-rollouts rollout/replicaset.go shouldDelayScaleDownOnAbort, one row per guard (upstream tests it through TestReconcileNewReplicaSet).
describe('shouldDelayScaleDownOnAbort', () => {
  const stable = set('stable', 10, 10);
  it.each<{ name: string; rollout: ArgoRollout; abort?: boolean; hasStable?: boolean; expected: boolean }>([
    { name: 'blue-green, default delay', rollout: { strategy: 'blueGreen' }, expected: true },
    { name: 'not aborted', rollout: { strategy: 'blueGreen' }, abort: false, expected: false },
    { name: 'no stable set: never scale down', rollout: { strategy: 'blueGreen' }, hasStable: false, expected: false },
    { name: 'basic canary does not use it', rollout: { abortScaleDownDelaySeconds: 30 }, expected: false },
    { name: 'explicit 0 leaves the canary up indefinitely', rollout: { trafficRouting: true, abortScaleDownDelaySeconds: 0 }, expected: false },
    { name: 'dynamicStableScale without an explicit delay', rollout: { trafficRouting: true, dynamicStableScale: true }, expected: false },
    { name: 'dynamicStableScale with an explicit delay', rollout: { trafficRouting: true, dynamicStableScale: true, abortScaleDownDelaySeconds: 30 }, expected: true },
    { name: 'traffic-routed canary, default delay', rollout: { trafficRouting: true }, expected: true },
  ])('$name', ({ rollout, abort, hasStable, expected }) => {
    expect(argoRollouts.shouldDelayScaleDownOnAbort(rollout, { abort: abort ?? true }, hasStable === false ? undefined : stable)).toBe(expected);
  });
});

// argo-rollouts rollout/replicaset_test.go TestReconcileNewReplicaSet: blue-green, 10 replicas, stable 10 available, resync 30 s.
describe('reconcileNewReplicaSet (abort scale-down deadline)', () => {
  const now = 1_000_000;
  const stable = set('stable', 10, 10);
  const spec = (abortScaleDownDelaySeconds?: number): ArgoRollout => ({ strategy: 'blueGreen', replicas: 10, ...(abortScaleDownDelaySeconds === undefined ? {} : { abortScaleDownDelaySeconds }) });
  it.each<{ name: string; rollout: ArgoRollout; abort: boolean; newReplicas: number; deadline?: number | string; stableRS?: ReplicaSet; expected: object }>([
    { name: 'New Replica Set higher than rollout replica: Scale down (not aborted)', rollout: spec(), abort: false, newReplicas: 10, expected: { replicas: 10 } },
    { name: 'New Replica scaled down to 0: scale down on abort - deadline passed', rollout: spec(5), abort: true, newReplicas: 10, deadline: now - 5000, expected: { replicas: 0 } },
    { name: 'New Replica scaled down to 0: scale down on abort - deadline not passed', rollout: spec(5), abort: true, newReplicas: 8, deadline: now + 5000, expected: { replicas: undefined, requeueAfterMs: 5000 } },
    { name: 'New Replica scaled down to 0: scale down on abort - add annotation', rollout: spec(5), abort: true, newReplicas: 10, expected: { replicas: undefined, addScaleDownDeadline: now + 5000 } },
    { name: 'Fail to update RS: No scale and add default annotation (30 s)', rollout: spec(), abort: true, newReplicas: 10, expected: { replicas: undefined, addScaleDownDeadline: now + 30_000 } },
    // From the source's branches (no upstream row):
    { name: 'stable not yet fully available: hold, no deadline yet', rollout: spec(5), abort: true, newReplicas: 10, stableRS: set('stable', 10, 9), expected: { replicas: undefined } },
    { name: 'explicit 0: never scale down, the normal size stands', rollout: spec(0), abort: true, newReplicas: 10, expected: { replicas: 10 } },
    { name: 'deadline beyond the resync period: falls through to the normal size', rollout: spec(3600), abort: true, newReplicas: 10, deadline: now + 3_600_000, expected: { replicas: 10 } },
    { name: 'deadline as RFC 3339 text, passed', rollout: spec(5), abort: true, newReplicas: 10, deadline: '1970-01-01T00:16:35Z', expected: { replicas: 0 } },
    { name: 'unreadable deadline: a warning and the normal size', rollout: spec(5), abort: true, newReplicas: 10, deadline: 'soon', expected: { replicas: 10, warning: expect.stringContaining('soon') } },
  ])('$name', ({ rollout, abort, newReplicas, deadline, stableRS, expected }) => {
    const input = { now, newReplicas, resyncPeriodMs: 30_000, ...(deadline === undefined ? {} : { scaleDownDeadline: deadline }) };
    expect(argoRollouts.reconcileNewReplicaSet(rollout, { abort }, stableRS ?? stable, input)).toEqual(expected);
  });

  it('should write the deadline in whole seconds, as its RFC 3339 annotation keeps it', () => {
    expect(argoRollouts.reconcileNewReplicaSet(spec(5), { abort: true }, stable, { now: 1_500, newReplicas: 10 }).addScaleDownDeadline).toBe(6_000);
  });
});
