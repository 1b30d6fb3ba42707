import { getReplicaCountForReplicaSets } from './kubernetesRolling';
import type { ReplicaSet } from './kubernetesRolling';
import { maxTrafficWeight } from './argoRolloutsDefaults';
import { approximateWeightedCanaryStableReplicaCounts, ARGO_DEFAULTS, getCanaryReplicasOrWeight, maxSurge, maxUnavailable } from './argoRolloutsWeights';
import type { ArgoRollout, ArgoRolloutStatus } from './argoRolloutsWeights';

/**
 * Argo Rollouts' canary without traffic routing: the traffic split is the replica split, so the
 * controller sizes canary and stable to approximate the weight, inside maxSurge and maxUnavailable
 * (utils/replicaset/canary.go `CalculateReplicaCountsForBasicCanary`).
 */

/** Pods of `rs` that count toward availability when deciding how far to scale down (`GetReplicasForScaleDown`). */
export function getReplicasForScaleDown(rs: ReplicaSet | undefined, ignoreAvailability: boolean): number {
  if (rs === undefined) return 0;
  // Pods above spec are about to go; counting them would let the controller remove too many.
  if (rs.replicas < rs.availableReplicas) return rs.replicas;
  return ignoreAvailability ? rs.replicas : rs.availableReplicas;
}

/** A stable set exists and is not the new one (`CheckStableRSExists`). */
export function checkStableRSExists(newRS: ReplicaSet | undefined, stableRS: ReplicaSet | undefined): stableRS is ReplicaSet {
  if (stableRS === undefined) return false;
  return newRS === undefined || newRS.name !== stableRS.name;
}

function calculateScaleDownReplicaCount(drainRS: ReplicaSet | undefined, desired: number, scaleDownCount: number, current: number): number {
  if (drainRS !== undefined && drainRS.replicas > desired) return Math.max(desired, drainRS.replicas - scaleDownCount);
  return current;
}

/**
 * Keeps the pair within the surge ceiling and the availability floor after one side was drained
 * (`adjustReplicaWithinLimits`): the other side gives back what breaks the ceiling, but keeps the
 * pods availability still needs; whatever still breaks the ceiling comes off the drained side.
 */
function adjustReplicaWithinLimits(drainRS: ReplicaSet | undefined, adjustRS: ReplicaSet | undefined, drainCount: number, adjustCount: number, ceiling: number, floor: number): [drain: number, adjust: number] {
  if (adjustRS === undefined) return [drainCount, adjustCount];
  const drainAvailable = drainRS === undefined ? 0 : Math.min(drainRS.availableReplicas, drainCount);
  let adjust = adjustCount - Math.max(0, adjustCount + drainCount - ceiling);
  const totalAvailable = drainAvailable + Math.min(adjustRS.availableReplicas, adjust);
  const lostAvailability = Math.max(0, adjustRS.availableReplicas - adjust);
  adjust += Math.min(lostAvailability, Math.max(0, floor - totalAvailable));
  return [drainCount - Math.max(0, adjust + drainCount - ceiling), adjust];
}

/**
 * The next canary and stable sizes for a canary without traffic routing. The target is
 * {@link approximateWeightedCanaryStableReplicaCounts}; growth uses the surge room, stable first;
 * older sets are drained before canary or stable shrink; then the side moving away from its target
 * shrinks as far as availability allows (the canary when the weight falls, else the stable).
 * Without a distinct stable set the new set simply heads for spec.replicas.
 *
 * @example
 * // 10 replicas, weight 20, maxSurge 2, maxUnavailable 0, stable 10/10, canary 0: surge 2 canaries.
 * calculateReplicaCountsForBasicCanary(rollout, status, canary0, stable10, []); // [2, 10]
 * // Next sync, the 2 canaries available: 12 available - 10 minimum = 2 stable pods may go.
 * calculateReplicaCountsForBasicCanary(rollout, status, canary2, stable10, []); // [2, 8]
 */
export function calculateReplicaCountsForBasicCanary(
  rollout: ArgoRollout,
  status: ArgoRolloutStatus,
  newRS: ReplicaSet | undefined,
  stableRS: ReplicaSet | undefined,
  olderRSs: readonly ReplicaSet[],
): [canary: number, stable: number] {
  const replicas = rollout.replicas ?? ARGO_DEFAULTS.replicas;
  const surge = maxSurge(rollout);
  const { weight } = getCanaryReplicasOrWeight(rollout, status, newRS, stableRS);
  let [desiredNew, desiredStable] = approximateWeightedCanaryStableReplicaCounts(replicas, weight, surge, maxTrafficWeight(rollout));
  let newCount = newRS?.replicas ?? 0;
  let stableCount = 0;
  const hasStable = checkStableRSExists(newRS, stableRS);
  if (hasStable) stableCount = stableRS.replicas;
  else [desiredNew, desiredStable] = [replicas, 0];

  const ceiling = replicas + surge;
  const counted = [...olderRSs, ...(newRS === undefined ? [] : [newRS]), ...(hasStable ? [stableRS] : [])];
  let scaleUpCount = ceiling - getReplicaCountForReplicaSets(counted);

  if (hasStable && stableRS.replicas < desiredStable && scaleUpCount > 0) {
    // Stable first: it is the side that must never run short of capacity.
    stableCount = Math.min(stableRS.replicas + scaleUpCount, desiredStable);
    scaleUpCount -= stableCount - stableRS.replicas;
  }
  if (newRS !== undefined && newRS.replicas < desiredNew && scaleUpCount > 0) newCount = Math.min(newRS.replicas + scaleUpCount, desiredNew);

  if (getReplicaCountForReplicaSets(olderRSs) > 0) return [newCount, stableCount];

  const floor = replicas - maxUnavailable(rollout);
  const isIncreasing = newRS === undefined || desiredNew >= newRS.replicas;
  const countable = getReplicasForScaleDown(newRS, !isIncreasing) + getReplicasForScaleDown(stableRS, isIncreasing);
  if (countable <= floor) return [newCount, stableCount];
  const scaleDownCount = countable - floor;
  if (!isIncreasing) {
    newCount = calculateScaleDownReplicaCount(newRS, desiredNew, scaleDownCount, newCount);
    [newCount, stableCount] = adjustReplicaWithinLimits(newRS, stableRS, newCount, stableCount, ceiling, floor);
  } else if (hasStable) {
    stableCount = calculateScaleDownReplicaCount(stableRS, desiredStable, scaleDownCount, stableCount);
    [stableCount, newCount] = adjustReplicaWithinLimits(stableRS, newRS, stableCount, newCount, ceiling, floor);
  }
  return [newCount, stableCount];
}
