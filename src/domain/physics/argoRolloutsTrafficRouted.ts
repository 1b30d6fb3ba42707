import { getAvailableReplicaCountForReplicaSets } from './kubernetesRolling';
import type { ReplicaSet } from './kubernetesRolling';
import { calculateReplicaCountsForBasicCanary } from './argoRolloutsBasicCanary';
import { maxTrafficWeight } from './argoRolloutsDefaults';
import { allDesiredAreCreated, replicaProgressThresholdMet } from './argoRolloutsProgress';
import { ARGO_DEFAULTS, getCanaryReplicasOrWeight, trafficWeightToReplicas } from './argoRolloutsWeights';
import type { ArgoRollout, ArgoRolloutStatus } from './argoRolloutsWeights';

export { trafficWeightToReplicas };

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
 * Weights are out of maxTrafficWeight. Pass the new and stable sets so an abort under
 * dynamicStableScale steps the weight down through the steps ({@link getDesiredCanaryWeight});
 * without them the weight drops to 0 at once (what upstream does with nil sets).
 *
 * @example
 * // 10 replicas, weight 10: canary 1, stable untouched.
 * calculateReplicaCountsForTrafficRoutedCanary(rollout, status);                                          // [1, 10]
 * // dynamicStableScale, router at 10/90: stable shrinks to 9.
 * calculateReplicaCountsForTrafficRoutedCanary({ ...rollout, dynamicStableScale: true }, status, { canary: 10, stable: 90 }); // [1, 9]
 * // Aborted at 60/40 with steps 20, 60; canary 6 up, stable 4 available: the next step down is 20, so stable grows to 8, not 10.
 * calculateReplicaCountsForTrafficRoutedCanary(aborted, { ...status, abort: true }, { canary: 60, stable: 40 }, canary6, stable4); // [6, 8]
 */
export function calculateReplicaCountsForTrafficRoutedCanary(
  rollout: ArgoRollout,
  status: ArgoRolloutStatus,
  weights?: TrafficWeights,
  newRS?: ReplicaSet,
  stableRS?: ReplicaSet,
): [canary: number, stable: number] {
  const replicas = rollout.replicas ?? ARGO_DEFAULTS.replicas;
  const maxWeight = maxTrafficWeight(rollout);
  const { replicas: fixedCanary, weight } = getCanaryReplicasOrWeight(rollout, status, newRS, stableRS);
  let canary = fixedCanary ?? checkMinPodsPerReplicaSet(rollout, trafficWeightToReplicas(replicas, weight, maxWeight));
  if (rollout.dynamicStableScale !== true) return [canary, replicas];

  // Stable keeps capacity for whichever is larger: the traffic it should get or the traffic it has.
  let stable = trafficWeightToReplicas(replicas, maxWeight - weight, maxWeight);
  if (weights !== undefined) {
    stable = Math.max(stable, trafficWeightToReplicas(replicas, weights.stable, maxWeight));
    if (status.abort === true) canary = Math.max(canary, trafficWeightToReplicas(replicas, weights.canary, maxWeight));
  }
  return [checkMinPodsPerReplicaSet(rollout, canary), checkMinPodsPerReplicaSet(rollout, stable)];
}

/**
 * Whether a step's replicas are in place, so the step may complete
 * (`AtDesiredReplicaCountsForCanary`): enough of the canary is available
 * ({@link replicaProgressThresholdMet}: all of it unless replicaProgressThreshold says less); the
 * stable has its count created (not checked with dynamicStableScale); without traffic routing,
 * older sets have no available pods left, since they would still receive traffic.
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
    ? calculateReplicaCountsForTrafficRoutedCanary(rollout, status, weights, newRS, stableRS)
    : calculateReplicaCountsForBasicCanary(rollout, status, newRS, stableRS, olderRSs);
  if (!replicaProgressThresholdMet(rollout.replicaProgressThreshold, newRS, desiredNew)) return false;
  if ((!routed || rollout.dynamicStableScale !== true) && !allDesiredAreCreated(stableRS, desiredStable)) return false;
  return routed || getAvailableReplicaCountForReplicaSets(olderRSs) === 0;
}

/**
 * Whether `rs` has enough available pods to take `desiredWeight` of the traffic, so the router may
 * move (`checkReplicasAvailable`, rollout/trafficrouting.go). The pods needed are
 * desiredWeight × spec.replicas / maxTrafficWeight rounded down (integer division, unlike
 * {@link trafficWeightToReplicas}); fewer available still pass if replicaProgressThreshold is met
 * for that count. A missing set never passes.
 *
 * @example
 * // 10 replicas: 95 % of the traffic needs 9 pods (rounded down).
 * checkReplicasAvailable({ replicas: 10, trafficRouting: true }, { name: 's', replicas: 10, availableReplicas: 9 }, 95); // true
 */
export function checkReplicasAvailable(rollout: ArgoRollout, rs: ReplicaSet | undefined, desiredWeight: number): boolean {
  if (rs === undefined) return false;
  const desired = Math.trunc((desiredWeight * (rollout.replicas ?? ARGO_DEFAULTS.replicas)) / maxTrafficWeight(rollout));
  return rs.availableReplicas >= desired || replicaProgressThresholdMet(rollout.replicaProgressThreshold, rs, desired);
}
