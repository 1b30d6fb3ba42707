import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { setup as startCluster } from '../../kube/support/cluster';
import { freePort, kubeScript, startController, type RunningController } from './controllers';

/**
 * The conformance suite's world: the real control plane (test/kube/support/cluster.ts) with Argo
 * Rollouts' and Flagger's CRDs from their Go modules, and the real controllers built from those
 * modules (scripts/kube/controllers.sh) watching every namespace, as upstream's own end-to-end
 * tests run them out of cluster. Stopped, and the cluster deleted, after the last file.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stopCluster = startCluster(project);
  const running: RunningController[] = [];
  const teardown = async (): Promise<void> => {
    for (const controller of running.reverse()) await controller.stop();
    stopCluster();
  };
  try {
    const kubeconfig = project.getProvidedContext().kubeconfig;
    const kubectl = join(kubeScript('build.sh', '--print-bin'), 'kubectl');
    const run = (args: string[]): string => execFileSync(kubectl, ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    run(['apply', '--server-side', '--field-manager', 'switchyard-test', '-f', kubeScript('controller-crds.sh')]);
    await waitEstablished(run, ['rollouts.argoproj.io', 'analysistemplates.argoproj.io', 'analysisruns.argoproj.io', 'experiments.argoproj.io', 'canaries.flagger.app', 'metrictemplates.flagger.app']);
    run(['create', 'namespace', 'argo-rollouts']);
    const bin = kubeScript('controllers.sh', '--print-bin');
    const logs = dirname(kubeconfig);
    const [metrics, healthz] = [await freePort(), await freePort()];
    running.push(
      await startController(
        'rollouts-controller',
        join(bin, 'rollouts-controller'),
        ['--kubeconfig', kubeconfig, '--leader-elect=false', '--metricsPort', String(metrics), '--healthzPort', String(healthz), '--ingress-api-version', 'networking/v1', '--loglevel', 'info', '--logformat', 'text'],
        { POD_NAMESPACE: 'argo-rollouts' },
        join(logs, 'rollouts-controller.log'),
        `http://127.0.0.1:${healthz}/healthz`,
      ),
    );
    const flaggerPort = await freePort();
    running.push(
      await startController(
        'flagger',
        join(bin, 'flagger'),
        // Gateway API: Flagger moves an HTTPRoute's weights. No Prometheus: the cases' analyses have no metrics, and an unreachable server is only logged.
        ['-kubeconfig', kubeconfig, '-mesh-provider', 'gatewayapi:v1', '-port', String(flaggerPort), '-metrics-server', 'http://127.0.0.1:9', '-log-level', 'info', '-zap-encoding', 'console'],
        {},
        join(logs, 'flagger.log'),
        `http://127.0.0.1:${flaggerPort}/healthz`,
      ),
    );
    project.provide('controllerLogs', logs);
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}

/** `kubectl wait` for the CRDs; one just created may have no conditions yet, which kubectl reports as an error, so ask again. */
async function waitEstablished(run: (args: string[]) => string, crds: string[]): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      run(['wait', '--for', 'condition=established', '--timeout', '30s', ...crds.map((crd) => `crd/${crd}`)]);
      return;
    } catch (error) {
      last = error;
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  throw new Error(`the controllers' CRDs were not established: ${String((last as { stderr?: string })?.stderr ?? last)}`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    controllerLogs: string;
  }
}
