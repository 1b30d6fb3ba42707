import { describe, expect, it } from 'vitest';
import { kubernetes } from '../../../src/domain/physics';
import type { IntOrString } from '../../../src/domain/physics';
import type { ReplicaSet } from '../../../src/domain/physics/kubernetes';

const rs = (name: string, replicas: number, availableReplicas = replicas): ReplicaSet => ({ name, replicas, availableReplicas });

describe('resolveFenceposts', () => {
  it.each<{ name: string; maxSurge?: IntOrString; maxUnavailable?: IntOrString; desired: number; surge: number; unavailable: number }>([
    // Rows 1-2 mirror kubernetes deployment_util_test.go TestResolveFenceposts.
    { name: '0%/0% of 0 gives unavailable 1', maxSurge: '0%', maxUnavailable: '0%', desired: 0, surge: 0, unavailable: 1 },
    { name: '39%/39% of 10 gives 4 and 3', maxSurge: '39%', maxUnavailable: '39%', desired: 10, surge: 4, unavailable: 3 },
    { name: '25%/25% of 10: surge rounds up to 3, unavailable down to 2', maxSurge: '25%', maxUnavailable: '25%', desired: 10, surge: 3, unavailable: 2 },
    { name: '25%/25% of 8 gives 2 and 2', maxSurge: '25%', maxUnavailable: '25%', desired: 8, surge: 2, unavailable: 2 },
    { name: '1 replica with both 0 gives unavailable 1', maxSurge: 0, maxUnavailable: 0, desired: 1, surge: 0, unavailable: 1 },
    { name: '25%/25% of 1 replica: surge 1, unavailable 0', maxSurge: '25%', maxUnavailable: '25%', desired: 1, surge: 1, unavailable: 0 },
    { name: '0% surge with 10% of 3 (floors to 0) forces unavailable 1', maxSurge: '0%', maxUnavailable: '10%', desired: 3, surge: 0, unavailable: 1 },
    { name: 'absent values count as 0', desired: 10, surge: 0, unavailable: 1 },
    { name: 'absent surge with 39% unavailable', maxUnavailable: '39%', desired: 10, surge: 0, unavailable: 3 },
    { name: 'integers are taken as they are', maxSurge: 3, maxUnavailable: 2, desired: 10, surge: 3, unavailable: 2 },
  ])('$name', ({ maxSurge, maxUnavailable, desired, surge, unavailable }) => {
    expect(kubernetes.resolveFenceposts(maxSurge, maxUnavailable, desired)).toEqual({ ok: true, maxSurge: surge, maxUnavailable: unavailable });
  });

  it.each<{ name: string; maxSurge: IntOrString; maxUnavailable: IntOrString }>([
    { name: 'surge "oops" is an error', maxSurge: 'oops', maxUnavailable: '39%' },
    { name: 'unavailable "urg" is an error', maxSurge: '55%', maxUnavailable: 'urg' },
    { name: 'bare "25" is an error (Argo would read 25 %)', maxSurge: '25', maxUnavailable: 0 },
  ])('$name', ({ maxSurge, maxUnavailable }) => {
    expect(kubernetes.resolveFenceposts(maxSurge, maxUnavailable, 10).ok).toBe(false);
  });
});

describe('maxUnavailable, maxSurge, minAvailable', () => {
  it.each<{ name: string; replicas: number; maxSurge: IntOrString; maxUnavailable: IntOrString; strategy?: 'RollingUpdate' | 'Recreate'; surge: number; unavailable: number; min: number }>([
    // Mirrors kubernetes TestMaxUnavailable: 0 replicas -> 0; 3 replicas with 10 -> capped at 3; 30% of 10 -> 3.
    { name: 'zero replicas have no unavailable budget', replicas: 0, maxSurge: 0, maxUnavailable: 1, surge: 0, unavailable: 0, min: 0 },
    { name: 'maxUnavailable above replicas is capped', replicas: 3, maxSurge: 0, maxUnavailable: 10, surge: 0, unavailable: 3, min: 0 },
    { name: '30% of 10 is 3', replicas: 10, maxSurge: '0%', maxUnavailable: '30%', surge: 0, unavailable: 3, min: 7 },
    { name: '25%/25% of 10', replicas: 10, maxSurge: '25%', maxUnavailable: '25%', surge: 3, unavailable: 2, min: 8 },
    { name: 'Recreate has neither', replicas: 10, maxSurge: '25%', maxUnavailable: '25%', strategy: 'Recreate', surge: 0, unavailable: 0, min: 0 },
  ])('$name', ({ replicas, maxSurge, maxUnavailable, strategy, surge, unavailable, min }) => {
    const d = { replicas, maxSurge, maxUnavailable, ...(strategy ? { strategy } : {}) };
    expect([kubernetes.maxSurge(d), kubernetes.maxUnavailable(d), kubernetes.minAvailable(d)]).toEqual([surge, unavailable, min]);
  });
});

describe('reconcileNewReplicaSet', () => {
  // Rows mirror kubernetes rolling_test.go TestDeploymentController_reconcileNewReplicaSet (maxUnavailable 0).
  it.each([
    { name: 'surge 0 cannot scale up', replicas: 10, maxSurge: 0, old: 10, new: 0, expected: 0 },
    { name: 'surge 2 adds 2 next to a full old set', replicas: 10, maxSurge: 2, old: 10, new: 0, expected: 2 },
    { name: 'surge 2 fills up to 12 pods in all', replicas: 10, maxSurge: 2, old: 5, new: 0, expected: 7 },
    { name: 'at 12 pods in all, no more', replicas: 10, maxSurge: 2, old: 10, new: 2, expected: 2 },
    { name: 'a new set above replicas is cut back', replicas: 10, maxSurge: 2, old: 2, new: 11, expected: 10 },
    { name: 'never past replicas', replicas: 4, maxSurge: '25%', old: 0, new: 3, expected: 4 },
  ])('$name', ({ replicas, maxSurge, old, new: size, expected }) => {
    const newRs = rs('v2', size);
    expect(kubernetes.reconcileNewReplicaSet({ replicas, maxSurge, maxUnavailable: 0 }, [rs('v1', old), newRs], newRs)).toBe(expected);
  });

  it('should go straight to spec.replicas with Recreate', () => {
    const newRs = rs('v2', 0);
    expect(kubernetes.newRSNewReplicas({ replicas: 5, strategy: 'Recreate' }, [rs('v1', 5), newRs], newRs)).toBe(5);
  });
});

describe('reconcileOldReplicaSets', () => {
  // Rows mirror kubernetes rolling_test.go TestDeploymentController_reconcileOldReplicaSets (maxSurge 0).
  it.each([
    { name: 'unavailable 0 still lets one go (fencepost 1)', maxUnavailable: 0, old: 10, oldAvailable: 10, new: 0, newAvailable: 0, expectedOld: 9 },
    { name: 'unavailable 2 lets two go', maxUnavailable: 2, old: 10, oldAvailable: 10, new: 0, newAvailable: 0, expectedOld: 8 },
    { name: 'two unhealthy old pods are cleaned up first', maxUnavailable: 2, old: 10, oldAvailable: 8, new: 0, newAvailable: 0, expectedOld: 8 },
    { name: 'one unhealthy and one healthy go', maxUnavailable: 2, old: 10, oldAvailable: 9, new: 0, newAvailable: 0, expectedOld: 8 },
    { name: 'unavailable new pods block further scale-down', maxUnavailable: 2, old: 8, oldAvailable: 8, new: 2, newAvailable: 0, expectedOld: 8 },
  ])('$name', ({ maxUnavailable, old, oldAvailable, new: size, newAvailable, expectedOld }) => {
    const result = kubernetes.reconcileOldReplicaSets({ replicas: 10, maxSurge: 0, maxUnavailable }, [rs('v1', old, oldAvailable)], rs('v2', size, newAvailable));
    expect(result.oldReplicaSets[0]?.replicas).toBe(expectedOld);
    expect(result.scaledDown).toBe(old - expectedOld);
  });
});

describe('cleanupUnhealthyReplicas', () => {
  // Rows mirror kubernetes rolling_test.go TestDeploymentController_cleanupUnhealthyReplicas.
  it.each([
    { name: 'capped at maxCleanupCount 1', available: 8, maxCleanupCount: 1, expected: 1 },
    { name: 'only the 2 unhealthy go', available: 8, maxCleanupCount: 3, expected: 2 },
    { name: 'nothing with maxCleanupCount 0', available: 8, maxCleanupCount: 0, expected: 0 },
    { name: 'nothing when all are healthy', available: 10, maxCleanupCount: 3, expected: 0 },
  ])('$name', ({ available, maxCleanupCount, expected }) => {
    expect(kubernetes.cleanupUnhealthyReplicas([rs('v1', 10, available)], maxCleanupCount).scaledDown).toBe(expected);
  });

  it('should clean the oldest set first', () => {
    const result = kubernetes.cleanupUnhealthyReplicas([rs('v1', 3, 1), rs('v2', 3, 1)], 3);
    expect(result.oldReplicaSets.map((r) => r.replicas)).toEqual([1, 2]);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate', () => {
  // Rows mirror kubernetes rolling_test.go TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate (maxSurge 0).
  it.each([
    { name: 'unavailable 0 (fencepost 1), 10 available: down to 9', maxUnavailable: 0, available: 10, old: 10, expected: 9 },
    { name: 'unavailable 2, 10 available: down to 8', maxUnavailable: 2, available: 10, old: 10, expected: 8 },
    { name: 'unavailable 2, 8 available: no room', maxUnavailable: 2, available: 8, old: 10, expected: 10 },
    { name: 'unavailable 2, 1 available: no room', maxUnavailable: 2, available: 1, old: 10, expected: 10 },
  ])('$name', ({ maxUnavailable, available, old, expected }) => {
    const old1 = rs('v1', old, available);
    const result = kubernetes.scaleDownOldReplicaSetsForRollingUpdate({ replicas: 10, maxSurge: 0, maxUnavailable }, [old1], [old1]);
    expect(result.oldReplicaSets[0]?.replicas).toBe(expected);
  });
});

describe('rolloutRolling', () => {
  it('should roll 4 replicas at 25%/25% to completion, one sync at a time', () => {
    const d = { replicas: 4, maxSurge: '25%', maxUnavailable: '25%' };
    let newRs = rs('v2', 0);
    let old = [rs('v1', 4)];
    const sizes: string[] = [];
    for (let sync = 0; sync < 20; sync++) {
      const step = kubernetes.rolloutRolling(d, newRs, old);
      if (step.action === 'none') break;
      // Pods become available instantly in this test.
      newRs = { ...step.newReplicaSet, availableReplicas: step.newReplicaSet.replicas };
      old = step.oldReplicaSets.map((r) => ({ ...r, availableReplicas: r.replicas }));
      sizes.push(`${old[0]?.replicas}/${newRs.replicas}`);
    }
    // Surge 1, unavailable 1: new +1 (5 pods), old -2 (down to min 3 available), new +2, old -2, new +1.
    expect(sizes).toEqual(['4/1', '2/1', '2/3', '0/3', '0/4']);
  });
});
