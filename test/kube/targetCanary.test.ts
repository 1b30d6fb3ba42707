import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDeployment, watchRollout } from '../../src/adapters/kubernetes/deployment';
import { executeRun } from '../../src/runner/execute';
import { journalOf } from '../../src/runner/runs';
import { findRun } from '../../src/runner/control';
import { cli } from '../integration/support/cli';
import { errorsGate, gateEndpoint, killedInPause, kubernetesPlan, releaseFolder } from './support/releases';
import { AS_USER, demoDeployment, exists, namespaceFor, testClient } from './support/workloads';

const client = testClient();
const folder = releaseFolder();
afterAll(() => folder.remove());

interface Route extends KubernetesObject {
  spec?: { rules?: { matches?: { headers?: { type?: string; name: string; value: string }[] }[]; filters?: { type: string; requestMirror?: { backendRef: { name: string }; percent?: number } }[]; backendRefs?: { name: string; weight?: number }[] }[] };
}

/** Each rule of the route in words: "x-variant=b -> demo-canary", "mirror 50% to demo-canary; demo=100". */
function rulesOf(route: Route): string[] {
  return (route.spec?.rules ?? []).map((rule) => {
    const headers = (rule.matches ?? []).flatMap((match) => (match.headers ?? []).map((header) => `${header.name}=${header.value}`));
    const mirrors = (rule.filters ?? []).flatMap((filter) => (filter.type === 'RequestMirror' ? [`mirror ${filter.requestMirror?.percent ?? 100}% to ${filter.requestMirror?.backendRef.name ?? '?'}`] : []));
    const refs = (rule.backendRefs ?? []).map((ref) => `${ref.name}${ref.weight === undefined ? '' : `=${ref.weight}`}`).join(' ');
    return [...(headers.length > 0 ? [`${headers.join(',')} ->`] : []), ...mirrors.map((mirror) => `${mirror};`), refs].join(' ');
  });
}

const readRoute = (namespace: string): Promise<Route> => client.objects.read({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'demo', namespace } }) as Promise<Route>;

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
          { replicas: 4, engine: 'argo-rollouts', strategy: { canary: { steps: STEPS } }, analysis: [errorsGate(gate.url)] },
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
      expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(false);
      expect(await exists(client, 'Service', 'demo-canary', namespace)).toBe(false);
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
        // The panel's last word on the candidate is that it is gone, not its pods before the delete.
        const observed = journalOf(report.runDir ?? '').flatMap((entry) => (entry.kind === 'instances.observed' && entry.data.role === 'candidate' ? [entry.data] : []));
        expect(observed.at(-1)).toEqual({ role: 'candidate', ready: 0, starting: 0, draining: 0, failed: 0 });
      } finally {
        await gate.close();
      }
      expect(splits).toEqual(['demo=1', 'demo=75 demo-canary=25', 'demo=50 demo-canary=50', 'demo=100', 'demo=1']);
      const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
      expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v1');
      expect(stable.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
      expect((await client.core.readNamespacedService({ namespace, name: 'demo' })).spec?.selector).toEqual({ app: 'demo' });
      expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(false);
    });
  });

  it('should send requests with the A/B header to the candidate by an HTTPRoute header match while the others stay on stable, then promote and leave the route as found', async () => {
    await withCanaryDemo('ab', async (namespace) => {
      const atGates: Promise<string[]>[] = [];
      const gate = await gateEndpoint(0, () => void atGates.push(readRoute(namespace).then(rulesOf)));
      try {
        const { file, plan } = kubernetesPlan(
          folder.dir,
          `ab-${namespace}`,
          {
            replicas: 4,
            engine: 'flagger',
            strategy: { abTest: { match: [{ headers: { 'x-variant': { exact: 'b' } } }], iterations: 2, interval: '500ms', threshold: 1, analysis: { templates: ['errors'] } } },
            analysis: [errorsGate(gate.url)],
          },
          { namespace },
        );
        const lines: string[] = [];
        const report = await executeRun({ planFile: file, plan, log: (line) => void lines.push(line) });
        expect(report.outcome, lines.join('\n')).toBe('promoted');
      } finally {
        await gate.close();
      }
      const seen = await Promise.all(atGates);
      expect(seen.length).toBeGreaterThan(0);
      for (const rules of seen) expect(rules).toEqual(['x-variant=b -> demo-canary=1', 'demo=100']);
      expect(rulesOf(await readRoute(namespace))).toEqual(['demo=1']);
      const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
      expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v2');
      expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(false);
    });
  });

  it('should mirror a share of the stable Service\'s requests to the candidate by the HTTPRoute mirror filter, users served by stable alone, and roll back on a failed gate', async () => {
    await withCanaryDemo('shadow', async (namespace) => {
      const atGates: Promise<string[]>[] = [];
      const gate = await gateEndpoint(0.5, () => void atGates.push(readRoute(namespace).then(rulesOf)));
      try {
        const { file, plan } = kubernetesPlan(
          folder.dir,
          `shadow-${namespace}`,
          {
            replicas: 4,
            version: 'v2-bad',
            engine: 'flagger',
            strategy: { shadow: { mirrorPercent: 50, iterations: 2, interval: '500ms', threshold: 1, analysis: { templates: ['errors'] } } },
            analysis: [{ name: 'errors', metric: 'errorRate', interval: '500ms', count: 1, failureCondition: 'result >= 0.1', failureLimit: 0, provider: { http: { url: gate.url, jsonPath: '$.value' } } }],
          },
          { namespace },
        );
        const lines: string[] = [];
        const report = await executeRun({ planFile: file, plan, log: (line) => void lines.push(line) });
        expect(report.outcome, lines.join('\n')).toBe('rolledBack');
      } finally {
        await gate.close();
      }
      const seen = await Promise.all(atGates);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen[0]).toEqual(['mirror 50% to demo-canary; demo=100']);
      expect(rulesOf(await readRoute(namespace))).toEqual(['demo=1']);
      const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
      expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v1');
      expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(false);
    });
  });

  it('should judge the canary by its own pods on the cluster: Ready ratio and restarts, measured at each step', async () => {
    await withCanaryDemo('pods-gate', async (namespace) => {
      const { file, plan } = kubernetesPlan(
        folder.dir,
        `pods-gate-${namespace}`,
        {
          replicas: 4,
          engine: 'argo-rollouts',
          strategy: { canary: { steps: [{ setWeight: 50 }, { analysis: { templates: ['ready', 'restarts'] } }] } },
          analysis: [
            { name: 'ready', metric: 'errorRate', interval: '500ms', count: 2, successCondition: 'result >= 1', provider: { kubernetes: { measure: 'readyRatio' } } },
            { name: 'restarts', metric: 'errorRate', interval: '500ms', count: 2, successCondition: 'result < 1', provider: { kubernetes: { measure: 'restarts' } } },
          ],
        },
        { namespace },
      );
      const lines: string[] = [];
      const report = await executeRun({ planFile: file, plan, log: (line) => void lines.push(line) });
      expect(report.outcome, lines.join('\n')).toBe('promoted');
      const measured = journalOf(report.runDir ?? '').flatMap((entry) => (entry.kind === 'gate.measure' ? [`${entry.data.gate}=${entry.data.value}`] : []));
      expect(measured.sort()).toEqual(['ready=1', 'ready=1', 'restarts=0', 'restarts=0']);
    });
  });

  it('should resume a runner SIGKILLed in a canary\'s pause from its journal: the route held where it was, then promoted, each write once', async () => {
    await withCanaryDemo('canary-resume', async (namespace, splits) => {
      const { file, plan } = kubernetesPlan(folder.dir, `canary-resume-${namespace}`, { replicas: 4, engine: 'argo-rollouts', strategy: { canary: { steps: [{ setWeight: 25 }, { pause: { duration: '30s' } }, { setWeight: 50 }, { pause: { duration: '1s' } }] } } }, { namespace });
      const env = { ...process.env, NO_COLOR: '1' };
      await killedInPause(file, plan.service, env);
      // Killed in its 30 s pause: users stay split as the step left them, the canary up.
      expect(splits.at(-1)).toBe('demo=75 demo-canary=25');
      expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(true);

      const resumed = await cli(['resume', file, '--yes'], env);
      expect(resumed.code, resumed.out).toBe(0);
      expect(resumed.out).toMatch(/promoted/);
      expect(splits).toEqual(['demo=1', 'demo=75 demo-canary=25', 'demo=50 demo-canary=50', 'demo=0 demo-canary=100', 'demo=1']);
      const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
      expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v2');
      expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(false);
      // Each split and each canary size was written once: the resumed runner did not send the first step again.
      const intents = (findRun(file, plan.service)?.entries ?? []).flatMap((entry) => (entry.kind === 'target.write' && entry.data.phase === 'intent' ? [entry.data.verb] : []));
      const moves = intents.filter((verb) => /^(route \d|scale canary)/.test(verb));
      expect(moves, intents.join('\n')).toEqual(['scale canary → 1', 'route 75/25', 'scale canary → 2', 'route 50/50', 'scale canary → 4', 'route 0/100']);
    });
  });

  it('should keep the header route a killed runner had set when the resumed runner moves the weights', async () => {
    await withCanaryDemo('header-resume', async (namespace) => {
      const routes: string[] = [];
      const watch = await client.watch.watch(`/apis/gateway.networking.k8s.io/v1/namespaces/${namespace}/httproutes`, {}, (_phase, route: Route) => {
        const now = rulesOf(route).join(' | ');
        if (routes.at(-1) !== now) routes.push(now);
      }, () => undefined);
      try {
        const steps = [{ setHeaderRoute: { name: 'beta', match: [{ headers: { 'x-beta': { exact: '1' } } }] } }, { pause: { duration: '30s' } }, { setWeight: 50 }, { pause: { duration: '1s' } }];
        const { file, plan } = kubernetesPlan(folder.dir, `header-resume-${namespace}`, { replicas: 4, engine: 'argo-rollouts', strategy: { canary: { steps } } }, { namespace });
        const env = { ...process.env, NO_COLOR: '1' };
        await killedInPause(file, plan.service, env);
        expect(routes.at(-1)).toBe('x-beta=1 -> demo-canary=1 | demo=100');
        const resumed = await cli(['resume', file, '--yes'], env);
        expect(resumed.code, resumed.out).toBe(0);
        expect(routes).toContain('x-beta=1 -> demo-canary=1 | demo=50 demo-canary=50');
        expect(routes.at(-1)).toBe('demo=1');
      } finally {
        watch.abort();
      }
    });
  });
});
