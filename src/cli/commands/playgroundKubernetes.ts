import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyDemo, KUBE_NAMESPACE, kubeBinariesMissing, kubernetesPlaygroundPlans, kubeScripts, startCluster, stopCluster } from '../../runner/playground/kubernetes';
import { PLAYGROUND_STATE_FILE } from '../../runner/playground/readiness';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const TRIES: Record<string, string> = {
  rolling: 'v2 through the Deployment controller, batch by batch',
  'rolling-bad': 'a v2 that never becomes Ready, rolled back to v1',
  canary: 'a canary of v2 by HTTPRoute weights, judged by its pods\' restarts, then promoted',
  'canary-bad': 'a canary whose pods keep restarting, rolled back by its restarts gate',
};

/**
 * `switchyard playground --kubernetes [--dir DIR]`: a real control plane on 127.0.0.1
 * (kube-apiserver, controller manager, scheduler, etcd, kwok's fake nodes; scripts/kube) with the
 * demo namespace, and plans that release v2 on it. Runs until Ctrl-C, then deletes the cluster
 * and checks none of its processes is left.
 */
export async function runKubernetesPlayground(dir: string, io: CliIO): Promise<number> {
  const scripts = kubeScripts();
  const missing = await kubeBinariesMissing(scripts);
  if (missing) {
    io.err(`playground: ${missing}`);
    return EXIT.failed;
  }
  mkdirSync(dir, { recursive: true });
  const clusterDir = join(dir, 'cluster');
  const stateFile = join(dir, PLAYGROUND_STATE_FILE);
  rmSync(stateFile, { force: true });
  let requestStop = (): void => undefined;
  const stopSignal = new Promise<void>((done) => (requestStop = done));
  const stop = (signal: NodeJS.Signals): void => {
    if (signal === 'SIGHUP') for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    requestStop();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  io.out(`playground in ${dir}: starting a Kubernetes control plane on 127.0.0.1 (3 fake nodes)...`);
  let code: number = EXIT.promoted;
  const started = await startCluster(scripts, clusterDir);
  const kubeconfig = join(clusterDir, 'kubeconfig');
  const demo = started.ok ? await applyDemo(kubeconfig) : started;
  if (!demo.ok) {
    io.err(`playground: ${demo.error}`);
    code = EXIT.failed;
  } else {
    const plans = kubernetesPlaygroundPlans(kubeconfig);
    for (const [name, text] of Object.entries(plans)) writeFileSync(join(dir, `${name}.release.yaml`), text);
    writeFileSync(stateFile, `${JSON.stringify({ pid: process.pid, kubeconfig, namespace: KUBE_NAMESPACE, plans: Object.keys(plans).map((name) => join(dir, `${name}.release.yaml`)) }, null, 2)}\n`);
    const runs = Object.keys(plans).map((name) => `  switchyard run ${join(dir, `${name}.release.yaml`)} --yes`);
    const width = Math.max(...runs.map((line) => line.length));
    io.out(
      [
        'playground ready',
        `  kubeconfig         ${kubeconfig}`,
        `  namespace ${KUBE_NAMESPACE}       Deployment demo (v1, 6 replicas), Service demo, Gateway demo, HTTPRoute demo`,
        'Try, in another terminal:',
        `  kubectl --kubeconfig ${kubeconfig} -n ${KUBE_NAMESPACE} get rs -w`,
        ...runs.map((line, index) => `${line.padEnd(width)}   # ${TRIES[Object.keys(plans)[index] ?? ''] ?? ''}`),
        'Ctrl-C stops the playground and deletes the cluster.',
      ].join('\n'),
    );
    // The cluster's processes are not this process's children: only a timer keeps it alive until Ctrl-C.
    const alive = setInterval(() => undefined, 60_000);
    await stopSignal;
    clearInterval(alive);
  }
  rmSync(stateFile, { force: true });
  const stopped = await stopCluster(scripts, clusterDir);
  if (!stopped.ok) io.err(`playground: ${stopped.error}`);
  for (const signal of STOP_SIGNALS) process.off(signal, stop);
  io.out('playground stopped');
  return !stopped.ok && code === EXIT.promoted ? EXIT.failed : code;
}
