import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDeployment, watchRollout } from '../../src/adapters/kubernetes/deployment';
import { executeRun } from '../../src/runner/execute';
import { gateEndpoint, kubernetesPlan, releaseFolder } from './support/releases';
import { AS_USER, demoDeployment, namespaceFor, testClient } from './support/workloads';

const client = testClient();
const folder = releaseFolder();
afterAll(() => folder.remove());

interface Route extends KubernetesObject {
  spec?: { rules?: { backendRefs?: { name: string; weight?: number }[] }[] };
}

/** The route's split as "demo=75 demo-canary=25"; a backendRef without a weight reads as the route has it. */
function split(route: Route): string {
  return (route.spec?.rules?.[0]?.backendRefs ?? []).map((ref) => `${ref.name}${ref.weight === undefined ? '' : `=${ref.weight}`}`).join(' ');
}

/** A namespace with demo v1 behind a Service and an HTTPRoute, as a user's manifests leave it; `splits` records every split the route's watch delivers. */
async function withCanaryDemo(name: string, body: (namespace: string, splits: string[]) => Promise<void>): Promise<void> {
  const { namespace, remove } = await namespaceFor(client, name);
  const splits: string[] = [];
  let abort: AbortController | undefined;
  try {
    const applied = await applyDeployment(client, demoDeployment({ namespace, version: 'v1', replicas: 4, readyDelay: '300ms' }), AS_USER);
    expect(applied.ok, applied.ok ? '' : applied.error).toBe(true);
    for (const object of [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'demo', namespace }, spec: { selector: { app: 'demo' }, ports: [{ port: 80, targetPort: 8080 }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'demo', namespace }, spec: { parentRefs: [{ name: 'demo' }], rules: [{ backendRefs: [{ name: 'demo', port: 80 }] }] } },
    ]) {
      await client.objects.patch(object, undefined, undefined, AS_USER.fieldManager, true, PatchStrategy.ServerSideApply);
    }
    const done = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 });
    expect(done.ok, done.ok ? '' : done.error).toBe(true);
    abort = await client.watch.watch(`/apis/gateway.networking.k8s.io/v1/namespaces/${namespace}/httproutes`, {}, (_phase, route: Route) => {
      const now = split(route);
      if (splits.at(-1) !== now) splits.push(now);
    }, () => undefined);
    await body(namespace, splits);
  } finally {
    abort?.abort();
    await remove();
  }
}

async function exists(kind: 'Deployment' | 'Service', name: string, namespace: string): Promise<boolean> {
  try {
    await client.objects.read({ apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, metadata: { name, namespace } });
    return true;
  } catch {
    return false;
  }
}

const STEPS = [{ setWeight: 25 }, { pause: { duration: '1s' } }, { setWeight: 50 }, { analysis: { templates: ['errors'] } }];

describe.concurrent('a canary on Kubernetes: a canary Deployment beside the stable one, traffic split by a Gateway API HTTPRoute', () => {
  it('should step the HTTPRoute\'s weights, promote through the stable Deployment\'s own rollout and leave the route and Service as it found them', async () => {
    await withCanaryDemo('canary', async (namespace, splits) => {
      // While the canary runs, the stable Service selects stable pods only: pinned to their pod-template-hash.
      const selectors: Promise<Record<string, string> | undefined>[] = [];
      const gate = await gateEndpoint(0, () => void selectors.push(client.core.readNamespacedService({ namespace, name: 'demo' }).then((service) => service.spec?.selector)));
      try {
        const { file, plan } = kubernetesPlan(
          folder.dir,
          `canary-${namespace}`,
          { replicas: 4, engine: 'argo-rollouts', strategy: { canary: { steps: STEPS } }, analysis: [{ name: 'errors', metric: 'errorRate', interval: '500ms', count: 1, successCondition: 'result < 0.05', provider: { http: { url: gate.url, jsonPath: '$.value' } } }] },
          { namespace },
        );
        const lines: string[] = [];
        const report = await executeRun({ planFile: file, plan, log: (line) => void lines.push(line) });
        expect(report.outcome, lines.join('\n')).toBe('promoted');
      } finally {
        await gate.close();
      }
      const pinned = await Promise.all(selectors);
      expect(pinned.length).toBeGreaterThan(0);
      for (const selector of pinned) expect(Object.keys(selector ?? {}).sort()).toEqual(['app', 'pod-template-hash']);
      // The route as the user wrote it reads `demo=1` (the CRD's default weight), and is what the release leaves.
      expect(splits).toEqual(['demo=1', 'demo=75 demo-canary=25', 'demo=50 demo-canary=50', 'demo=0 demo-canary=100', 'demo=1']);
      const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
      expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v2');
      expect(stable.status?.availableReplicas).toBe(4);
      const service = await client.core.readNamespacedService({ namespace, name: 'demo' });
      expect(service.spec?.selector).toEqual({ app: 'demo' });
      expect(await exists('Deployment', 'demo-canary', namespace)).toBe(false);
      expect(await exists('Service', 'demo-canary', namespace)).toBe(false);
    });
  });

  it('should send every request back to stable when a gate fails, then remove the canary, the stable Deployment untouched', async () => {
    await withCanaryDemo('canary-bad', async (namespace, splits) => {
      const gate = await gateEndpoint(0.3, () => undefined);
      try {
        const { file, plan } = kubernetesPlan(
          folder.dir,
          `canary-bad-${namespace}`,
          { replicas: 4, version: 'v2-bad', engine: 'argo-rollouts', strategy: { canary: { steps: STEPS } }, analysis: [{ name: 'errors', metric: 'errorRate', interval: '500ms', count: 1, failureCondition: 'result >= 0.1', failureLimit: 0, provider: { http: { url: gate.url, jsonPath: '$.value' } } }] },
          { namespace },
        );
        const lines: string[] = [];
        const report = await executeRun({ planFile: file, plan, log: (line) => void lines.push(line) });
        expect(report.outcome, lines.join('\n')).toBe('rolledBack');
      } finally {
        await gate.close();
      }
      expect(splits).toEqual(['demo=1', 'demo=75 demo-canary=25', 'demo=50 demo-canary=50', 'demo=100', 'demo=1']);
      const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
      expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v1');
      expect(stable.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
      expect((await client.core.readNamespacedService({ namespace, name: 'demo' })).spec?.selector).toEqual({ app: 'demo' });
      expect(await exists('Deployment', 'demo-canary', namespace)).toBe(false);
    });
  });
});
