import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import type { PortResult } from '../../domain/ports';
import { apiError, type KubeClient } from './client';
import type { WorkloadRef } from './deployment';

/** A Deployment and the ReplicaSets it controls, as the last watch events had them. */
export interface WorkloadState {
  deployment: V1Deployment;
  replicaSets: V1ReplicaSet[];
}

/** What a wait is for: true when reached, a string when it can no longer be reached (why). */
export type WorkloadCondition = (state: WorkloadState) => boolean | string;

type Listener = () => void;

/**
 * Follows one Deployment and its ReplicaSets by two watches, opened once from a list's
 * resourceVersion and reopened from the last version seen when the server closes them (a full
 * list again after 410 Gone), so every wait reads the cluster's own events instead of polling.
 *
 * @example
 * const watch = await WorkloadWatch.open(client, { namespace: 'shop', name: 'demo' });
 * await watch.until((s) => (s.deployment.status?.availableReplicas ?? 0) >= 3, 60_000, 'three available');
 * watch.close();
 */
export class WorkloadWatch {
  private deployment: V1Deployment;
  private readonly replicaSets = new Map<string, V1ReplicaSet>();
  private readonly listeners = new Set<Listener>();
  private readonly aborts: AbortController[] = [];
  private closed = false;

  private constructor(
    private readonly client: KubeClient,
    private readonly ref: WorkloadRef,
    deployment: V1Deployment,
  ) {
    this.deployment = deployment;
  }

  static async open(client: KubeClient, ref: WorkloadRef): Promise<PortResult<WorkloadWatch>> {
    try {
      const deployment = await client.apps.readNamespacedDeployment(ref);
      const watch = new WorkloadWatch(client, ref, deployment);
      const sets = await client.apps.listNamespacedReplicaSet({ namespace: ref.namespace });
      for (const set of sets.items) watch.replicaSets.set(set.metadata?.name ?? '', set);
      watch.follow(`/apis/apps/v1/namespaces/${ref.namespace}/deployments`, { fieldSelector: `metadata.name=${ref.name}` }, deployment.metadata?.resourceVersion, (phase, object: V1Deployment) => {
        if (phase !== 'DELETED') watch.deployment = object;
      });
      watch.follow(`/apis/apps/v1/namespaces/${ref.namespace}/replicasets`, {}, sets.metadata?.resourceVersion, (phase, object: V1ReplicaSet) => {
        const name = object.metadata?.name ?? '';
        if (phase === 'DELETED') watch.replicaSets.delete(name);
        else watch.replicaSets.set(name, object);
      });
      return { ok: true, value: watch };
    } catch (error) {
      return { ok: false, error: `deployment ${ref.namespace}/${ref.name}: ${apiError(error)}` };
    }
  }

  /** The Deployment and the ReplicaSets it controls (by owner reference), oldest first. */
  state(): WorkloadState {
    const uid = this.deployment.metadata?.uid;
    const owned = [...this.replicaSets.values()].filter((set) => set.metadata?.ownerReferences?.some((owner) => owner.uid === uid && owner.controller === true));
    owned.sort((a, b) => String(a.metadata?.creationTimestamp ?? '').localeCompare(String(b.metadata?.creationTimestamp ?? '')) || String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
    return { deployment: this.deployment, replicaSets: owned };
  }

  /** Resolves once `condition` holds on the watched state, fails when it says why it cannot, when the time is up, or when `signal` aborts. */
  until(condition: WorkloadCondition, timeoutMs: number, what: string, signal?: AbortSignal): Promise<PortResult<WorkloadState>> {
    return new Promise((resolve) => {
      const finish = (result: PortResult<WorkloadState>): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        signal?.removeEventListener('abort', aborted);
        resolve(result);
      };
      const check = (): void => {
        const state = this.state();
        const reached = condition(state);
        if (reached === true) finish({ ok: true, value: state });
        else if (typeof reached === 'string') finish({ ok: false, error: reached });
      };
      const aborted = (): void => finish({ ok: false, error: 'stopped' });
      const timer = setTimeout(() => finish({ ok: false, error: `deployment ${this.ref.namespace}/${this.ref.name}: not ${what} within ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
      signal?.addEventListener('abort', aborted);
      this.listeners.add(check);
      check();
    });
  }

  /** Calls `listener` after every event the watches deliver, until it is removed. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    for (const abort of this.aborts) abort.abort();
    this.listeners.clear();
  }

  private follow<T extends { metadata?: { resourceVersion?: string } }>(path: string, query: Record<string, string>, from: string | undefined, apply: (phase: string, object: T) => void): void {
    let resourceVersion = from;
    const open = (): void => {
      if (this.closed) return;
      const params: Record<string, string | boolean> = { ...query, allowWatchBookmarks: true, ...(resourceVersion ? { resourceVersion } : {}) };
      this.client.watch
        .watch(
          path,
          params,
          (phase: string, object: T) => {
            if (phase === 'ERROR') {
              // 410 Gone: the version is too old; the next watch starts from now after a fresh list.
              resourceVersion = undefined;
              return;
            }
            if (object?.metadata?.resourceVersion) resourceVersion = object.metadata.resourceVersion;
            if (phase === 'BOOKMARK') return;
            apply(phase, object);
            for (const listener of [...this.listeners]) listener();
          },
          () => {
            if (this.closed) return;
            if (resourceVersion === undefined) void this.relist().then(open);
            else setTimeout(open, 100);
          },
        )
        .then((abort) => {
          if (this.closed) abort.abort();
          else this.aborts.push(abort);
        })
        .catch(() => setTimeout(open, 500));
    };
    open();
  }

  private async relist(): Promise<void> {
    try {
      this.deployment = await this.client.apps.readNamespacedDeployment(this.ref);
      const sets = await this.client.apps.listNamespacedReplicaSet({ namespace: this.ref.namespace });
      this.replicaSets.clear();
      for (const set of sets.items) this.replicaSets.set(set.metadata?.name ?? '', set);
      for (const listener of [...this.listeners]) listener();
    } catch {
      // The reopened watch retries; a wait still ends at its timeout.
    }
  }
}
