import { PatchStrategy, type V1Deployment } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDeployment, watchRollout } from '../../src/adapters/kubernetes/deployment';
import { executeRun } from '../../src/runner/execute';
import { journalOf } from '../../src/runner/runs';
import { simulate } from '../../src/domain/simulator/simulate';
import { errorsGate, gateEndpoint, kubernetesPlan, releaseFolder } from './support/releases';
import { AS_USER, demoDeployment, exists, namespaceFor, testClient } from './support/workloads';

const client = testClient();
const folder = releaseFolder();
afterAll(() => folder.remove());

/**
 * A namespace with demo v1 (4 replicas) behind one Service and no router, as a user's manifests
 * leave it. `sizes` records each change of the two Deployments' spec.replicas as "stable/canary"
 * ("4/0", "3/1", ...), `selectors` every selector the Service had.
 */
async function withRatioDemo(name: string, body: (namespace: string, sizes: string[], selectors: string[], splits: string[]) => Promise<void>, options: { route?: boolean } = {}): Promise<void> {
  const { namespace, remove } = await namespaceFor(client, name);
  const sizes: string[] = [];
  const selectors: string[] = [];
  const splits: string[] = [];
  const watches: AbortController[] = [];
  try {
    const applied = await applyDeployment(client, demoDeployment({ namespace, version: 'v1', replicas: 4, readyDelay: '300ms' }), AS_USER);
    expect(applied.ok, applied.ok ? '' : applied.error).toBe(true);
    await client.objects.patch({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'demo', namespace }, spec: { selector: { app: 'demo' }, ports: [{ port: 80, targetPort: 8080 }] } }, undefined, undefined, AS_USER.fieldManager, true, PatchStrategy.ServerSideApply);
    if (options.route) {
      await client.objects.patch({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'demo', namespace }, spec: { parentRefs: [{ name: 'demo' }], rules: [{ backendRefs: [{ name: 'demo', port: 80 }] }] } }, undefined, undefined, AS_USER.fieldManager, true, PatchStrategy.ServerSideApply);
      watches.push(
        await client.watch.watch(`/apis/gateway.networking.k8s.io/v1/namespaces/${namespace}/httproutes`, {}, (_phase, route: { spec?: { rules?: { backendRefs?: { name: string; weight?: number }[] }[] } }) => {
          const now = (route.spec?.rules?.[0]?.backendRefs ?? []).map((ref) => `${ref.name}${ref.weight === undefined ? '' : `=${ref.weight}`}`).join(' ');
          if (splits.at(-1) !== now) splits.push(now);
        }, () => undefined),
      );
    }
    const done = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 });
    expect(done.ok, done.ok ? '' : done.error).toBe(true);
    const size: Record<string, number> = { demo: 4, 'demo-canary': 0 };
    watches.push(
      await client.watch.watch(`/apis/apps/v1/namespaces/${namespace}/deployments`, {}, (phase, deployment: V1Deployment) => {
        const key = deployment.metadata?.name ?? '';
        size[key] = phase === 'DELETED' ? 0 : (deployment.spec?.replicas ?? 0);
        const now = `${size.demo}/${size['demo-canary']}`;
        if (sizes.at(-1) !== now) sizes.push(now);
      }, () => undefined),
      await client.watch.watch(`/api/v1/namespaces/${namespace}/services`, { fieldSelector: 'metadata.name=demo' }, (_phase, service: { spec?: { selector?: Record<string, string> } }) => {
        const now = JSON.stringify(service.spec?.selector ?? {});
        if (selectors.at(-1) !== now) selectors.push(now);
      }, () => undefined),
    );
    await body(namespace, sizes, selectors, splits);
  } finally {
    for (const watch of watches) watch.abort();
    await remove();
  }
}

/** What a simulation of the same plan says each setWeight step does: "canary 1, stable 3". */
function simulatedSteps(plan: Parameters<typeof simulate>[0]): string[] {
  const labels = simulate(plan, { scenario: 'good-version' }).snapshots.map((snapshot) => snapshot.stepLabel);
  return [...new Set(labels.flatMap((label) => label.match(/canary \d+, stable \d+/g) ?? []))];
}

const RATIO_STEPS = { trafficRouting: false, maxSurge: 1, maxUnavailable: 0, steps: [{ setWeight: 25 }, { pause: { duration: '1s' } }, { setWeight: 50 }, { analysis: { templates: ['errors'] } }] };

describe.concurrent('a canary on Kubernetes that resizes the stable Deployment: by replica ratio behind one Service, or dynamicStableScale behind an HTTPRoute', () => {
  it('should grow the canary and shrink the stable step by step, the Service never pinned, then finish the promotion: the stable Deployment on v2 at full size, the canary gone', async () => {
    await withRatioDemo('ratio', async (namespace, sizes, selectors) => {
      const gate = await gateEndpoint(0, () => undefined);
      let plan: Parameters<typeof simulate>[0];
      try {
        const made = kubernetesPlan(
          folder.dir,
          `ratio-${namespace}`,
          { replicas: 4, engine: 'argo-rollouts', strategy: { canary: RATIO_STEPS }, analysis: [errorsGate(gate.url)], scenarios: { 'good-version': { seed: 1 } } },
          { namespace },
        );
        plan = made.plan;
        const lines: string[] = [];
        const report = await executeRun({ planFile: made.file, plan, log: (line) => void lines.push(line) });
        expect(report.outcome, lines.join('\n')).toBe('promoted');
        expect(lines.join('\n')).toContain('promotion finished: deployment');
        const writes = journalOf(report.runDir ?? '').flatMap((entry) => (entry.kind === 'target.write' && entry.data.phase === 'intent' ? [entry.data.verb] : []));
        // After the last step Argo's basic canary reaches 100 % within maxSurge as a step does (canary 3, stable 1, canary 4, stable 0), no longer the canary to 4 at once.
        expect(writes.filter((verb) => /^(scale|apply|route|pin|unpin)/.test(verb))).toEqual(['scale canary → 1', 'scale stable → 3', 'scale canary → 2', 'scale stable → 2', 'scale canary → 3', 'scale stable → 1', 'scale canary → 4', 'scale stable → 0', 'apply', 'scale stable → 4']);
      } finally {
        await gate.close();
      }
      // The steps' sizes are the ones a simulation of the same plan shows (the canary's surge first, then the stable's
      // shrink), the promotion waves' too; then the stable is back on v2 at full size and the canary gone.
      const steps = simulatedSteps(plan).map((step) => step.replace(/canary (\d+), stable (\d+)/, '$2/$1'));
      expect(steps).toEqual(['4/1', '3/1', '3/2', '2/2', '2/3', '1/4', '0/4']);
      // Each promotion wave shrinks the stable before the canary grows into the room: 2/3, 1/3, 1/4, 0/4.
      expect(sizes).toEqual(['4/0', '4/1', '3/1', '3/2', '2/2', '2/3', '1/3', '1/4', '0/4', '4/4', '4/0']);
      expect(selectors).toEqual([JSON.stringify({ app: 'demo' })]);
      const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
      expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v2');
      expect(stable.spec?.replicas).toBe(4);
      expect(stable.status?.availableReplicas).toBe(4);
      expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(false);
      expect(await exists(client, 'Service', 'demo-canary', namespace)).toBe(false);
    });
  });

  it('should bring the stable back to full size before the canary goes when a gate fails, the stable Deployment still on v1', async () => {
    await withRatioDemo('ratio-bad', async (namespace, sizes, selectors) => {
      const gate = await gateEndpoint(0.5, () => undefined);
      try {
        const { file, plan } = kubernetesPlan(
          folder.dir,
          `ratio-bad-${namespace}`,
          { replicas: 4, engine: 'argo-rollouts', strategy: { canary: RATIO_STEPS }, analysis: [errorsGate(gate.url)] },
          { namespace },
        );
        const lines: string[] = [];
        const report = await executeRun({ planFile: file, plan, log: (line) => void lines.push(line) });
        expect(report.outcome, lines.join('\n')).toBe('rolledBack');
      } finally {
        await gate.close();
      }
      // Stable back to 4 first; only then is the canary removed.
      expect(sizes).toEqual(['4/0', '4/1', '3/1', '3/2', '2/2', '4/2', '4/0']);
      expect(selectors).toEqual([JSON.stringify({ app: 'demo' })]);
      const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
      expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v1');
      expect(stable.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
      expect(stable.status?.availableReplicas).toBe(4);
      expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(false);
    });
  });

  it('should refuse to start when the Service would not select the canary\'s pods, nothing changed', async () => {
    await withRatioDemo('ratio-refused', async (namespace, sizes) => {
      await client.objects.patch({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'demo', namespace }, spec: { selector: { app: 'demo', tier: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } }, undefined, undefined, AS_USER.fieldManager, true, PatchStrategy.ServerSideApply);
      const { file, plan } = kubernetesPlan(folder.dir, `ratio-refused-${namespace}`, { replicas: 4, engine: 'argo-rollouts', strategy: { canary: { trafficRouting: false, steps: [{ setWeight: 50 }] } } }, { namespace });
      const report = await executeRun({ planFile: file, plan, log: () => undefined });
      expect(report.outcome).toBe('failed');
      expect(report.reason).toContain(`Service ${namespace}/demo would not select the canary's pods (tier=web not on deployment ${namespace}/demo's pod template)`);
      expect(sizes).toEqual(['4/0']);
    });
  });

  it('should shrink the stable Deployment as the HTTPRoute gives the canary its share (dynamicStableScale), then finish the promotion', async () => {
    await withRatioDemo(
      'dynamic',
      async (namespace, sizes, _selectors, splits) => {
        const { file, plan } = kubernetesPlan(folder.dir, `dynamic-${namespace}`, { replicas: 4, engine: 'argo-rollouts', strategy: { canary: { dynamicStableScale: true, steps: [{ setWeight: 25 }, { pause: { duration: '1s' } }, { setWeight: 50 }, { pause: { duration: '1s' } }] } } }, { namespace });
        const lines: string[] = [];
        const report = await executeRun({ planFile: file, plan, log: (line) => void lines.push(line) });
        expect(report.outcome, lines.join('\n')).toBe('promoted');
        expect(splits).toEqual(['demo=1', 'demo=75 demo-canary=25', 'demo=50 demo-canary=50', 'demo=0 demo-canary=100', 'demo=1']);
        expect(sizes).toEqual(['4/0', '4/1', '3/1', '3/2', '2/2', '2/4', '0/4', '4/4', '4/0']);
        // The stable shrinks only after the route has moved its users away.
        const writes = journalOf(report.runDir ?? '').flatMap((entry) => (entry.kind === 'target.write' && entry.data.phase === 'intent' ? [entry.data.verb] : []));
        expect(writes.filter((verb) => /^(scale|route \d)/.test(verb))).toEqual(['scale canary → 1', 'route 75/25', 'scale stable → 3', 'scale canary → 2', 'route 50/50', 'scale stable → 2', 'scale canary → 4', 'route 0/100', 'scale stable → 0', 'scale stable → 4']);
        const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
        expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v2');
        expect(stable.status?.availableReplicas).toBe(4);
        expect((await client.core.readNamespacedService({ namespace, name: 'demo' })).spec?.selector).toEqual({ app: 'demo' });
        expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(false);
      },
      { route: true },
    );
  });

  it('should scale the canary apart from its weight (setCanaryScale), the stable kept whole', async () => {
    await withRatioDemo(
      'canary-scale',
      async (namespace, sizes, _selectors, splits) => {
        const { file, plan } = kubernetesPlan(folder.dir, `canary-scale-${namespace}`, { replicas: 4, engine: 'argo-rollouts', strategy: { canary: { steps: [{ setCanaryScale: { replicas: 2 } }, { setWeight: 25 }, { pause: { duration: '1s' } }] } } }, { namespace });
        const lines: string[] = [];
        const report = await executeRun({ planFile: file, plan, log: (line) => void lines.push(line) });
        expect(report.outcome, lines.join('\n')).toBe('promoted');
        expect(splits).toEqual(['demo=1', 'demo=75 demo-canary=25', 'demo=0 demo-canary=100', 'demo=1']);
        expect(sizes).toEqual(['4/0', '4/2', '4/4', '4/0']);
      },
      { route: true },
    );
  });
});
