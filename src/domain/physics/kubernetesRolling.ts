import { getScaledValueFromIntOrPercent } from './intOrPercent';
import type { IntOrString } from './intOrPercent';

/**
 * The Kubernetes Deployment controller's RollingUpdate arithmetic (pkg/controller/deployment:
 * util/deployment_util.go and rolling.go), as pure functions over plain objects.
 *
 * Replica-set lists are in creation order, oldest first, the order the controller sorts them by
 * (`ReplicaSetsByCreationTimestamp`) before it scales old replica sets down.
 */

export type DeploymentStrategyType = 'RollingUpdate' | 'Recreate';

/** The parts of a Deployment's spec the arithmetic reads. */
export interface Deployment {
  /** spec.replicas */
  readonly replicas: number;
  /** spec.strategy.rollingUpdate.maxSurge; absent counts as 0, as in the controller. */
  readonly maxSurge?: IntOrString;
  /** spec.strategy.rollingUpdate.maxUnavailable; absent counts as 0. */
  readonly maxUnavailable?: IntOrString;
  /** spec.strategy.type, RollingUpdate unless said otherwise. */
  readonly strategy?: DeploymentStrategyType;
}

/** One ReplicaSet: its spec size and what its pods are doing. */
export interface ReplicaSet {
  readonly name: string;
  /** spec.replicas: the size the controller asked for. */
  readonly replicas: number;
  /** status.availableReplicas: ready for at least minReadySeconds. */
  readonly availableReplicas: number;
  /** status.readyReplicas; defaults to availableReplicas. */
  readonly readyReplicas?: number;
  /** status.replicas: pods that exist; defaults to replicas. */
  readonly statusReplicas?: number;
  /** deployment.kubernetes.io/desired-replicas */
  readonly desiredReplicasAnnotation?: number;
  /** deployment.kubernetes.io/max-replicas: the annotation's text or its number; an unparsable one counts as missing. */
  readonly maxReplicasAnnotation?: number | string;
}

export type Fenceposts = { readonly ok: true; readonly maxSurge: number; readonly maxUnavailable: number } | { readonly ok: false; readonly error: string };

/**
 * Resolves maxSurge and maxUnavailable together (`ResolveFenceposts`). Percentages are of the
 * desired replicas; maxSurge rounds up, maxUnavailable rounds down; absent values count as 0; when
 * both come to 0, maxUnavailable becomes 1 so a rollout can always move.
 *
 * @example
 * resolveFenceposts('25%', '25%', 10); // { ok: true, maxSurge: 3, maxUnavailable: 2 }
 * resolveFenceposts(0, 0, 1);          // { ok: true, maxSurge: 0, maxUnavailable: 1 }
 * resolveFenceposts('25', 0, 4);       // { ok: false, error: '... "25" is not a percentage ...' }
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): Fenceposts {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  if (!surge.ok) return { ok: false, error: `maxSurge: ${surge.error}` };
  const unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (!unavailable.ok) return { ok: false, error: `maxUnavailable: ${unavailable.error}` };
  if (surge.value === 0 && unavailable.value === 0) return { ok: true, maxSurge: 0, maxUnavailable: 1 };
  return { ok: true, maxSurge: surge.value, maxUnavailable: unavailable.value };
}

function isRollingUpdate(deployment: Deployment): boolean {
  return (deployment.strategy ?? 'RollingUpdate') === 'RollingUpdate';
}

/**
 * Pods above spec.replicas a rolling update may create (`MaxSurge`); 0 for Recreate, and 0 for
 * an invalid value, as the controller leaves that to API validation.
 *
 * @example
 * maxSurge({ replicas: 10, maxSurge: '25%', maxUnavailable: '25%' }); // 3
 */
export function maxSurge(deployment: Deployment): number {
  if (!isRollingUpdate(deployment)) return 0;
  const fenceposts = resolveFenceposts(deployment.maxSurge, deployment.maxUnavailable, deployment.replicas);
  return fenceposts.ok ? fenceposts.maxSurge : 0;
}

/**
 * Pods that may be unavailable during a rolling update (`MaxUnavailable`), never more than
 * spec.replicas; 0 for Recreate or zero replicas.
 *
 * @example
 * maxUnavailable({ replicas: 10, maxSurge: '25%', maxUnavailable: '25%' }); // 2
 * maxUnavailable({ replicas: 1, maxSurge: 0, maxUnavailable: 0 });          // 1
 * maxUnavailable({ replicas: 3, maxSurge: 0, maxUnavailable: 10 });         // 3 (capped)
 */
export function maxUnavailable(deployment: Deployment): number {
  if (!isRollingUpdate(deployment) || deployment.replicas === 0) return 0;
  const fenceposts = resolveFenceposts(deployment.maxSurge, deployment.maxUnavailable, deployment.replicas);
  const value = fenceposts.ok ? fenceposts.maxUnavailable : 0;
  return Math.min(value, deployment.replicas);
}

/**
 * Pods that must stay available (`MinAvailable`): spec.replicas minus maxUnavailable.
 *
 * @example
 * minAvailable({ replicas: 10, maxSurge: '25%', maxUnavailable: '25%' }); // 8
 */
export function minAvailable(deployment: Deployment): number {
  if (!isRollingUpdate(deployment)) return 0;
  return deployment.replicas - maxUnavailable(deployment);
}

/** Sum of spec.replicas (`GetReplicaCountForReplicaSets`). */
export function getReplicaCountForReplicaSets(replicaSets: readonly ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => sum + rs.replicas, 0);
}

/** Sum of status.availableReplicas (`GetAvailableReplicaCountForReplicaSets`). */
export function getAvailableReplicaCountForReplicaSets(replicaSets: readonly ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => sum + rs.availableReplicas, 0);
}

/**
 * The size the new ReplicaSet should have next (`NewRSNewReplicas`): grow by what the surge
 * allows over all replica sets, never past spec.replicas. Recreate goes straight to spec.replicas.
 *
 * @example
 * // 10 replicas, maxSurge 2, old at 5, new at 0: 12 - 5 = 7 may be added.
 * newRSNewReplicas({ replicas: 10, maxSurge: 2 }, [old5, new0], new0); // 7
 */
export function newRSNewReplicas(deployment: Deployment, allReplicaSets: readonly ReplicaSet[], newReplicaSet: ReplicaSet): number {
  if (!isRollingUpdate(deployment)) return deployment.replicas;
  const surge = getScaledValueFromIntOrPercent(deployment.maxSurge ?? 0, deployment.replicas, true);
  if (!surge.ok) throw new Error(`newRSNewReplicas: ${surge.error}`);
  const currentPodCount = getReplicaCountForReplicaSets(allReplicaSets);
  const maxTotalPods = deployment.replicas + surge.value;
  if (currentPodCount >= maxTotalPods) return newReplicaSet.replicas;
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, deployment.replicas - newReplicaSet.replicas);
  return newReplicaSet.replicas + scaleUpCount;
}

/**
 * The new ReplicaSet's next size in a rolling update (`reconcileNewReplicaSet`): unchanged when
 * it already has spec.replicas, cut back when it has more, else {@link newRSNewReplicas}.
 *
 * @example
 * reconcileNewReplicaSet({ replicas: 10, maxSurge: 2 }, [old2, new11], new11); // 10
 */
export function reconcileNewReplicaSet(deployment: Deployment, allReplicaSets: readonly ReplicaSet[], newReplicaSet: ReplicaSet): number {
  if (newReplicaSet.replicas >= deployment.replicas) return deployment.replicas;
  return newRSNewReplicas(deployment, allReplicaSets, newReplicaSet);
}

/** Old replica sets after a scale-down pass, and how many pods the pass removed. */
export interface ScaleDownResult {
  readonly oldReplicaSets: readonly ReplicaSet[];
  readonly scaledDown: number;
}

function withReplicas(rs: ReplicaSet, replicas: number): ReplicaSet {
  return { ...rs, replicas };
}

/**
 * Removes unhealthy (not available) pods of old replica sets first, oldest set first, up to
 * `maxCleanupCount` (`cleanupUnhealthyReplicas`). Deleting those cannot lower availability.
 *
 * @example
 * // old set: 10 replicas, 8 available; at most 1 may go.
 * cleanupUnhealthyReplicas([{ name: 'v1', replicas: 10, availableReplicas: 8 }], 1);
 * // { oldReplicaSets: [{ ..., replicas: 9 }], scaledDown: 1 }
 */
export function cleanupUnhealthyReplicas(oldReplicaSets: readonly ReplicaSet[], maxCleanupCount: number): ScaleDownResult {
  let total = 0;
  const result = oldReplicaSets.map((rs) => {
    if (total >= maxCleanupCount || rs.replicas === 0 || rs.replicas === rs.availableReplicas) return rs;
    const count = Math.min(maxCleanupCount - total, rs.replicas - rs.availableReplicas);
    total += count;
    return withReplicas(rs, rs.replicas - count);
  });
  return { oldReplicaSets: result, scaledDown: total };
}

/**
 * Scales old replica sets down, oldest first, while available pods stay above minAvailable
 * (`scaleDownOldReplicaSetsForRollingUpdate`). `allReplicaSets` includes the new one.
 *
 * @example
 * // 10 replicas, maxUnavailable 2, all 10 old pods available: 10 - 8 = 2 may go.
 * scaleDownOldReplicaSetsForRollingUpdate({ replicas: 10, maxUnavailable: 2 }, [old10], [old10]);
 * // { oldReplicaSets: [{ ..., replicas: 8 }], scaledDown: 2 }
 */
export function scaleDownOldReplicaSetsForRollingUpdate(deployment: Deployment, allReplicaSets: readonly ReplicaSet[], oldReplicaSets: readonly ReplicaSet[]): ScaleDownResult {
  const floor = deployment.replicas - maxUnavailable(deployment);
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allReplicaSets);
  if (availablePodCount <= floor) return { oldReplicaSets, scaledDown: 0 };
  const totalScaleDownCount = availablePodCount - floor;
  let total = 0;
  const result = oldReplicaSets.map((rs) => {
    if (total >= totalScaleDownCount || rs.replicas === 0) return rs;
    const count = Math.min(rs.replicas, totalScaleDownCount - total);
    total += count;
    return withReplicas(rs, rs.replicas - count);
  });
  return { oldReplicaSets: result, scaledDown: total };
}

/**
 * One scale-down pass over the old replica sets (`reconcileOldReplicaSets`). The room to scale
 * down is all pods minus minAvailable minus the new set's unavailable pods, so a crash-looping new
 * set never lets old pods go; unhealthy old pods go first, then healthy ones above minAvailable.
 *
 * @example
 * // 10 replicas, maxUnavailable 2, old 10 (9 available), new 0: 1 unhealthy + 1 healthy go.
 * reconcileOldReplicaSets({ replicas: 10, maxSurge: 0, maxUnavailable: 2 }, old, newRs);
 * // { oldReplicaSets: [{ ..., replicas: 8 }], scaledDown: 2 }
 */
export function reconcileOldReplicaSets(deployment: Deployment, oldReplicaSets: readonly ReplicaSet[], newReplicaSet: ReplicaSet): ScaleDownResult {
  const oldPodsCount = getReplicaCountForReplicaSets(oldReplicaSets);
  if (oldPodsCount === 0) return { oldReplicaSets, scaledDown: 0 };
  const allPodsCount = oldPodsCount + newReplicaSet.replicas;
  const newUnavailable = newReplicaSet.replicas - newReplicaSet.availableReplicas;
  const maxScaledDown = allPodsCount - minAvailable(deployment) - newUnavailable;
  if (maxScaledDown <= 0) return { oldReplicaSets, scaledDown: 0 };
  const cleaned = cleanupUnhealthyReplicas(oldReplicaSets, maxScaledDown);
  const scaled = scaleDownOldReplicaSetsForRollingUpdate(deployment, [...cleaned.oldReplicaSets, newReplicaSet], cleaned.oldReplicaSets);
  return { oldReplicaSets: scaled.oldReplicaSets, scaledDown: cleaned.scaledDown + scaled.scaledDown };
}

/** What one rolling-update sync asked for. */
export interface RolloutRollingResult {
  readonly newReplicaSet: ReplicaSet;
  readonly oldReplicaSets: readonly ReplicaSet[];
  /** Which side moved: the new set (up, or down to spec.replicas), the old sets, or neither. */
  readonly action: 'newReplicaSetScaled' | 'oldReplicaSetsScaled' | 'none';
}

/**
 * One sync of a rolling update (`rolloutRolling`): scale the new set up if it can; only when it
 * did not, scale old sets down. Pod availability between syncs is the caller's to simulate.
 *
 * @example
 * // 4 replicas, 25%/25%, old 4 available, new 0: surge 1, so the new set goes to 1.
 * rolloutRolling(d, { name: 'v2', replicas: 0, availableReplicas: 0 }, [{ name: 'v1', replicas: 4, availableReplicas: 4 }]);
 * // { newReplicaSet: { ..., replicas: 1 }, oldReplicaSets: [v1 at 4], action: 'newReplicaSetScaled' }
 */
export function rolloutRolling(deployment: Deployment, newReplicaSet: ReplicaSet, oldReplicaSets: readonly ReplicaSet[]): RolloutRollingResult {
  const next = reconcileNewReplicaSet(deployment, [...oldReplicaSets, newReplicaSet], newReplicaSet);
  if (next !== newReplicaSet.replicas) return { newReplicaSet: withReplicas(newReplicaSet, next), oldReplicaSets, action: 'newReplicaSetScaled' };
  const active = oldReplicaSets.filter((rs) => rs.replicas > 0);
  const down = reconcileOldReplicaSets(deployment, active, newReplicaSet);
  if (down.scaledDown === 0) return { newReplicaSet, oldReplicaSets, action: 'none' };
  const byName = new Map(down.oldReplicaSets.map((rs) => [rs.name, rs]));
  return { newReplicaSet, oldReplicaSets: oldReplicaSets.map((rs) => byName.get(rs.name) ?? rs), action: 'oldReplicaSetsScaled' };
}
