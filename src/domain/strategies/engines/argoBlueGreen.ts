import type { Plan } from '../../plan/schema';
import { newRSNewReplicasForBlueGreen } from '../../physics/argoRolloutsBlueGreen';
import type { ArgoBlueGreenStatus } from '../../physics/argoRolloutsBlueGreen';
import type { ReplicaSet } from '../../physics/kubernetesRolling';
import { flaggerCanaryReplicas } from './flaggerCanary';

/**
 * Argo Rollouts' blue-green sizes of the new (preview) ReplicaSet, from the physics function
 * `newRSNewReplicasForBlueGreen`, at the two moments the machine scales it:
 * - `preview`: the update was just detected; the active service still selects the old set and
 *   the rollout has not passed its pre-promotion checkpoint (analysis, or waiting for promotion).
 * - `promoted`: promotion resumed the rollout past the checkpoint (`scaleUpPreviewCheckPoint`),
 *   so the new set scales to full size before the active service switches to it.
 *
 * @example
 * argoBlueGreenReplicas(5, 1);         // { preview: 1, promoted: 5 }
 * argoBlueGreenReplicas(5, undefined); // { preview: 5, promoted: 5 }
 */
export function argoBlueGreenReplicas(replicas: number, previewReplicaCount: number | undefined): { preview: number; promoted: number } {
  const active: ReplicaSet = { name: 'active', replicas, availableReplicas: replicas };
  const preview: ReplicaSet = { name: 'preview', replicas: 0, availableReplicas: 0 };
  const sizeAt = (status: ArgoBlueGreenStatus): number => newRSNewReplicasForBlueGreen({ replicas }, previewReplicaCount, status, preview, [active, preview]);
  return {
    preview: sizeAt({ activeSelector: 'active', currentPodHash: 'preview' }),
    promoted: sizeAt({ activeSelector: 'active', currentPodHash: 'preview', scaleUpPreviewCheckPoint: true }),
  };
}

/**
 * The candidate count a blue-green preview starts with, per engine: Argo's arithmetic; Flagger
 * scales the canary Deployment to the primary's size as soon as it detects the revision; `fleet` and
 * `kubernetes` take previewReplicaCount as given, else full size.
 *
 * @example
 * blueGreenPreviewReplicas({ ...plan, engine: 'flagger', replicas: 4 }); // 4, whatever previewReplicaCount says
 */
export function blueGreenPreviewReplicas(plan: Plan): number {
  const preview = plan.strategy.blueGreen?.previewReplicaCount;
  if (plan.engine === 'argo-rollouts') return argoBlueGreenReplicas(plan.replicas, preview).preview;
  if (plan.engine === 'flagger') return flaggerCanaryReplicas(plan.replicas);
  return preview ?? plan.replicas;
}
