import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import type { KubeClient } from '../../../src/adapters/kubernetes/client';
import { applyDeployment, watchRollout } from '../../../src/adapters/kubernetes/deployment';
import type { ConformanceCase } from './conformanceCases';
import type { RolloutState } from './conformanceForm';
import { demoDeployment } from './workloads';

/** How long nothing may change before a bad version counts as stalled (several readiness delays). */
const STALL_MS = 3_000;
/** A good rollout that stops changing for this long has stalled too, and shows as a mismatch. */
const GOOD_STALL_MS = 20_000;
const ROLLOUT_TIMEOUT_MS = 100_000;

/** The case's Deployment at one version: the demo workload plus minReadySeconds and no pod-create delay. */
export function conformanceDeployment(row: ConformanceCase, namespace: string, version: string, bad: boolean): V1Deployment {
  const base = demoDeployment({ namespace, version, replicas: row.replicas, maxSurge: row.maxSurge, maxUnavailable: row.maxUnavailable, bad, readyDelay: `${row.readyMs ?? 500}ms` });
  const spec = base.spec as NonNullable<V1Deployment['spec']>;
  const template = spec.template;
  return {
    ...base,
    spec: {
      ...spec,
      minReadySeconds: row.minReadySeconds ?? 0,
      // kwok's pod-create stage waits 1 s by default; only the readiness delay should count.
      template: { ...template, metadata: { ...template.metadata, annotations: { ...template.metadata?.annotations, 'pod-create.stage.kwok.x-k8s.io/delay': '0s' } } },
    },
  };
}

interface SetView {
  readonly image: string;
  readonly replicas: number;
  readonly available: number;
}

/**
 * Rolls the case's Deployment from v1 (once available) to v2 on the cluster and records the
 * states from a watch on the namespace's ReplicaSets (their spec.replicas and the new one's
 * status.availableReplicas), in the API server's order, until v2 is complete or, for a bad
 * version, nothing has changed for {@link STALL_MS}.
 */
export async function observeRollout(client: KubeClient, namespace: string, row: ConformanceCase): Promise<RolloutState[]> {
  const applied = await applyDeployment(client, conformanceDeployment(row, namespace, 'v1', false));
  if (!applied.ok) throw new Error(applied.error);
  const ready = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 });
  if (!ready.ok) throw new Error(`v1 never became available: ${ready.error}`);
  const listed = await client.apps.listNamespacedReplicaSet({ namespace });
  const sets = new Map<string, SetView>(listed.items.map((rs) => [rs.metadata?.name ?? '', viewOf(rs)]));
  const states: RolloutState[] = [stateOf(sets)];
  const done = followReplicaSets(client, namespace, listed.metadata?.resourceVersion, (phase, rs) => {
    const name = rs.metadata?.name ?? '';
    if (phase === 'DELETED') sets.delete(name);
    else sets.set(name, viewOf(rs));
    const state = stateOf(sets);
    const last = states.at(-1);
    if (last && last.new === state.new && last.old === state.old && last.available === state.available) return 'same';
    states.push(state);
    return state.new === row.replicas && state.old === 0 && state.available === row.replicas ? 'complete' : 'changed';
  }, row.bad ? STALL_MS : GOOD_STALL_MS);
  const rolled = await applyDeployment(client, conformanceDeployment(row, namespace, 'v2', row.bad === true));
  if (!rolled.ok) throw new Error(rolled.error);
  await done;
  return states;
}

const NEW_IMAGE = 'demo:v2';

function viewOf(rs: V1ReplicaSet): SetView {
  return { image: rs.spec?.template?.spec?.containers[0]?.image ?? '', replicas: rs.spec?.replicas ?? 0, available: rs.status?.availableReplicas ?? 0 };
}

function stateOf(sets: ReadonlyMap<string, SetView>): RolloutState {
  let next = { new: 0, old: 0, available: 0 };
  for (const set of sets.values()) {
    if (set.image === NEW_IMAGE) next = { ...next, new: set.replicas, available: set.available };
    else next = { ...next, old: next.old + set.replicas };
  }
  return next;
}

type Verdict = 'same' | 'changed' | 'complete';

/**
 * Watches the namespace's ReplicaSets from `resourceVersion` (reopened from the last version
 * seen when the server closes it) until `onEvent` says complete, or nothing changed for `quietMs`.
 */
function followReplicaSets(client: KubeClient, namespace: string, resourceVersion: string | undefined, onEvent: (phase: string, rs: V1ReplicaSet) => Verdict, quietMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let version = resourceVersion;
    let controller: AbortController | undefined;
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(quiet);
      clearTimeout(deadline);
      controller?.abort();
      if (error) reject(error);
      else resolve();
    };
    let quiet = setTimeout(() => finish(), quietMs);
    const deadline = setTimeout(() => finish(new Error(`no end of the rollout within ${ROLLOUT_TIMEOUT_MS / 1000} s`)), ROLLOUT_TIMEOUT_MS);
    const open = (): void => {
      const query: Record<string, string | boolean> = { allowWatchBookmarks: true };
      if (version) query.resourceVersion = version;
      client.watch
        .watch(
          `/apis/apps/v1/namespaces/${namespace}/replicasets`,
          query,
          (phase, rs: V1ReplicaSet) => {
            if (rs?.metadata?.resourceVersion) version = rs.metadata.resourceVersion;
            if (phase === 'BOOKMARK' || phase === 'ERROR' || settled) return;
            const verdict = onEvent(phase, rs);
            if (verdict === 'complete') return finish();
            if (verdict === 'changed') {
              clearTimeout(quiet);
              quiet = setTimeout(() => finish(), quietMs);
            }
          },
          (error: unknown) => {
            if (settled) return;
            if (error && (error as { name?: string }).name !== 'AbortError') return finish(new Error(`watch replica sets of ${namespace}: ${String(error)}`));
            setTimeout(open, 0);
          },
        )
        .then((abort) => {
          controller = abort;
          if (settled) abort.abort();
        })
        .catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
    };
    open();
  });
}
