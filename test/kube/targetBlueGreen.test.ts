import { PatchStrategy } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDeployment, watchRollout } from '../../src/adapters/kubernetes/deployment';
import { executeRun } from '../../src/runner/execute';
import { errorsGate, gateEndpoint, kubernetesPlan, releaseFolder } from './support/releases';
import { AS_USER, demoDeployment, exists, namespaceFor, testClient } from './support/workloads';

const client = testClient();
const folder = releaseFolder();
afterAll(() => folder.remove());

/** Whose pods a selector picks, in words: "stable pods (pinned)", "candidate pods", "all demo pods". */
function selects(selector: Record<string, string> | undefined): string {
  if (selector?.['switchyard.dev/track'] === 'canary') return 'candidate pods';
  if (selector?.['pod-template-hash']) return 'stable pods (pinned)';
  return 'all demo pods';
}

/** A namespace with demo v1 behind a Service, as a user's manifests leave it; `selectors` records each selector change the Service's watch delivers. */
async function withService(name: string, body: (namespace: string, selectors: string[]) => Promise<void>): Promise<void> {
  const { namespace, remove } = await namespaceFor(client, name);
  const selectors: string[] = [];
  let abort: AbortController | undefined;
  try {
    const applied = await applyDeployment(client, demoDeployment({ namespace, version: 'v1', replicas: 3, readyDelay: '300ms' }), AS_USER);
    expect(applied.ok, applied.ok ? '' : applied.error).toBe(true);
    await client.objects.patch({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'demo', namespace }, spec: { selector: { app: 'demo' }, ports: [{ port: 80, targetPort: 8080 }] } }, undefined, undefined, AS_USER.fieldManager, true, PatchStrategy.ServerSideApply);
    const done = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 });
    expect(done.ok, done.ok ? '' : done.error).toBe(true);
    abort = await client.watch.watch(`/api/v1/namespaces/${namespace}/services`, { fieldSelector: 'metadata.name=demo' }, (_phase, service: { spec?: { selector?: Record<string, string> } }) => {
      const now = selects(service.spec?.selector);
      if (selectors.at(-1) !== now) selectors.push(now);
    }, () => undefined);
    await body(namespace, selectors);
  } finally {
    abort?.abort();
    await remove();
  }
}

const readService = (namespace: string, name: string) => client.core.readNamespacedService({ namespace, name });

describe.concurrent('a blue-green on Kubernetes: the candidate Deployment beside the stable one, users switched by the Service\'s selector', () => {
  it('should preview the candidate on a Service of its own, switch every user to it at once, promote through the stable Deployment\'s rollout and leave the Service as found', async () => {
    await withService('bg', async (namespace, selectors) => {
      const atGates: Promise<string>[] = [];
      const gate = await gateEndpoint(0, () => void atGates.push(Promise.all([readService(namespace, 'demo'), readService(namespace, 'demo-canary')]).then(([live, preview]) => `live: ${selects(live.spec?.selector)}, preview: ${selects(preview.spec?.selector)}`)));
      try {
        const { file, plan } = kubernetesPlan(
          folder.dir,
          `bg-${namespace}`,
          {
            replicas: 3,
            engine: 'argo-rollouts',
            strategy: { blueGreen: { autoPromotionEnabled: true, autoPromotionSeconds: 1, prePromotionAnalysis: { templates: ['errors'] }, postPromotionAnalysis: { templates: ['errors'] }, scaleDownDelaySeconds: 1 } },
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
      // Pre-promotion on the preview, users on stable; post-promotion with every user on the candidate.
      expect(await Promise.all(atGates)).toEqual(['live: stable pods (pinned), preview: candidate pods', 'live: candidate pods, preview: candidate pods']);
      expect(selectors).toEqual(['all demo pods', 'stable pods (pinned)', 'candidate pods', 'stable pods (pinned)', 'all demo pods']);
      const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
      expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v2');
      expect(stable.status?.availableReplicas).toBe(3);
      expect((await readService(namespace, 'demo')).spec?.selector).toEqual({ app: 'demo' });
      expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(false);
      expect(await exists(client, 'Service', 'demo-canary', namespace)).toBe(false);
    });
  });

  it('should never switch a user to a candidate that fails its pre-promotion analysis, and remove it', async () => {
    await withService('bg-bad', async (namespace, selectors) => {
      const gate = await gateEndpoint(0.3, () => undefined);
      try {
        const { file, plan } = kubernetesPlan(
          folder.dir,
          `bg-bad-${namespace}`,
          {
            replicas: 3,
            version: 'v2-bad',
            engine: 'argo-rollouts',
            strategy: { blueGreen: { autoPromotionEnabled: true, autoPromotionSeconds: 1, prePromotionAnalysis: { templates: ['errors'] } } },
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
      expect(selectors).toEqual(['all demo pods', 'stable pods (pinned)', 'all demo pods']);
      const stable = await client.apps.readNamespacedDeployment({ namespace, name: 'demo' });
      expect(stable.spec?.template?.spec?.containers[0]?.image).toBe('demo:v1');
      expect(stable.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
      expect(await exists(client, 'Deployment', 'demo-canary', namespace)).toBe(false);
    });
  });
});
