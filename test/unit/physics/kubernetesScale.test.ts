import { describe, expect, it } from 'vitest';
import { kubernetes } from '../../../src/domain/physics';
import type { ReplicaSet } from '../../../src/domain/physics/kubernetes';

/** A replica set annotated the way the controller left it for a deployment of `desired` with `surge`. */
const rs = (name: string, replicas: number, desired: number, surge = 0): ReplicaSet => ({
  name,
  replicas,
  availableReplicas: replicas,
  desiredReplicasAnnotation: desired,
  maxReplicasAnnotation: desired + surge,
});

// Rows mirror kubernetes sync_test.go TestScale. Old replica sets are listed oldest first (upstream
// lists them newest first); sizes are [new, ...old oldest first].
describe('scale (proportional scaling)', () => {
  it.each<{ name: string; replicas: number; maxSurge?: number; newRs?: ReplicaSet; old: ReplicaSet[]; expected: (number | undefined)[] }>([
    { name: 'normal scaling event: 10 -> 12', replicas: 12, newRs: rs('v1', 10, 10), old: [], expected: [12] },
    { name: 'normal scaling event: 10 -> 5', replicas: 5, newRs: rs('v1', 10, 10), old: [], expected: [5] },
    { name: 'proportional scaling: 5 -> 10', replicas: 10, newRs: rs('v2', 2, 5), old: [rs('v1', 3, 5)], expected: [4, 6] },
    { name: 'proportional scaling: 5 -> 3', replicas: 3, newRs: rs('v2', 2, 5), old: [rs('v1', 3, 5)], expected: [1, 2] },
    { name: 'proportional scaling: 9 -> 4', replicas: 4, newRs: rs('v2', 8, 9), old: [rs('v1', 1, 9)], expected: [4, 0] },
    { name: 'proportional scaling: 7 -> 10', replicas: 10, newRs: rs('v3', 2, 7), old: [rs('v1', 2, 7), rs('v2', 3, 7)], expected: [3, 3, 4] },
    { name: 'proportional scaling: 13 -> 8', replicas: 8, newRs: rs('v3', 2, 13), old: [rs('v1', 3, 13), rs('v2', 8, 13)], expected: [1, 2, 5] },
    { name: 'leftover distribution: 3 -> 4 goes to the newest', replicas: 4, newRs: rs('v3', 1, 3), old: [rs('v1', 1, 3), rs('v2', 1, 3)], expected: [2, 1, 1] },
    { name: 'leftover distribution: 3 -> 2 comes off the oldest', replicas: 2, newRs: rs('v3', 1, 3), old: [rs('v1', 1, 3), rs('v2', 1, 3)], expected: [1, 0, 1] },
    { name: 'proportional scaling (no new rs): 4 -> 5', replicas: 5, old: [rs('v1', 2, 4), rs('v2', 2, 4)], expected: [undefined, 2, 3] },
    { name: 'proportional scaling: 6 -> 0', replicas: 0, newRs: rs('v3', 3, 6), old: [rs('v1', 1, 6), rs('v2', 2, 6)], expected: [0, 0, 0] },
    { name: 'proportional scaling: 0 -> 6 (nothing active: the new set takes all)', replicas: 6, newRs: rs('v3', 0, 6), old: [rs('v1', 0, 6), rs('v2', 0, 6)], expected: [6, 0, 0] },
    // Upstream makes v2's update fail; the sizes asked for are the same as these.
    { name: 'failed rs update: only v2 grows', replicas: 5, newRs: rs('v3', 2, 5), old: [rs('v1', 1, 5), rs('v2', 1, 3)], expected: [2, 1, 2] },
    { name: 'deployment with surge pods: 10 -> 20, surge 2', replicas: 20, maxSurge: 2, newRs: rs('v2', 6, 10, 2), old: [rs('v1', 6, 10, 2)], expected: [11, 11] },
    { name: 'change both surge and size: 10/3 -> 50/6', replicas: 50, maxSurge: 6, newRs: rs('v2', 5, 10, 3), old: [rs('v1', 8, 10, 3)], expected: [22, 34] },
    { name: 'change both size and template: 10 -> 14', replicas: 14, old: [rs('v1', 3, 10), rs('v2', 7, 10)], expected: [undefined, 4, 10] },
  ])('$name', ({ replicas, maxSurge, newRs, old, expected }) => {
    const result = kubernetes.scale({ replicas, maxSurge: maxSurge ?? 0, maxUnavailable: 0 }, newRs, old, 0);
    expect([result.newReplicaSet?.replicas, ...result.oldReplicaSets.map((r) => r.replicas)]).toEqual(expected);
  });

  it('should leave old pods alone when the saturated new set is broken', () => {
    // Mirrors TestScale "saturated but broken new replica set does not affect old pods".
    const broken = { ...rs('v2', 2, 2, 1), availableReplicas: 0 };
    const result = kubernetes.scale({ replicas: 2, maxSurge: 1, maxUnavailable: 1 }, broken, [rs('v1', 1, 2, 1)], 3);
    expect([result.newReplicaSet?.replicas, result.oldReplicaSets[0]?.replicas]).toEqual([2, 1]);
  });

  it('should scale old sets to zero when the new set is saturated and available', () => {
    const result = kubernetes.scale({ replicas: 3, maxSurge: 1, maxUnavailable: 0 }, rs('v2', 3, 3, 1), [rs('v1', 1, 3, 1)], 4);
    expect(result.oldReplicaSets[0]?.replicas).toBe(0);
  });

  it('should record the new desired and max replicas on the sets it resized', () => {
    const result = kubernetes.scale({ replicas: 20, maxSurge: 2, maxUnavailable: 0 }, rs('v2', 6, 10, 2), [rs('v1', 6, 10, 2)], 12);
    expect(result.newReplicaSet).toMatchObject({ desiredReplicasAnnotation: 20, maxReplicasAnnotation: 22 });
  });
});

describe('getReplicaSetFraction and getProportion', () => {
  it.each([
    { name: 'uses the max-replicas annotation', set: rs('v1', 3, 5), statusReplicas: 0, expected: 3 },
    { name: 'falls back to status.replicas without it', set: { name: 'v1', replicas: 3, availableReplicas: 3 }, statusReplicas: 5, expected: 3 },
    // kubernetes deployment/util getReplicaSetFraction: "!ok || deploymentMaxReplicasBeforeScale == 0" falls back to status.replicas.
    { name: 'an annotation of 0 counts as missing', set: { name: 'v1', replicas: 3, availableReplicas: 3, maxReplicasAnnotation: 0 }, statusReplicas: 5, expected: 3 },
    { name: 'an annotation that does not parse counts as missing', set: { name: 'v1', replicas: 3, availableReplicas: 3, maxReplicasAnnotation: 'five' }, statusReplicas: 5, expected: 3 },
    { name: 'the annotation as text is read as a number', set: { name: 'v1', replicas: 3, availableReplicas: 3, maxReplicasAnnotation: '5' }, statusReplicas: 0, expected: 3 },
    { name: 'no annotation and status.replicas 0: no change', set: { name: 'v1', replicas: 3, availableReplicas: 3 }, statusReplicas: 0, expected: 0 },
    { name: 'rounds half up: 2 * 10 / 4 = 5, +3', set: { name: 'v1', replicas: 2, availableReplicas: 2, maxReplicasAnnotation: 4 }, statusReplicas: 0, expected: 3 },
  ])('$name', ({ set, statusReplicas, expected }) => {
    expect(kubernetes.getReplicaSetFraction(set, { replicas: 10, maxSurge: 0 }, statusReplicas)).toBe(expected);
  });

  it('should never hand out more than is left to add', () => {
    expect(kubernetes.getProportion(rs('v1', 3, 5), { replicas: 10, maxSurge: 0 }, 5, 4, 5)).toBe(1);
  });
});

describe('isScalingEvent', () => {
  it.each([
    { name: 'replicas changed', replicas: 12, sets: [rs('v1', 10, 10)], expected: true },
    { name: 'replicas unchanged', replicas: 10, sets: [rs('v1', 10, 10)], expected: false },
    { name: 'only inactive sets disagree', replicas: 10, sets: [rs('v1', 0, 7), rs('v2', 10, 10)], expected: false },
  ])('$name', ({ replicas, sets, expected }) => {
    expect(kubernetes.isScalingEvent({ replicas }, sets)).toBe(expected);
  });
});
