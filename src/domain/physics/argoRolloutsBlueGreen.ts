import type { ReplicaSet } from './kubernetesRolling';
import { ARGO_DEFAULTS } from './argoRolloutsWeights';

/**
 * Argo Rollouts' blue-green sizing (the blue-green branch of `NewRSNewReplicas` in
 * utils/replicaset/replicaset.go, and utils/replicaset/bluegreen.go). The active service points at
 * one ReplicaSet, the preview service at the new one; previewReplicaCount lets the new set run
 * smaller until promotion.
 */

/** The blue-green parts of a Rollout's spec and status. */
export interface ArgoBlueGreenStatus {
  /** Name of the ReplicaSet the active service selects (status.blueGreen.activeSelector). */
  readonly activeSelector?: string;
  /** Name of the ReplicaSet of the current pod template (status.currentPodHash). */
  readonly currentPodHash?: string;
  readonly promoteFull?: boolean;
  /** spec.paused, or any pause condition. */
  readonly paused?: boolean;
  /** status.blueGreen.scaleUpPreviewCheckPoint: the pre-promotion pause is behind us. */
  readonly scaleUpPreviewCheckPoint?: boolean;
}

/**
 * The new ReplicaSet's size under blue-green. Without previewReplicaCount it is spec.replicas.
 * With it, the new set stays at previewReplicaCount until the active service points at it, the
 * rollout is fully promoted, or it was resumed past the preview checkpoint.
 *
 * @example
 * // 5 replicas, previewReplicaCount 1, active still on v1, paused before promotion.
 * newRSNewReplicasForBlueGreen({ replicas: 5 }, 1, { activeSelector: 'v1', currentPodHash: 'v2', paused: true }, v2, [v1, v2]); // 1
 * // Resumed past the checkpoint: scale to full size before the switch.
 * newRSNewReplicasForBlueGreen({ replicas: 5 }, 1, { activeSelector: 'v1', currentPodHash: 'v2', scaleUpPreviewCheckPoint: true }, v2, [v1, v2]); // 5
 */
export function newRSNewReplicasForBlueGreen(
  rollout: { readonly replicas?: number },
  previewReplicaCount: number | undefined,
  status: ArgoBlueGreenStatus,
  newRS: ReplicaSet,
  allRSs: readonly ReplicaSet[],
): number {
  const desired = rollout.replicas ?? ARGO_DEFAULTS.replicas;
  if (previewReplicaCount === undefined) return desired;
  const activeRS = status.activeSelector === undefined ? undefined : allRSs.find((rs) => rs.name === status.activeSelector);
  if (activeRS === undefined || activeRS.name === newRS.name) return desired;
  if (status.promoteFull === true) return desired;
  // A template that is not the recorded current one is a fresh update: start at preview size.
  if (newRS.name !== status.currentPodHash) return previewReplicaCount;
  if (status.paused !== true && status.scaleUpPreviewCheckPoint === true) return desired;
  return previewReplicaCount;
}

/**
 * Whether a ReplicaSet is scaled up and all its pods are available (`IsReplicaSetAvailable`);
 * the active service switches only to such a set.
 *
 * @example
 * isReplicaSetAvailable({ name: 'v2', replicas: 3, availableReplicas: 3 }); // true
 * isReplicaSetAvailable({ name: 'v2', replicas: 0, availableReplicas: 0 }); // false
 */
export function isReplicaSetAvailable(rs: ReplicaSet | undefined): boolean {
  return rs !== undefined && rs.replicas !== 0 && rs.availableReplicas !== 0 && rs.replicas <= rs.availableReplicas;
}
