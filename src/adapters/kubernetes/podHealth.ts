import type { V1Pod } from '@kubernetes/client-node';
import type { PortResult } from '../../domain/ports';
import type { KubernetesTarget } from '../../domain/plan/schema';
import { apiError, type KubeClient } from './client';
import { readDeployment, REVISION } from './deployment';

export type PodMeasure = 'readyRatio' | 'restarts';

/** The candidate's pods: which to list, and how many it should have. */
interface CandidatePods {
  selector: Record<string, string>;
  desired: number;
  what: string;
}

/**
 * A gate's value from the candidate's pods: `readyRatio`, its Ready pods (not terminating) over
 * the pods it should have now; `restarts`, the sum of its containers' restart counts (its pods
 * are all new in this release, so every restart is the candidate's).
 *
 * @example
 * podMeasure([readyPod, unreadyPod], 2, 'readyRatio'); // 0.5
 */
export function podMeasure(pods: readonly V1Pod[], desired: number, measure: PodMeasure): PortResult<number> {
  const live = pods.filter((pod) => !pod.metadata?.deletionTimestamp);
  if (measure === 'restarts') return { ok: true, value: live.reduce((sum, pod) => sum + (pod.status?.containerStatuses ?? []).reduce((inner, status) => inner + status.restartCount, 0), 0) };
  if (desired <= 0) return { ok: false, error: 'the candidate has no pods yet: nothing to measure' };
  const ready = live.filter((pod) => pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True')).length;
  return { ok: true, value: Math.min(1, ready / desired) };
}

/**
 * Where the candidate's pods are: the `<deployment>-canary` Deployment's when it exists (canary,
 * A/B, shadow, blue-green), else the Deployment's ReplicaSet of its current revision (rolling,
 * recreate).
 */
async function candidatePods(client: KubeClient, target: KubernetesTarget): Promise<PortResult<CandidatePods>> {
  const namespace = target.namespace;
  const canary = await readDeployment(client, { namespace, name: `${target.deployment}-canary` });
  if (canary.ok) return { ok: true, value: { selector: canary.value.spec?.selector?.matchLabels ?? {}, desired: canary.value.spec?.replicas ?? 1, what: `deployment ${namespace}/${target.deployment}-canary` } };
  const deployment = await readDeployment(client, { namespace, name: target.deployment });
  if (!deployment.ok) return deployment;
  const revision = deployment.value.metadata?.annotations?.[REVISION];
  try {
    const sets = (await client.apps.listNamespacedReplicaSet({ namespace })).items.filter((set) => set.metadata?.ownerReferences?.some((owner) => owner.uid === deployment.value.metadata?.uid));
    const current = sets.find((set) => set.metadata?.annotations?.[REVISION] === revision);
    const hash = current?.metadata?.labels?.['pod-template-hash'];
    if (!current || !hash) return { ok: false, error: `deployment ${namespace}/${target.deployment}: no ReplicaSet of its current revision yet` };
    return { ok: true, value: { selector: { ...deployment.value.spec?.selector?.matchLabels, 'pod-template-hash': hash }, desired: current.spec?.replicas ?? 0, what: `ReplicaSet ${namespace}/${current.metadata?.name ?? ''}` } };
  } catch (error) {
    return { ok: false, error: `list replica sets of ${namespace}/${target.deployment}: ${apiError(error)}` };
  }
}

/** Measures the candidate's pods on the cluster: a gate that reads Kubernetes itself, beside Prometheus. */
export async function measurePods(client: KubeClient, target: KubernetesTarget, measure: PodMeasure): Promise<PortResult<number>> {
  const found = await candidatePods(client, target);
  if (!found.ok) return found;
  const labelSelector = Object.entries(found.value.selector).map(([key, value]) => `${key}=${value}`).join(',');
  try {
    const pods = (await client.core.listNamespacedPod({ namespace: target.namespace, labelSelector })).items;
    const measured = podMeasure(pods, found.value.desired, measure);
    return measured.ok ? measured : { ok: false, error: `${found.value.what}: ${measured.error}` };
  } catch (error) {
    return { ok: false, error: `list pods of ${found.value.what}: ${apiError(error)}` };
  }
}
