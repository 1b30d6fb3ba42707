import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

export const KUBECONFIG_KEY = 'kubeconfig';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
  }
}

const CLUSTER = resolve(__dirname, '../../../scripts/kube/cluster.sh');

/**
 * One real control plane for the Kubernetes suite (kube-apiserver, controller-manager, scheduler,
 * etcd and kwok on 127.0.0.1, scripts/kube/cluster.sh), started before the first file and deleted
 * after the last; `cluster.sh stop` fails when any of its processes is left, and so does the run.
 */
export function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-kube-'));
  try {
    cluster('start', dir);
  } catch (error) {
    stop(dir);
    throw error;
  }
  project.provide(KUBECONFIG_KEY, join(dir, 'kubeconfig'));
  return () => stop(dir);
}

function stop(dir: string): void {
  try {
    cluster('stop', dir);
  } catch (error) {
    // An error thrown from a global teardown is only printed by vitest: the exit code says it.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs cluster.sh quietly (kwokctl logs a JSON line per step); its whole output is in the error when it fails. */
function cluster(command: 'start' | 'stop', dir: string): void {
  try {
    execFileSync('bash', [CLUSTER, command, dir], { stdio: 'pipe', encoding: 'utf8', env: { ...process.env, NODES: '3', CLUSTER_NAME: 'switchyard-test' } });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`scripts/kube/cluster.sh ${command} ${dir} failed:\n${stdout}${stderr}`);
  }
}
