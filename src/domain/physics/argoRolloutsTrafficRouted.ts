import { getAvailableReplicaCountForReplicaSets } from './kubernetesRolling';
import type { ReplicaSet } from './kubernetesRolling';
import { calculateReplicaCountsForBasicCanary } from './argoRolloutsBasicCanary';
import { ARGO_DEFAULTS, getCanaryReplicasOrWeight } from './argoRolloutsWeights';
import type { ArgoRollout, ArgoRolloutStatus } from './argoRolloutsWeights';

/**
 * Argo Rollouts' canary with traffic routing: a router splits traffic by weight, so replica
 * counts only need enough capacity for each side's share (utils/replicaset/canary.go).
 */

/** The weights the router applies right now (status.canary.weights). */
export interface TrafficWeights {
  readonly canary: number;
  readonly stable: number;
}

/**
 * Replicas that carry `weight` percent of the traffic, rounded up (`trafficWeightToReplicas`).
 *
 * @example
 * trafficWeightToReplicas(10, 25); // 3
 * trafficWeightToReplicas(3, 10);  // 1
 */
export function trafficWeightToReplicas(replicas: number, weight: number): number {
  return Math.ceil((weight * replicas) / 100);
}

/**
 * Raises a non-zero count to minPodsPerReplicaSet, itself capped at spec.replicas, with traffic
 * routing only (`CheckMinPodsPerReplicaSet`).
 *
 * @example
 * checkMinPodsPerReplicaSet({ replicas: 10, trafficRouting: true, minPodsPerReplicaSet: 2 }, 1); // 2
 * checkMinPodsPerReplicaSet({ replicas: 10, trafficRouting: true, minPodsPerReplicaSet: 2 }, 0); // 0
 * checkMinPodsPerReplicaSet({ replicas: 1, trafficRouting: true, minPodsPerReplicaSet: 2 }, 1); // 1 (capped at spec.replicas)
 */
export function checkMinPodsPerReplicaSet(rollout: ArgoRollout, count: number): number {
  if (count === 0 || rollout.minPodsPerReplicaSet === undefined || rollout.trafficRouting !== true) return count;
  return Math.max(count, Math.min(rollout.minPodsPerReplicaSet, rollout.replicas ?? ARGO_DEFAULTS.replicas));
}

/**
 * Canary and stable sizes with traffic routing (`CalculateReplicaCountsForTrafficRoutedCanary`).
 * The canary gets setCanaryScale.replicas, or the weight rounded up. The stable stays at
 * spec.replicas unless dynamicStableScale, when it is sized for the larger of the desired and the
 * current stable weight; on abort the canary likewise keeps capacity for the traffic it still has.
 *
 * @example
 * // 10 replicas, weight 10: canary 1, stable untouched.
 * calculateReplicaCountsForTrafficRoutedCanary(rollout, status);                                          // [1, 10]
 * // dynamicStableScale, router at 10/90: stable shrinks to 9.
 * calculateReplicaCountsForTrafficRoutedCanary({ ...rollout, dynamicStableScale: true }, status, { canary: 10, stable: 90 }); // [1, 9]
 */
export function calculateReplicaCountsForTrafficRoutedCanary(rollout: ArgoRollout, status: ArgoRolloutStatus, weights?: TrafficWeights): [canary: number, stable: number] {
  const replicas = rollout.replicas ?? ARGO_DEFAULTS.replicas;
  const { replicas: fixedCanary, weight } = getCanaryReplicasOrWeight(rollout, status);
  let canary = fixedCanary ?? checkMinPodsPerReplicaSet(rollout, trafficWeightToReplicas(replicas, weight));
  if (rollout.dynamicStableScale !== true) return [canary, replicas];

  // Stable keeps capacity for whichever is larger: the traffic it should get or the traffic it has.
  let stable = trafficWeightToReplicas(replicas, 100 - weight);
  if (weights !== undefined) {
    stable = Math.max(stable, trafficWeightToReplicas(replicas, weights.stable));
    if (status.abort === true) canary = Math.max(canary, trafficWeightToReplicas(replicas, weights.canary));
  }
  return [checkMinPodsPerReplicaSet(rollout, canary), checkMinPodsPerReplicaSet(rollout, stable)];
}

function allDesiredAreAvailable(rs: ReplicaSet | undefined, desired: number): boolean {
  return rs !== undefined && rs.replicas === desired && rs.availableReplicas === desired;
}

function allDesiredAreCreated(rs: ReplicaSet | undefined, desired: number): boolean {
  return rs !== undefined && rs.replicas === desired && (rs.statusReplicas ?? rs.replicas) === desired;
}

/**
 * Whether a canary step's replicas are in place, so the step may complete
 * (`AtDesiredReplicaCountsForCanary`): the canary has its desired count, all available; the stable
 * has its count created (not checked with dynamicStableScale); without traffic routing, older sets
 * have no available pods left, since they would still receive traffic.
 *
 * @example
 * // 10 replicas, weight 20, maxSurge 20%, maxUnavailable 0; canary 2/2, stable 8/8
 * atDesiredReplicaCountsForCanary(rollout, status, canary2, stable8, []); // true
 */
export function atDesiredReplicaCountsForCanary(
  rollout: ArgoRollout,
  status: ArgoRolloutStatus,
  newRS: ReplicaSet | undefined,
  stableRS: ReplicaSet | undefined,
  olderRSs: readonly ReplicaSet[],
  weights?: TrafficWeights,
): boolean {
  const routed = rollout.trafficRouting === true;
  const [desiredNew, desiredStable] = routed
    ? calculateReplicaCountsForTrafficRoutedCanary(rollout, status, weights)
    : calculateReplicaCountsForBasicCanary(rollout, status, newRS, stableRS, olderRSs);
  if (!allDesiredAreAvailable(newRS, desiredNew)) return false;
  if ((!routed || rollout.dynamicStableScale !== true) && !allDesiredAreCreated(stableRS, desiredStable)) return false;
  return routed || getAvailableReplicaCountForReplicaSets(olderRSs) === 0;
}
