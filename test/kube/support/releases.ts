import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { stringify } from 'yaml';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { Plan } from '../../../src/domain/plan/schema';
import { findRun } from '../../../src/runner/control';
import { CLI } from '../../integration/support/cli';

/** A folder for the file's plans, runs and locks, removed by the returned function. */
export function releaseFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-kube-runs-'));
  mkdirSync(join(dir, 'state'));
  mkdirSync(join(dir, 'locks'));
  process.env.SWITCHYARD_STATE_DIR = join(dir, 'state');
  process.env.SWITCHYARD_LOCK_DIR = join(dir, 'locks');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A plan that releases the demo Deployment of a namespace, as YAML on disk, parsed back as the CLI would. */
export function kubernetesPlan(dir: string, name: string, fields: Record<string, unknown>, target: Record<string, unknown>): { file: string; plan: Plan } {
  const document = {
    service: 'demo',
    version: 'v2',
    stableVersion: 'v1',
    engine: 'kubernetes',
    ...fields,
    targets: { kubernetes: { kubeconfig: inject('kubeconfig'), deployment: 'demo', image: 'demo:{{version}}', ...target } },
  };
  const file = join(dir, `${name}.release.yaml`);
  const text = stringify(document);
  writeFileSync(file, text);
  const parsed = parsePlan(text, file);
  if (!parsed.ok) throw new Error(`test plan ${name} is invalid: ${JSON.stringify(parsed.diagnostics.map((d) => d.message))}`);
  return { file, plan: parsed.plan };
}

/** A metric endpoint on 127.0.0.1 for a gate's http provider: answers `{ value }` and calls `onMeasure` first. */
export async function gateEndpoint(value: number, onMeasure: () => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    onMeasure();
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ value }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The gate the release tests judge by: an error rate read from a {@link gateEndpoint}, one measurement every 500 ms, below 5 % passes. */
export function errorsGate(url: string): Record<string, unknown> {
  return { name: 'errors', metric: 'errorRate', interval: '500ms', count: 1, successCondition: 'result < 0.05', provider: { http: { url, jsonPath: '$.value' } } };
}

/** Starts `switchyard run PLAN --yes` and SIGKILLs the runner once its journal says it is in a pause: a runner killed mid-release. */
export async function killedInPause(file: string, service: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'run', file, '--yes'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 60_000;
  while (!(findRun(file, service)?.entries ?? []).some((entry) => entry.kind === 'machine.state' && entry.data.state.includes('pausing'))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the run never reached its pause:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  await exited;
}
