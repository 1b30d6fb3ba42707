/**
 * Kubernetes Deployment controller semantics: RollingUpdate arithmetic, proportional scaling
 * when spec.replicas changes mid-rollout, and the Progressing condition. Names follow the
 * controller's functions (pkg/controller/deployment) so each can be read next to the original.
 */
export {
  cleanupUnhealthyReplicas,
  getAvailableReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  maxSurge,
  maxUnavailable,
  minAvailable,
  newRSNewReplicas,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  resolveFenceposts,
  rolloutRolling,
  scaleDownOldReplicaSetsForRollingUpdate,
} from './kubernetesRolling';
export type { Deployment, DeploymentStrategyType, Fenceposts, ReplicaSet, RolloutRollingResult, ScaleDownResult } from './kubernetesRolling';
export { getProportion, getReplicaSetFraction, isScalingEvent, scale } from './kubernetesScale';
export type { ScaleResult } from './kubernetesScale';
export { calculateStatus, deploymentComplete, deploymentProgressing, deploymentTimedOut } from './kubernetesStatus';
export type { DeploymentStatus, ProgressingCondition, ProgressingReason } from './kubernetesStatus';
