import type { KubeClient } from '../../../src/adapters/kubernetes/client';

/** One change of one object, as a watch delivered it. */
export interface Change {
  readonly phase: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly path: string;
  readonly object: KubeObject;
  /** The object's resourceVersion as a number: one etcd serves the test cluster, so versions order changes across kinds. */
  readonly version: number;
  /** When the watch delivered it (ms since the epoch): for timing at the scale of a controller's tick, not of its writes. */
  readonly at: number;
}

export interface KubeObject {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** Watches that record every change of several collections; `changes()` gives them in the API server's order. */
export interface History {
  changes(): Change[];
  /** Resolves when `done(changes)` holds, or rejects after `timeoutMs` with what was seen. */
  until(done: (changes: readonly Change[]) => boolean, timeoutMs: number): Promise<Change[]>;
  stop(): void;
}

/**
 * Opens a watch on each collection path (e.g. `/apis/apps/v1/namespaces/N/replicasets`) from the
 * start, reopening from the last version seen when the server closes one, and keeps every change.
 * Watches on different kinds deliver in their own order; sorting by resourceVersion restores the
 * order in which the API server stored them, which is what a controller's moves are compared in.
 */
export function recordHistory(client: KubeClient, paths: readonly string[]): History {
  const changes: Change[] = [];
  const controllers = new Set<AbortController>();
  let stopped = false;
  let failure: Error | undefined;
  const waiters = new Set<() => void>();
  const notify = (): void => waiters.forEach((wake) => wake());
  const open = (path: string, resourceVersion: string | undefined): void => {
    let version = resourceVersion;
    const query: Record<string, string | boolean> = { allowWatchBookmarks: true };
    if (version) query.resourceVersion = version;
    client.watch
      .watch(
        path,
        query,
        (phase: string, object: KubeObject) => {
          if (object?.metadata?.resourceVersion) version = object.metadata.resourceVersion;
          if (stopped || (phase !== 'ADDED' && phase !== 'MODIFIED' && phase !== 'DELETED')) return;
          changes.push({ phase, path, object, version: Number(object.metadata?.resourceVersion ?? 0), at: Date.now() });
          notify();
        },
        (error: unknown) => {
          if (stopped) return;
          if (error && (error as { name?: string }).name !== 'AbortError') {
            failure = new Error(`watch ${path}: ${String(error)}`);
            notify();
            return;
          }
          setTimeout(() => open(path, version), 0);
        },
      )
      .then((controller) => {
        if (stopped) controller.abort();
        else controllers.add(controller);
      })
      .catch((error: unknown) => {
        failure = error instanceof Error ? error : new Error(String(error));
        notify();
      });
  };
  for (const path of paths) open(path, undefined);
  const ordered = (): Change[] => [...changes].sort((a, b) => a.version - b.version);
  return {
    changes: ordered,
    until: (done, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (failure) return finish(failure);
          const sorted = ordered();
          if (done(sorted)) finish(undefined, sorted);
        };
        const timer = setTimeout(() => finish(new Error(`not done within ${timeoutMs / 1000} s`)), timeoutMs);
        const finish = (error?: Error, sorted?: Change[]): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(sorted ?? ordered());
        };
        waiters.add(check);
        check();
      }),
    stop: () => {
      stopped = true;
      for (const controller of controllers) controller.abort();
    },
  };
}
