/**
 * Argo Rollouts semantics: canary replica counts with and without traffic routing, the weight
 * approximation behind them, blue-green preview sizing, and what an abort does. Names follow
 * Argo's functions (utils/replicaset, utils/defaults, rollout/) so each can be read next to the
 * original.
 *
 * Argo reads a percent string without `%` ("25") as 25 %; Kubernetes rejects it. Each module
 * follows its own controller.
 */
export { ARGO_DEFAULTS, getAbortScaleDownDelaySecondsOrDefault, hasExplicitAbortScaleDownDelay, maxTrafficWeight } from './argoRolloutsDefaults';
export type { AbortScaleDownDelay } from './argoRolloutsDefaults';
export {
  approximateWeightedCanaryStableReplicaCounts,
  getCanaryReplicasOrWeight,
  getCurrentSetWeight,
  getDesiredCanaryWeight,
  maxSurge,
  maxUnavailable,
  resolveFenceposts,
  trafficWeightToReplicas,
  useSetCanaryScale,
} from './argoRolloutsWeights';
export type { ArgoCanaryStep, ArgoRollout, ArgoRolloutStatus, ReplicaProgressThreshold } from './argoRolloutsWeights';
export { allDesiredAreAvailable, allDesiredAreCreated, replicaProgressThresholdMet } from './argoRolloutsProgress';
export type { ReplicaSetWithOptionalSpec } from './argoRolloutsProgress';
export { calculateReplicaCountsForBasicCanary, checkStableRSExists, getReplicasForScaleDown } from './argoRolloutsBasicCanary';
export { atDesiredReplicaCountsForCanary, calculateReplicaCountsForTrafficRoutedCanary, checkMinPodsPerReplicaSet, checkReplicasAvailable } from './argoRolloutsTrafficRouted';
export type { TrafficWeights } from './argoRolloutsTrafficRouted';
export { isReplicaSetAvailable, newRSNewReplicasForBlueGreen } from './argoRolloutsBlueGreen';
export type { ArgoBlueGreenStatus } from './argoRolloutsBlueGreen';
export { getOtherRSs, getStableRS, newRSNewReplicas, readyForPause } from './argoRolloutsNewReplicas';
export type { ArgoNewRSStatus, NewReplicas } from './argoRolloutsNewReplicas';
export { calculateDesiredWeightOnAbortOrStableRollback, DEFAULT_ROLLOUT_RESYNC_PERIOD_MS, reconcileNewReplicaSet, shouldDelayScaleDownOnAbort } from './argoRolloutsAbort';
export type { AbortReconcileDecision, AbortReconcileInput } from './argoRolloutsAbort';
export type { ReplicaSet } from './kubernetesRolling';
