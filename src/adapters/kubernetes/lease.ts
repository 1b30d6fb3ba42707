import { hostname } from 'node:os';
import { CoordinationV1Api, PatchStrategy, V1MicroTime, type V1Lease } from '@kubernetes/client-node';
import type { PortResult } from '../../domain/ports';
import { apiError, FIELD_MANAGER, type KubeClient } from './client';

const RUN_DIR = 'switchyard.dev/run-dir';
const HOST = 'switchyard.dev/host';
/** Renewed while the runner lives, so `kubectl get lease` shows a live holder; expiry alone never frees it (see claimLease). */
const DURATION_SECONDS = 60;

export interface LeaseClaim {
  /** Gives the Lease up (only while it is still this run's). */
  release(): Promise<PortResult>;
  /** Keeps the Lease but stops renewing it: the run is paused and this runner exits. */
  keep(): void;
}

/**
 * One release at a time per workload, across machines: a coordination.k8s.io Lease named
 * `switchyard-<deployment>` in its namespace, created (a create fails when it exists, so of two
 * runs starting at once exactly one gets it) and held until the run releases it.
 *
 * As with the runner's local locks, a holder that is gone does not free it while its run is
 * unfinished: a crashed or paused release leaves the workload half rolled, and only resume or
 * abort of that run (the same run folder on the same host) may take it back. A Lease of a run on
 * this host whose journal says it is finished is taken over; one held from another host is
 * refused with who holds it.
 *
 * @example
 * const claim = await claimLease(client, 'shop', 'demo', runDir, holdsTargets);
 * if (claim.ok) await claim.value.release();
 */
export async function claimLease(client: KubeClient, namespace: string, deployment: string, runDir: string, isUnfinished: (runDir: string) => boolean): Promise<PortResult<LeaseClaim>> {
  const api = client.config.makeApiClient(CoordinationV1Api);
  const name = `switchyard-${deployment}`;
  const where = `Lease ${namespace}/${name}`;
  const host = hostname();
  const identity = `${host}/${process.pid}`;
  const now = new V1MicroTime();
  const body: V1Lease = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace, annotations: { [RUN_DIR]: runDir, [HOST]: host } },
    spec: { holderIdentity: identity, leaseDurationSeconds: DURATION_SECONDS, acquireTime: now, renewTime: now },
  };
  let lease: V1Lease;
  try {
    lease = await api.createNamespacedLease({ namespace, body, fieldManager: FIELD_MANAGER });
  } catch (error) {
    if ((error as { code?: number }).code !== 409) return { ok: false, error: `${where}: ${apiError(error)}` };
    const held = await readLease(api, namespace, name);
    if (!held.ok) return held;
    const holder = held.value;
    const heldRunDir = holder.metadata?.annotations?.[RUN_DIR] ?? '';
    const heldHost = holder.metadata?.annotations?.[HOST] ?? '';
    const ours = heldHost === host && heldRunDir === runDir;
    const finished = heldHost === host && heldRunDir !== '' && !isUnfinished(heldRunDir);
    if (!ours && !finished) {
      const renewed = holder.spec?.renewTime ? ` (renewed ${new Date(holder.spec.renewTime).toISOString()})` : '';
      return { ok: false, error: `deployment ${namespace}/${deployment} is being released by ${holder.spec?.holderIdentity ?? 'another run'} from ${heldRunDir || 'an unknown run'}${renewed}: its ${where} is held until that run ends; \`switchyard resume\` or \`abort\` it there` };
    }
    const taken = await applyLease(client, { ...body, metadata: { ...body.metadata, resourceVersion: holder.metadata?.resourceVersion ?? '' } }, where);
    if (!taken.ok) return taken;
    lease = taken.value;
  }
  let version = lease.metadata?.resourceVersion ?? '';
  let renewing = true;
  const timer = setInterval(() => {
    void applyLease(client, { ...body, metadata: { ...body.metadata, resourceVersion: version }, spec: { ...body.spec, renewTime: new V1MicroTime() } }, where).then((renewed) => {
      if (renewed.ok && renewing) version = renewed.value.metadata?.resourceVersion ?? version;
    });
  }, (DURATION_SECONDS * 1000) / 3);
  timer.unref();
  return {
    ok: true,
    value: {
      keep: () => {
        renewing = false;
        clearInterval(timer);
      },
      release: async () => {
        renewing = false;
        clearInterval(timer);
        try {
          await api.deleteNamespacedLease({ name, namespace, body: { preconditions: { resourceVersion: version } } });
          return { ok: true, value: undefined };
        } catch (error) {
          return { ok: false, error: `${where}: ${apiError(error)}` };
        }
      },
    },
  };
}

async function readLease(api: CoordinationV1Api, namespace: string, name: string): Promise<PortResult<V1Lease>> {
  try {
    return { ok: true, value: await api.readNamespacedLease({ name, namespace }) };
  } catch (error) {
    return { ok: false, error: `Lease ${namespace}/${name}: ${apiError(error)}` };
  }
}

/** A server-side apply whose resourceVersion is a precondition: it fails if the Lease changed since it was read. */
async function applyLease(client: KubeClient, lease: V1Lease, where: string): Promise<PortResult<V1Lease>> {
  try {
    return { ok: true, value: (await client.objects.patch(lease, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply)) as V1Lease };
  } catch (error) {
    return { ok: false, error: `${where}: ${apiError(error)}` };
  }
}
