import type { ReplicaSet } from './kubernetesRolling';

/**
 * How the Deployment controller judges a rollout: its status counts, and the Progressing
 * condition's three questions (complete? progressing? timed out?). Time is passed in, in ms.
 */

/** The counts in a Deployment's status. */
export interface DeploymentStatus {
  /** Pods of all replica sets that exist. */
  readonly replicas: number;
  /** Pods of the new replica set. */
  readonly updatedReplicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
  readonly unavailableReplicas: number;
  /** status.observedGeneration; defaults to the spec generation (the controller has caught up). */
  readonly observedGeneration?: number;
}

/**
 * A Deployment's status counts from its replica sets (`calculateStatus`).
 *
 * @example
 * // desired 4; old set 3 pods (3 available), new set 2 pods (1 available)
 * calculateStatus(4, [old, newRs], newRs);
 * // { replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 0 }
 */
export function calculateStatus(desiredReplicas: number, allReplicaSets: readonly ReplicaSet[], newReplicaSet: ReplicaSet | undefined): DeploymentStatus {
  const sum = (pick: (rs: ReplicaSet) => number): number => allReplicaSets.reduce((total, rs) => total + pick(rs), 0);
  const availableReplicas = sum((rs) => rs.availableReplicas);
  return {
    replicas: sum((rs) => rs.statusReplicas ?? rs.replicas),
    updatedReplicas: newReplicaSet === undefined ? 0 : (newReplicaSet.statusReplicas ?? newReplicaSet.replicas),
    readyReplicas: sum((rs) => rs.readyReplicas ?? rs.availableReplicas),
    availableReplicas,
    unavailableReplicas: Math.max(0, desiredReplicas - availableReplicas),
  };
}

/**
 * Whether the rollout is complete (`DeploymentComplete`): every desired pod is updated and
 * available, no old pod is left, and the controller has seen the latest spec.
 *
 * @example
 * deploymentComplete(3, { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0 }); // true
 * deploymentComplete(3, { replicas: 4, updatedReplicas: 3, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 0 }); // false (an old pod is left)
 */
export function deploymentComplete(desiredReplicas: number, status: DeploymentStatus, generation?: number): boolean {
  const observedUpToDate = generation === undefined || (status.observedGeneration ?? generation) >= generation;
  return status.updatedReplicas === desiredReplicas && status.replicas === desiredReplicas && status.availableReplicas === desiredReplicas && observedUpToDate;
}

/**
 * Whether the rollout made progress between two statuses (`DeploymentProgressing`): more updated
 * pods, fewer old pods, or more ready or available pods. Progress resets the deadline clock.
 *
 * @example
 * deploymentProgressing(
 *   { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 1 },
 *   { replicas: 4, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 3, unavailableReplicas: 1 },
 * ); // true (one more pod ready)
 */
export function deploymentProgressing(oldStatus: DeploymentStatus, newStatus: DeploymentStatus): boolean {
  const oldStatusOldReplicas = oldStatus.replicas - oldStatus.updatedReplicas;
  const newStatusOldReplicas = newStatus.replicas - newStatus.updatedReplicas;
  return (
    newStatus.updatedReplicas > oldStatus.updatedReplicas ||
    newStatusOldReplicas < oldStatusOldReplicas ||
    newStatus.readyReplicas > oldStatus.readyReplicas ||
    newStatus.availableReplicas > oldStatus.availableReplicas
  );
}

/** Reasons the controller writes on the Progressing condition. */
export type ProgressingReason = 'NewReplicaSetCreated' | 'FoundNewReplicaSet' | 'ReplicaSetUpdated' | 'NewReplicaSetAvailable' | 'ProgressDeadlineExceeded' | 'DeploymentResumed';

/** The Progressing condition as far as the deadline cares. */
export interface ProgressingCondition {
  readonly reason: ProgressingReason;
  /** lastUpdateTime, in ms on the caller's clock: the last time progress was recorded. */
  readonly lastUpdateTime: number;
}

/**
 * Whether the rollout missed its progress deadline (`DeploymentTimedOut`): strictly more than
 * progressDeadlineSeconds since the last recorded progress. A completed rollout never times out;
 * one already marked ProgressDeadlineExceeded stays timed out. No deadline, no condition: false.
 *
 * @example
 * deploymentTimedOut(600, { reason: 'ReplicaSetUpdated', lastUpdateTime: 0 }, 600_000); // false (exactly at the deadline)
 * deploymentTimedOut(600, { reason: 'ReplicaSetUpdated', lastUpdateTime: 0 }, 600_001); // true
 */
export function deploymentTimedOut(progressDeadlineSeconds: number | undefined, condition: ProgressingCondition | undefined, now: number): boolean {
  if (progressDeadlineSeconds === undefined || progressDeadlineSeconds === 2_147_483_647) return false;
  if (condition === undefined || condition.reason === 'NewReplicaSetAvailable') return false;
  if (condition.reason === 'ProgressDeadlineExceeded') return true;
  return condition.lastUpdateTime + progressDeadlineSeconds * 1000 < now;
}
