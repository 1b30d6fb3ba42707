import { PatchStrategy, setHeaderOptions, type V1Deployment, type V1PodTemplateSpec, type V1ReplicaSet } from '@kubernetes/client-node';
import type { PortResult } from '../../domain/ports';
import { apiError, FIELD_MANAGER, type KubeClient } from './client';
import { rolloutOf, type RolloutStatus } from './rollout';

export interface WorkloadRef {
  namespace: string;
  name: string;
}

export interface WriteOptions {
  /** Sent as a server-side dry run: the API server validates and admits it, nothing changes. */
  dryRun?: boolean;
  /** Whose apply it is; Switchyard's own unless a test plays a user's `kubectl apply --server-side`. */
  fieldManager?: string;
}

/** The controller's revision of a Deployment and of each of its ReplicaSets. */
export const REVISION = 'deployment.kubernetes.io/revision';
/** Who owns spec.paused: a manager of its own, so applying the workload never takes the pause back. */
const PAUSE_MANAGER = `${FIELD_MANAGER}-pause`;

/**
 * Server-side apply of a Deployment under Switchyard's field manager, forcing ownership of the
 * fields it sets (a release owns what it releases).
 *
 * @example
 * await applyDeployment(client, manifest, { dryRun: true }); // validated by the API server, nothing changed
 */
export async function applyDeployment(client: KubeClient, manifest: V1Deployment, options: WriteOptions = {}): Promise<PortResult<V1Deployment>> {
  try {
    const applied = await client.objects.patch(manifest, undefined, options.dryRun ? 'All' : undefined, options.fieldManager ?? FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
    return { ok: true, value: applied as V1Deployment };
  } catch (error) {
    return { ok: false, error: `apply deployment ${manifest.metadata?.namespace ?? ''}/${manifest.metadata?.name ?? ''}: ${apiError(error)}` };
  }
}

export async function readDeployment(client: KubeClient, ref: WorkloadRef): Promise<PortResult<V1Deployment>> {
  try {
    return { ok: true, value: await client.apps.readNamespacedDeployment(ref) };
  } catch (error) {
    return { ok: false, error: `read deployment ${ref.namespace}/${ref.name}: ${apiError(error)}` };
  }
}

/** Pauses or resumes a Deployment's rollout (spec.paused), as `kubectl rollout pause|resume` does, by server-side apply. */
export async function setPaused(client: KubeClient, ref: WorkloadRef, paused: boolean, options: WriteOptions = {}): Promise<PortResult<V1Deployment>> {
  const patch: V1Deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { ...ref }, spec: { paused } as V1Deployment['spec'] };
  try {
    const applied = await client.objects.patch(patch, undefined, options.dryRun ? 'All' : undefined, PAUSE_MANAGER, true, PatchStrategy.ServerSideApply);
    return { ok: true, value: applied as V1Deployment };
  } catch (error) {
    return { ok: false, error: `${paused ? 'pause' : 'resume'} deployment ${ref.namespace}/${ref.name}: ${apiError(error)}` };
  }
}

export interface WatchOptions {
  /** Called with every status the API server reports, in order. */
  onStatus?: (status: RolloutStatus) => void;
  /** The status to wait for; the default is a complete rollout. */
  until?: (status: RolloutStatus) => boolean;
  timeoutMs: number;
}

/**
 * Follows a Deployment by a watch (no polling) until `until` holds, the controller gives up (its
 * progress deadline), or the timeout passes; a watch the server closes is opened again from the
 * last version seen.
 *
 * @example
 * const done = await watchRollout(client, { namespace: 'shop', name: 'demo' }, { timeoutMs: 60_000 });
 * done.ok ? done.value.words : done.error; // 'deployment "demo" successfully rolled out'
 */
export function watchRollout(client: KubeClient, ref: WorkloadRef, options: WatchOptions): Promise<PortResult<RolloutStatus>> {
  const until = options.until ?? ((status: RolloutStatus) => status.complete);
  return new Promise((resolve) => {
    let last: RolloutStatus | undefined;
    let controller: AbortController | undefined;
    let settled = false;
    let resourceVersion: string | undefined;
    const finish = (result: PortResult<RolloutStatus>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      controller?.abort();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, error: `deployment ${ref.namespace}/${ref.name}: no ${options.until ? 'such state' : 'complete rollout'} within ${Math.round(options.timeoutMs / 1000)} s; last: ${last?.words ?? 'no status seen'}` }), options.timeoutMs);
    const open = (): void => {
      const query: Record<string, string | boolean> = { fieldSelector: `metadata.name=${ref.name}`, allowWatchBookmarks: true };
      if (resourceVersion) query.resourceVersion = resourceVersion;
      client.watch
        .watch(
          `/apis/apps/v1/namespaces/${ref.namespace}/deployments`,
          query,
          (phase, object: V1Deployment) => {
            if (object?.metadata?.resourceVersion) resourceVersion = object.metadata.resourceVersion;
            if (phase === 'BOOKMARK') return;
            if (phase === 'DELETED') return finish({ ok: false, error: `deployment ${ref.namespace}/${ref.name} was deleted` });
            if (phase === 'ERROR') {
              resourceVersion = undefined;
              return;
            }
            last = rolloutOf(object);
            options.onStatus?.(last);
            if (until(last)) finish({ ok: true, value: last });
            else if (last.stalled) finish({ ok: false, error: `deployment ${ref.namespace}/${ref.name}: ${last.words}: ${last.stalled}` });
          },
          (error: unknown) => {
            if (settled) return;
            if (error && (error as { name?: string }).name !== 'AbortError') resourceVersion = undefined;
            setTimeout(open, error ? 200 : 0);
          },
        )
        .then((abort) => {
          controller = abort;
          if (settled) abort.abort();
        })
        .catch((error: unknown) => finish({ ok: false, error: `watch deployment ${ref.namespace}/${ref.name}: ${apiError(error)}` }));
    };
    open();
  });
}

/**
 * Rolls a Deployment back to its previous revision, as `kubectl rollout undo` does: one JSON
 * patch replaces the pod template with that of the ReplicaSet with the highest revision below the
 * current one (its pod-template-hash label removed) and the Deployment's annotations with that
 * ReplicaSet's, less the controller's own; the controller then rolls to it under a new revision.
 * A replace, not an apply: a field of the bad template that another manager also set must not
 * survive the rollback. Unlike kubectl it also undoes a paused Deployment (the runner resumes it
 * next), so a bad rollout held at a batch boundary never moves forward first.
 *
 * @example
 * (await undoDeployment(client, { namespace: 'shop', name: 'demo' })).value; // { revision: '1' }
 */
export async function undoDeployment(client: KubeClient, ref: WorkloadRef, options: WriteOptions = {}): Promise<PortResult<{ revision: string; resourceVersion?: string }>> {
  const current = await readDeployment(client, ref);
  if (!current.ok) return current;
  const deployment = current.value;
  let sets: V1ReplicaSet[];
  try {
    sets = (await client.apps.listNamespacedReplicaSet({ namespace: ref.namespace })).items;
  } catch (error) {
    return { ok: false, error: `list replica sets of ${ref.namespace}/${ref.name}: ${apiError(error)}` };
  }
  const owned = sets.filter((set) => set.metadata?.ownerReferences?.some((owner) => owner.uid === deployment.metadata?.uid && owner.controller === true));
  const revisionOf = (set: V1ReplicaSet): number => Number(set.metadata?.annotations?.[REVISION] ?? 0);
  const currentRevision = Number(deployment.metadata?.annotations?.[REVISION] ?? 0);
  const previous = owned.filter((set) => revisionOf(set) > 0 && revisionOf(set) !== currentRevision).sort((a, b) => revisionOf(b) - revisionOf(a))[0];
  if (!previous?.spec?.template) return { ok: false, error: `deployment ${ref.namespace}/${ref.name}: no rollout history found (no earlier revision to go back to)` };
  const patch = [
    { op: 'replace', path: '/spec/template', value: withoutHash(previous.spec.template) },
    { op: 'replace', path: '/metadata/annotations', value: copiedAnnotations(previous.metadata?.annotations ?? {}) },
  ];
  try {
    const patched = await client.apps.patchNamespacedDeployment(
      { ...ref, body: patch, fieldManager: options.fieldManager ?? FIELD_MANAGER, ...(options.dryRun ? { dryRun: 'All' } : {}) },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    return { ok: true, value: { revision: String(revisionOf(previous)), ...(patched.metadata?.resourceVersion ? { resourceVersion: patched.metadata.resourceVersion } : {}) } };
  } catch (error) {
    return { ok: false, error: `undo deployment ${ref.namespace}/${ref.name}: ${apiError(error)}` };
  }
}

/** The ReplicaSet annotations kubectl's undo does not copy back to the Deployment: the controller's bookkeeping and the last applied configuration. */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function copiedAnnotations(annotations: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(annotations).filter(([key]) => !NOT_COPIED.has(key)));
}

function withoutHash(template: V1PodTemplateSpec): V1PodTemplateSpec {
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return { ...template, metadata: { ...template.metadata, labels } };
}
