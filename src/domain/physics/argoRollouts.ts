/**
 * Argo Rollouts semantics: canary replica counts with and without traffic routing, the weight
 * approximation behind them, and blue-green preview sizing. Names follow Argo's functions
 * (utils/replicaset) so each can be read next to the original.
 *
 * Argo reads a percent string without `%` ("25") as 25 %; Kubernetes rejects it. Each module
 * follows its own controller.
 */
export {
  approximateWeightedCanaryStableReplicaCounts,
  ARGO_DEFAULTS,
  getCanaryReplicasOrWeight,
  getCurrentSetWeight,
  maxSurge,
  maxUnavailable,
  resolveFenceposts,
  useSetCanaryScale,
} from './argoRolloutsWeights';
export type { ArgoCanaryStep, ArgoRollout, ArgoRolloutStatus } from './argoRolloutsWeights';
export { calculateReplicaCountsForBasicCanary, checkStableRSExists, getReplicasForScaleDown } from './argoRolloutsBasicCanary';
export { atDesiredReplicaCountsForCanary, calculateReplicaCountsForTrafficRoutedCanary, checkMinPodsPerReplicaSet, trafficWeightToReplicas } from './argoRolloutsTrafficRouted';
export type { TrafficWeights } from './argoRolloutsTrafficRouted';
export { isReplicaSetAvailable, newRSNewReplicasForBlueGreen, readyForPause } from './argoRolloutsBlueGreen';
export type { ArgoBlueGreenStatus } from './argoRolloutsBlueGreen';
export type { ReplicaSet } from './kubernetesRolling';
