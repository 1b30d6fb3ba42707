import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PatchStrategy } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { apiError, kubeClient } from '../../adapters/kubernetes/client';
import { watchRollout } from '../../adapters/kubernetes/deployment';
import type { PortResult } from '../../domain/ports';

export const KUBE_NAMESPACE = 'demo';
export const KUBE_REPLICAS = 6;
const BINARIES = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'etcd', 'kwok', 'kwokctl'];

/** scripts/kube next to the bundle (dist/ → ../scripts/kube) or in the source tree. */
export function kubeScripts(): string {
  const candidates = [resolve(__dirname, '..', 'scripts', 'kube'), resolve(process.cwd(), 'scripts', 'kube')];
  return candidates.find((path) => existsSync(join(path, 'cluster.sh'))) ?? candidates[0] ?? 'scripts/kube';
}

/**
 * Go's usual install folder after the PATH given: the control plane's cache is keyed by the Go
 * version, and an editor started from a desktop often has a PATH without Go, which would look
 * for binaries under another key and call a built control plane missing.
 */
const GO_HOME_BIN = '/usr/local/go/bin';

function bash(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<PortResult<string>> {
  const merged = { ...process.env, ...env };
  const path = [merged.PATH, GO_HOME_BIN].filter(Boolean).join(':');
  return new Promise((done) =>
    execFile('bash', [script, ...args], { env: { ...merged, PATH: path }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      done(error ? { ok: false, error: `${stderr || stdout || error.message}`.trim().split('\n').slice(-6).join('\n') } : { ok: true, value: stdout.trim() }),
    ),
  );
}

/**
 * Whether scripts/kube/build.sh has built the control plane on this machine; if not, what to run
 * (the first build compiles Kubernetes from its Go modules).
 */
export async function kubeBinariesMissing(scripts: string): Promise<string | undefined> {
  const go = await bash('-c', ['command -v go']);
  if (!go.ok) return 'Go is not on PATH (nor in /usr/local/go/bin): the control plane\'s build is found by the Go version that made it; add Go\'s bin folder to PATH';
  const bin = await bash(join(scripts, 'build.sh'), ['--print-bin']);
  if (!bin.ok) return `cannot find the control plane's build: ${bin.error}`;
  const missing = BINARIES.filter((name) => !existsSync(join(bin.value, name)));
  if (missing.length === 0) return undefined;
  return `the Kubernetes control plane is not built on this machine (missing ${missing.join(', ')}): run \`bash ${join(scripts, 'build.sh')}\` first; it builds kube-apiserver, the controller manager, the scheduler, etcd and kwok from their Go modules once per machine (about 12-14 min on 2 cores), and takes under a second after that`;
}

/** A cluster on 127.0.0.1 (scripts/kube/cluster.sh) with `nodes` fake nodes; its kubeconfig is `<dir>/kubeconfig`. */
export function startCluster(scripts: string, dir: string, nodes = 3): Promise<PortResult<string>> {
  return bash(join(scripts, 'cluster.sh'), ['start', dir], { NODES: String(nodes), CLUSTER_NAME: 'switchyard-playground' });
}

export function stopCluster(scripts: string, dir: string): Promise<PortResult<string>> {
  return bash(join(scripts, 'cluster.sh'), ['stop', dir], { CLUSTER_NAME: 'switchyard-playground' });
}

/** The demo Deployment's pod template at one version: pods become Ready 2 s after they start (kwok). */
function demoTemplate(version: string) {
  return {
    metadata: { labels: { app: 'demo' }, annotations: { 'pod-ready.stage.kwok.x-k8s.io/delay': '2s' } },
    spec: { containers: [{ name: 'demo', image: `demo:${version}`, ports: [{ containerPort: 8080 }] }] },
  };
}

/**
 * What a team releasing on Kubernetes has: namespace `demo` with a Deployment of v1, a Service,
 * a Gateway (its class names no controller here, so nothing programs it) and an HTTPRoute to the
 * Service. Written as a user's `kubectl apply --server-side` would (field manager `kubectl`).
 */
export async function applyDemo(kubeconfig: string): Promise<PortResult> {
  const client = kubeClient({ kubeconfig });
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: KUBE_NAMESPACE } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'demo', namespace: KUBE_NAMESPACE },
      spec: {
        replicas: KUBE_REPLICAS,
        selector: { matchLabels: { app: 'demo' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: 1 } },
        template: demoTemplate('v1'),
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'demo', namespace: KUBE_NAMESPACE }, spec: { selector: { app: 'demo' }, ports: [{ port: 80, targetPort: 8080 }] } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'switchyard-playground' }, spec: { controllerName: 'switchyard.dev/playground' } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'demo', namespace: KUBE_NAMESPACE }, spec: { gatewayClassName: 'switchyard-playground', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'demo', namespace: KUBE_NAMESPACE },
      spec: { parentRefs: [{ name: 'demo' }], rules: [{ backendRefs: [{ name: 'demo', port: 80, weight: 100 }] }] },
    },
  ];
  for (const object of objects) {
    try {
      await client.objects.patch(object, undefined, undefined, 'kubectl', true, PatchStrategy.ServerSideApply);
    } catch (error) {
      return { ok: false, error: `apply ${object.kind} ${object.metadata.name}: ${apiError(error)}` };
    }
  }
  const rolled = await watchRollout(client, { namespace: KUBE_NAMESPACE, name: 'demo' }, { timeoutMs: 60_000 });
  return rolled.ok ? { ok: true, value: undefined } : rolled;
}

/** The plans that release v2 on the demo Deployment, rolling and by canary: a good one of each, a bad rolling one whose pods never become Ready, and a bad canary whose pods keep restarting. */
export function kubernetesPlaygroundPlans(kubeconfig: string): Record<string, string> {
  const target = { kubeconfig, namespace: KUBE_NAMESPACE, deployment: 'demo', image: 'demo:{{version}}' };
  const base = { service: 'demo', stableVersion: 'v1', engine: 'kubernetes', replicas: KUBE_REPLICAS };
  const rolling = { rolling: { maxSurge: 2, maxUnavailable: 1, pauseBetweenBatches: '3s' } };
  const canary = { canary: { steps: [{ setWeight: 20 }, { analysis: { templates: ['restarts'] } }, { pause: { duration: '5s' } }, { setWeight: 50 }, { pause: { duration: '5s' } }] } };
  // Read from the cluster: the canary's containers' restarts (a simulation judges the metric).
  const analysis = [{ name: 'restarts', metric: 'errorRate', interval: '1s', count: 2, successCondition: 'result < 1', provider: { kubernetes: { measure: 'restarts' } } }];
  const plan = (comment: string, document: Record<string, unknown>): string => `${comment.split('\n').map((line) => `# ${line}`).join('\n')}\n${stringify(document)}`;
  return {
    rolling: plan('v2 through the Deployment controller, 2 extra and 1 missing at most; paused 3 s between batches.', {
      ...base,
      version: 'v2',
      strategy: rolling,
      targets: { kubernetes: target },
      scenarios: { 'good-version': { seed: 1 } },
    }),
    'rolling-bad': plan('A v2 whose pods run but never become Ready: the first batch misses its\nprogress deadline (20 s) and the Deployment goes back to v1, as kubectl rollout undo does.', {
      ...base,
      version: 'v2-bad',
      strategy: rolling,
      policy: { progressDeadlineSeconds: 20 },
      targets: { kubernetes: { ...target, podLabels: { 'switchyard.dev/health': 'bad' } } },
      scenarios: { 'bad-version': { seed: 1, faults: [{ at: '0s', kind: 'crashLoop', role: 'candidate' }] } },
    }),
    canary: plan('A canary of v2 beside the stable Deployment: the HTTPRoute sends 20 % to it, a gate counts\nits pods\' restarts, then 50 %; then the stable Deployment rolls to v2 and the canary goes.', {
      ...base,
      engine: 'argo-rollouts',
      version: 'v2',
      strategy: canary,
      analysis,
      targets: { kubernetes: target },
      scenarios: { 'good-version': { seed: 1 } },
    }),
    'canary-bad': plan('A canary of a v2 whose pods become Ready but keep crashing: at 20 % the restarts gate\nfails, the route goes back to stable and the canary Deployment is removed. A simulation\njudges the gate\'s metric instead: there, every request to the crashing canary fails.', {
      ...base,
      engine: 'argo-rollouts',
      version: 'v2-bad',
      strategy: canary,
      analysis,
      targets: { kubernetes: { ...target, podLabels: { 'switchyard.dev/health': 'restarting' } } },
      policy: { progressDeadlineSeconds: 15 },
      scenarios: { 'bad-version': { seed: 1, faults: [{ at: '0s', kind: 'badVersion', role: 'candidate', errorRate: 1 }] } },
    }),
  };
}
