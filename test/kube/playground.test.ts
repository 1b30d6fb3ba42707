import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kubeClient } from '../../src/adapters/kubernetes/client';
import { cli, startCli, waitWithOutput, type Running } from '../integration/support/cli';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-kube-playground-'));
let playground: Running | undefined;

afterAll(async () => {
  if (playground && playground.child.exitCode === null && playground.child.signalCode === null) {
    playground.child.kill('SIGTERM');
    await playground.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Processes whose command line points into the playground's cluster folder. */
function clusterProcesses(): string {
  try {
    return execFileSync('pgrep', ['-af', '--', `${dir}/cluster/`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

describe('switchyard playground --kubernetes, as a user runs it', () => {
  it('should start a control plane with the demo Deployment, roll back a bad v2 from the CLI (rolling: never Ready, at its progress deadline; canary: restarting, by its gate), and delete the cluster on Ctrl-C', async () => {
    playground = startCli(['playground', '--kubernetes', '--dir', dir]);
    const running = playground;
    await waitWithOutput(running, () => running.output().includes('playground ready'), 90_000, 'the Kubernetes playground to be ready');
    const kubeconfig = join(dir, 'cluster', 'kubeconfig');
    expect(running.output()).toContain(`switchyard run ${join(dir, 'rolling-bad.release.yaml')} --yes`);
    expect(readFileSync(join(dir, 'rolling.release.yaml'), 'utf8')).toContain(`kubeconfig: ${kubeconfig}`);

    const env = { ...process.env, SWITCHYARD_STATE_DIR: join(dir, 'state'), SWITCHYARD_LOCK_DIR: join(dir, 'locks') };
    const bad = await cli(['run', join(dir, 'rolling-bad.release.yaml'), '--yes'], env);
    expect(bad.out).toMatch(/rolledBack: deployment demo\/demo: not 3 candidate pod\(s\) available within 20 s \(candidate 3 desired, 0 ready, 0 available; stable 5 desired, 5 ready, 5 available\)/);
    expect(bad.code, bad.out).toBe(3);
    const client = kubeClient({ kubeconfig });
    const deployment = await client.apps.readNamespacedDeployment({ namespace: 'demo', name: 'demo' });
    expect(deployment.spec?.template?.spec?.containers[0]?.image).toBe('demo:v1');
    expect(deployment.spec?.paused ?? false).toBe(false);
    const sets = (await client.apps.listNamespacedReplicaSet({ namespace: 'demo' })).items;
    expect(Object.fromEntries(sets.map((set) => [set.spec?.template?.spec?.containers[0]?.image, set.spec?.replicas]))).toEqual({ 'demo:v1': 6, 'demo:v2-bad': 0 });

    const canary = await cli(['run', join(dir, 'canary-bad.release.yaml'), '--yes'], env);
    // Its pods are Ready, so the health check passes; the restarts gate reads 3 restarts a pod and fails.
    expect(canary.out).toContain('rolledBack: restarts: 1 of 1 measurements failed (last 6, success when result < 1)');
    expect(canary.out.indexOf('traffic 20% → candidate')).toBeLessThan(canary.out.indexOf('restarts = 6 failed'));
    expect(canary.code, canary.out).toBe(3);
    const route = (await client.objects.read({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'demo', namespace: 'demo' } })) as { spec?: { rules?: { backendRefs?: { name: string; weight?: number }[] }[] } };
    expect(route.spec?.rules?.[0]?.backendRefs?.map((ref) => [ref.name, ref.weight])).toEqual([['demo', 100]]);
    await expect(client.apps.readNamespacedDeployment({ namespace: 'demo', name: 'demo-canary' })).rejects.toThrow();

    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('playground stopped');
    expect(clusterProcesses()).toBe('');
  });
});
