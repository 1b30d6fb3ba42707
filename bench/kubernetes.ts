// `npm run bench:kubernetes`: figures of releases on a real control plane on this machine
// (scripts/kube: kube-apiserver, controller manager, scheduler, etcd, kwok's fake nodes on 127.0.0.1).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { FIELD_MANAGER, kubeClient, type KubeClient } from '../src/adapters/kubernetes/client';
import { applyDeployment, watchRollout } from '../src/adapters/kubernetes/deployment';
import { parsePlan } from '../src/domain/plan/parse';
import { executeRun } from '../src/runner/execute';
import { kubeBinariesMissing, kubeScripts, startCluster, stopCluster } from '../src/runner/playground/kubernetes';
import { CONFORMANCE_CASES } from '../test/kube/support/conformanceCases';
import { runDeploymentConformance } from '../test/kube/support/conformanceRun';
import { demoDeployment } from '../test/kube/support/workloads';
import { summary } from './runsProbe';

const CHANGES = 20;

/** Milliseconds from a server-side apply being sent to the watch delivering the object that says so. */
async function changeVisible(client: KubeClient, path: string, object: (round: number) => KubernetesObject, seen: (object: KubernetesObject, round: number) => boolean): Promise<number[]> {
  let waiting: { round: number; done: () => void } | undefined;
  const abort = await client.watch.watch(path, {}, (_phase, received: KubernetesObject) => {
    if (waiting && seen(received, waiting.round)) waiting.done();
  }, () => undefined);
  const samples: number[] = [];
  try {
    for (let round = 0; round <= CHANGES; round++) {
      const visible = new Promise<void>((done) => (waiting = { round, done }));
      const started = performance.now();
      await client.objects.patch(object(round), undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
      await visible;
      // The first change pays for connections once; it is not counted.
      if (round > 0) samples.push(performance.now() - started);
    }
  } finally {
    abort.abort();
  }
  return samples;
}

async function main(): Promise<void> {
  const scripts = kubeScripts();
  const missing = await kubeBinariesMissing(scripts);
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-kube-'));
  const clusterDir = join(dir, 'cluster');
  process.env.SWITCHYARD_STATE_DIR = join(dir, 'state');
  process.env.SWITCHYARD_LOCK_DIR = join(dir, 'locks');
  try {
    const startedAt = performance.now();
    const started = await startCluster(scripts, clusterDir);
    if (!started.ok) throw new Error(started.error);
    console.log(`cluster start (binaries built, 3 fake nodes, Gateway API CRDs): ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    const kubeconfig = join(clusterDir, 'kubeconfig');
    const client = kubeClient({ kubeconfig });
    const namespace = 'bench';
    await client.core.createNamespace({ body: { metadata: { name: namespace } } });

    const route = (round: number): KubernetesObject & { spec: unknown } => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'demo', namespace },
      spec: { parentRefs: [{ name: 'demo' }], rules: [{ backendRefs: [{ name: 'demo-stable', port: 80, weight: 100 - (round % 2) * 20 }, { name: 'demo-canary', port: 80, weight: (round % 2) * 20 }] }] },
    });
    const weights = await changeVisible(client, `/apis/gateway.networking.k8s.io/v1/namespaces/${namespace}/httproutes`, route, (object, round) => JSON.stringify(object).includes(`"weight":${(round % 2) * 20}}`));
    console.log(`HTTPRoute weight change visible through a watch: ${summary(weights).replace('switches', 'changes')}`);
    const service = (round: number): KubernetesObject & { spec: unknown } => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'demo', namespace }, spec: { selector: { app: 'demo', track: round % 2 ? 'green' : 'blue' }, ports: [{ port: 80 }] } });
    const selectors = await changeVisible(client, `/api/v1/namespaces/${namespace}/services`, service, (object, round) => (object as { spec?: { selector?: Record<string, string> } }).spec?.selector?.track === (round % 2 ? 'green' : 'blue'));
    console.log(`Service selector change visible through a watch: ${summary(selectors).replace('switches', 'changes')}`);

    const applied = await applyDeployment(client, demoDeployment({ namespace, version: 'v1', replicas: 10, readyDelay: '500ms' }), { fieldManager: 'kubectl' });
    if (!applied.ok) throw new Error(applied.error);
    const ready = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 });
    if (!ready.ok) throw new Error(ready.error);
    const planFile = join(dir, 'rolling.release.yaml');
    const text = stringify({
      service: 'demo',
      version: 'v2',
      stableVersion: 'v1',
      engine: 'kubernetes',
      replicas: 10,
      strategy: { rolling: { maxSurge: '25%', maxUnavailable: '25%' } },
      targets: { kubernetes: { kubeconfig, namespace, deployment: 'demo', image: 'demo:{{version}}' } },
    });
    writeFileSync(planFile, text);
    const parsed = parsePlan(text, planFile);
    if (!parsed.ok) throw new Error('the bench plan does not parse');
    const runStart = performance.now();
    const report = await executeRun({ planFile, plan: parsed.plan, log: () => undefined });
    const runMs = performance.now() - runStart;
    console.log(`rolling update of 10 replicas (25%/25%, pods Ready 500 ms after start) through switchyard run: ${(runMs / 1000).toFixed(1)} s, ${report.outcome}`);
    // The simulator against the real Deployment controller, case by case (the Kubernetes suite's table).
    const conformanceStart = performance.now();
    const conformance = await runDeploymentConformance(client, CONFORMANCE_CASES);
    console.log(`${conformance.report}\n  (${CONFORMANCE_CASES.length} rolling updates on the cluster and in the simulator in ${((performance.now() - conformanceStart) / 1000).toFixed(0)} s)`);
  } finally {
    const stopped = await stopCluster(scripts, clusterDir);
    if (!stopped.ok) console.error(stopped.error);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
