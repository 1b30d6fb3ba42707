import { describe, expect, it } from 'vitest';
import { applyDeployment, readDeployment, setPaused, undoDeployment, watchRollout } from '../../src/adapters/kubernetes/deployment';
import type { RolloutStatus } from '../../src/adapters/kubernetes/rollout';
import { AS_USER, demoDeployment, namespaceFor, testClient } from './support/workloads';

const client = testClient();
const imageOf = (deployment: { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } }): string | undefined => deployment.spec?.template?.spec?.containers?.[0]?.image;

async function withNamespace(name: string, body: (namespace: string) => Promise<void>): Promise<void> {
  const { namespace, remove } = await namespaceFor(client, name);
  try {
    await body(namespace);
  } finally {
    await remove();
  }
}

async function rolledOut(namespace: string, version: string, extra: Parameters<typeof demoDeployment>[0] extends infer O ? Partial<O> : never = {}): Promise<void> {
  const applied = await applyDeployment(client, demoDeployment({ namespace, version, ...extra }), AS_USER);
  expect(applied.ok, applied.ok ? '' : applied.error).toBe(true);
  const done = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 });
  expect(done.ok, done.ok ? '' : done.error).toBe(true);
}

describe.concurrent('a Deployment on a real control plane (kube-apiserver, the Deployment controller, kwok nodes)', () => {
  it('should roll v1 to v2 by server-side apply and follow the controller\'s surge steps by a watch to a complete rollout', async () => {
    await withNamespace('roll', async (namespace) => {
      await rolledOut(namespace, 'v1');
      // v1 is the user's (kubectl); v2 is Switchyard's own apply, which takes over the fields it changes.
      await applyDeployment(client, demoDeployment({ namespace, version: 'v2' }));
      const seen: RolloutStatus[] = [];
      const done = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000, onStatus: (status) => seen.push(status) });
      expect(done.ok && done.value.words).toBe('deployment "demo" successfully rolled out');
      // maxSurge 1, maxUnavailable 0: never more than 4 pods, never fewer than 3 available.
      expect(Math.max(...seen.map((status) => status.total))).toBeLessThanOrEqual(4);
      expect(Math.min(...seen.filter((status) => status.observed).map((status) => status.available))).toBeGreaterThanOrEqual(3);
      expect(seen.some((status) => /new replicas have been updated|old replicas are pending termination|updated replicas are available/.test(status.words))).toBe(true);
      const read = await readDeployment(client, { namespace, name: 'demo' });
      expect(read.ok && imageOf(read.value)).toBe('demo:v2');
      expect(read.ok && read.value.metadata?.managedFields?.map((field) => field.manager)).toContain('switchyard');
    });
  });

  it('should send a dry run that the API server validates and that changes nothing', async () => {
    await withNamespace('dry', async (namespace) => {
      await rolledOut(namespace, 'v1');
      const before = await readDeployment(client, { namespace, name: 'demo' });
      const dry = await applyDeployment(client, demoDeployment({ namespace, version: 'v2' }), { dryRun: true });
      expect(dry.ok && imageOf(dry.value)).toBe('demo:v2');
      const after = await readDeployment(client, { namespace, name: 'demo' });
      expect(after.ok && imageOf(after.value)).toBe('demo:v1');
      expect(after.ok && before.ok && after.value.metadata?.resourceVersion).toBe(before.ok ? before.value.metadata?.resourceVersion : '');
      const invalid = await applyDeployment(client, demoDeployment({ namespace, version: 'v2', replicas: -1 }), { dryRun: true });
      expect(invalid.ok ? '' : invalid.error).toMatch(/spec\.replicas.*greater than or equal to 0/);
    });
  });

  it('should see a bad version stall at its progress deadline, then undo it to v1 as kubectl rollout undo does', async () => {
    await withNamespace('undo', async (namespace) => {
      await rolledOut(namespace, 'v1', { progressDeadlineSeconds: 4 });
      await applyDeployment(client, demoDeployment({ namespace, version: 'v2-bad', bad: true, progressDeadlineSeconds: 4 }), AS_USER);
      const stalled = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 });
      expect(stalled.ok ? '' : stalled.error).toMatch(/exceeded its progress deadline/);
      const during = await readDeployment(client, { namespace, name: 'demo' });
      // maxUnavailable 0: the three v1 pods kept serving while the surge pod never became ready.
      expect(during.ok && during.value.status?.availableReplicas).toBe(3);
      const undone = await undoDeployment(client, { namespace, name: 'demo' });
      expect(undone.ok && undone.value.revision).toBe('1');
      const back = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 });
      expect(back.ok, back.ok ? '' : back.error).toBe(true);
      const read = await readDeployment(client, { namespace, name: 'demo' });
      expect(read.ok && imageOf(read.value)).toBe('demo:v1');
      expect(read.ok && read.value.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
      expect(read.ok && read.value.spec?.template?.metadata?.labels?.['pod-template-hash']).toBeUndefined();
    });
  });

  it('should hold a rollout while paused, even when the workload is applied again, and finish it once resumed', async () => {
    await withNamespace('pause', async (namespace) => {
      await rolledOut(namespace, 'v1');
      const paused = await setPaused(client, { namespace, name: 'demo' }, true);
      expect(paused.ok, paused.ok ? '' : paused.error).toBe(true);
      await applyDeployment(client, demoDeployment({ namespace, version: 'v2' }), AS_USER);
      const held = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 3_000 });
      expect(held.ok ? '' : held.error).toMatch(/no complete rollout within 3 s; last: Waiting for deployment "demo" rollout to finish: 0 out of 3 new replicas have been updated/);
      const stillPaused = await readDeployment(client, { namespace, name: 'demo' });
      expect(stillPaused.ok && stillPaused.value.spec?.paused).toBe(true);
      await setPaused(client, { namespace, name: 'demo' }, false);
      const done = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 });
      expect(done.ok, done.ok ? '' : done.error).toBe(true);
    });
  });

  it('should say what is wrong when the Deployment does not exist', async () => {
    await withNamespace('missing', async (namespace) => {
      const undone = await undoDeployment(client, { namespace, name: 'nothing' });
      expect(undone.ok ? '' : undone.error).toMatch(/read deployment .*\/nothing: deployments\.apps "nothing" not found/);
    });
  });
});
