import { describe, expect, it } from 'vitest';
import { kubernetes } from '../../../src/domain/physics';
import type { DeploymentStatus } from '../../../src/domain/physics/kubernetes';

const status = (replicas: number, updatedReplicas: number, availableReplicas: number, readyReplicas = availableReplicas): DeploymentStatus => ({
  replicas,
  updatedReplicas,
  readyReplicas,
  availableReplicas,
  unavailableReplicas: 0,
});

describe('deploymentComplete', () => {
  // Rows in the spirit of kubernetes TestDeploymentComplete: complete only when all desired pods are updated and available.
  it.each([
    { name: 'all updated and available', s: status(5, 5, 5), expected: true },
    { name: 'an old pod is still running', s: status(6, 5, 5), expected: false },
    { name: 'an updated pod is not available', s: status(5, 5, 4), expected: false },
    { name: 'not all pods updated', s: status(5, 3, 5), expected: false },
    { name: 'controller behind the spec', s: { ...status(5, 5, 5), observedGeneration: 1 }, generation: 2, expected: false },
  ])('$name', ({ s, generation, expected }) => {
    expect(kubernetes.deploymentComplete(5, s, generation)).toBe(expected);
  });
});

describe('deploymentProgressing', () => {
  it.each([
    { name: 'more updated pods', from: status(4, 1, 4), to: status(5, 2, 4), expected: true },
    { name: 'fewer old pods', from: status(5, 2, 4), to: status(4, 2, 4), expected: true },
    { name: 'more ready pods', from: status(5, 2, 3, 3), to: status(5, 2, 3, 4), expected: true },
    { name: 'more available pods', from: status(5, 2, 3), to: status(5, 2, 4), expected: true },
    { name: 'nothing moved', from: status(5, 2, 3), to: status(5, 2, 3), expected: false },
  ])('$name', ({ from, to, expected }) => {
    expect(kubernetes.deploymentProgressing(from, to)).toBe(expected);
  });
});

describe('deploymentTimedOut', () => {
  it.each([
    { name: 'exactly at the deadline is not late', deadline: 600, reason: 'ReplicaSetUpdated' as const, now: 600_000, expected: false },
    { name: 'a millisecond past the deadline is late', deadline: 600, reason: 'ReplicaSetUpdated' as const, now: 600_001, expected: true },
    { name: 'a completed rollout never times out', deadline: 600, reason: 'NewReplicaSetAvailable' as const, now: 10_000_000, expected: false },
    { name: 'once exceeded, stays exceeded', deadline: 600, reason: 'ProgressDeadlineExceeded' as const, now: 0, expected: true },
    { name: 'no deadline, no timeout', deadline: undefined, reason: 'ReplicaSetUpdated' as const, now: 10_000_000, expected: false },
  ])('$name', ({ deadline, reason, now, expected }) => {
    expect(kubernetes.deploymentTimedOut(deadline, { reason, lastUpdateTime: 0 }, now)).toBe(expected);
  });
});

describe('calculateStatus', () => {
  it('should count pods of all sets and updated pods of the new one', () => {
    const old = { name: 'v1', replicas: 3, availableReplicas: 3 };
    const next = { name: 'v2', replicas: 2, availableReplicas: 1 };
    expect(kubernetes.calculateStatus(4, [old, next], next)).toEqual({ replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 0 });
  });
});
