import { firstOf } from '../../src/domain/run/events';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haproxyRouter } from '../../src/adapters/haproxy/router';
import { httpGet } from '../../src/adapters/process/httpGet';
import { isAlive } from '../../src/adapters/procfs';
import { findRun } from '../../src/runner/control';
import { liveMembers } from '../../src/runner/fleet';
import type { EntryOf, JournalEntry } from '../../src/runner/journal';
import { actions } from './support/journal';
import { startLoad } from './support/loadClient';
import { writePlan } from './support/plans';
import { freePortRange, waitFor } from './support/ports';
import { Processes } from './support/processes';
import { startHaproxy } from './support/targets';

const CLI = resolve(__dirname, '../../dist/cli.js');
const processes = new Processes();
let base: number;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  base = await freePortRange(10);
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
  env = { ...process.env, NO_COLOR: '1' };
});
afterAll(() => processes.stopAll());

/** The CLI in a child process, without blocking this one: the load client keeps running meanwhile. */
function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => done({ code, out }));
  });
}

/** Starts `switchyard run` and SIGKILLs it once the journal shows the release inside its timed pause. */
async function runAndKill(file: string, service: string): Promise<void> {
  const previous = findRun(file, service)?.runDir;
  const child = spawn(process.execPath, [CLI, 'run', file, '--yes'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await waitFor(() => {
      if (child.exitCode !== null) throw new Error(`switchyard run exited ${child.exitCode} before its pause:\n${output}`);
      const info = findRun(file, service);
      if (!info || info.runDir === previous) return false;
      return info.entries.some((entry) => entry.kind === 'machine.state' && entry.data.state.includes('pausing'));
    }, 30_000, 'the run to reach its pause');
  } catch (error) {
    throw new Error(`${(error as Error).message}\nrunner output so far:\n${output}`);
  }
  child.kill('SIGKILL');
  await exited;
}

function assertEachActionOnce(entries: JournalEntry[]): void {
  const all = actions(entries);
  for (const action of all) expect(action.results.length, `action ${action.id} ${action.description}`).toBeLessThanOrEqual(1);
  const completed = all.filter((action) => action.results[0]?.data.ok === true).map((action) => action.description);
  expect(new Set(completed).size, completed.join('\n')).toBe(completed.length);
}

describe('a runner killed mid-release', () => {
  it('should resume from its journal and complete, each action once, no failed request', async () => {
    await processes.demo(base, 'v1');
    const haproxy = await startHaproxy(processes, base, base + 2);
    const dir = processes.tempDir('plans');
    const { file, plan } = writePlan(dir, 'resume', {
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: { duration: '3s' } }, { setWeight: 50 }, { pause: { duration: '1s' } }] } },
      router: { haproxy: { socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: '300ms' } },
      candidateBasePort: base + 2,
      stablePort: base,
    });
    const load = startLoad(haproxy.url, { rps: 120 });
    await runAndKill(file, plan.service);

    expect((await cli(['status', file])).out).toMatch(/interrupted/);
    const second = await cli(['run', file, '--yes']);
    expect(second.code).toBe(8);
    expect(second.out).toMatch(/is locked: the release of .*resume\.release\.yaml.*did not finish/);

    const resumed = await cli(['resume', file, '--yes']);
    const seen = await load.stop();
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out).toMatch(/promoted/);
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    const entries = findRun(file, plan.service)?.entries ?? [];
    assertEachActionOnce(entries);
    expect(entries.filter((entry) => entry.kind === 'run.resumed')).toHaveLength(1);
    expect(seen.timeline.slice(-10).map(([, version]) => version), resumed.out).toEqual(Array(10).fill('v2'));
  });

  it('should abort after a kill: safe routing first, then the candidate stopped', async () => {
    await processes.demo(base + 5, 'v1');
    const haproxy = await startHaproxy(processes, base + 5, base + 7);
    const dir = processes.tempDir('plans');
    const { file, plan } = writePlan(dir, 'abort', {
      strategy: { canary: { steps: [{ setWeight: 30 }, { pause: { duration: '30s' } }, { setWeight: 60 }] } },
      router: { haproxy: { socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: '300ms' } },
      candidateBasePort: base + 7,
      stablePort: base + 5,
    });
    const load = startLoad(haproxy.url, { rps: 120 });
    await runAndKill(file, plan.service);
    expect(await httpGet(`http://127.0.0.1:${base + 7}/healthz`, 500)).toMatchObject({ ok: true });

    const aborted = await cli(['abort', file]);
    const seen = await load.stop();
    expect(aborted.code, aborted.out).toBe(4);
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    const routing = await haproxyRouter({ socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: 0, timeout: 2000 }).snapshot();
    expect(routing.ok && routing.value.weights).toEqual({ stable: 100, candidate: 0 });
    expect((await httpGet(`http://127.0.0.1:${base + 7}/healthz`, 500)).ok).toBe(false);
    const descriptions = actions(findRun(file, plan.service)?.entries ?? []).map((action) => action.description);
    const restore = descriptions.findIndex((text) => /restore last safe routing/.test(text));
    const scaleDown = descriptions.findIndex((text) => /scale candidate → 0/.test(text));
    expect(restore).toBeGreaterThan(-1);
    expect(scaleDown).toBeGreaterThan(restore);
  });

  it('should leave no untracked process after a kill during a candidate\'s boot, each action once', async () => {
    await processes.demo(base + 3, 'v1');
    const haproxy = await startHaproxy(processes, base + 3, base + 4);
    const dir = processes.tempDir('plans');
    const { file, plan } = writePlan(dir, 'boot', {
      strategy: { canary: { steps: [{ setWeight: 50 }, { pause: { duration: '500ms' } }] } },
      router: { haproxy: { socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: '300ms' } },
      candidateBasePort: base + 4,
      stablePort: base + 3,
      instanceArgs: ['--boot-delay-ms', '2500'],
    });
    const load = startLoad(haproxy.url, { rps: 100 });
    const previous = findRun(file, plan.service)?.runDir;
    const child = spawn(process.execPath, [CLI, 'run', file, '--yes'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const spawned = (): EntryOf<'instance.spawned'> | undefined => {
      const info = findRun(file, plan.service);
      return info && info.runDir !== previous ? firstOf(info.entries, 'instance.spawned') : undefined;
    };
    await waitFor(() => spawned() !== undefined, 30_000, `the candidate to be spawned; runner output:\n${output}`);
    child.kill('SIGKILL');
    await exited;
    const orphan = spawned();
    const orphanPid = orphan?.data.member.pid;
    expect(orphanPid !== undefined && isAlive(orphanPid), 'the booting candidate outlives the runner').toBe(true);

    const resumed = await cli(['resume', file, '--yes']);
    const seen = await load.stop();
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out).toMatch(/never put in service/);
    expect(isAlive(orphanPid ?? 0), resumed.out).toBe(false);
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    const entries = findRun(file, plan.service)?.entries ?? [];
    assertEachActionOnce(entries);
    // Every process ever spawned is either the one candidate in service, or stopped.
    const alive = entries.flatMap((entry) => (entry.kind === 'instance.spawned' && entry.data.member.pid !== undefined && isAlive(entry.data.member.pid) ? [entry.data.member.pid] : []));
    const inService = liveMembers(entries).map((member) => member.pid);
    expect(alive, resumed.out).toEqual(inService);
    expect(alive).toHaveLength(1);
  });

  it('should print every action of a dry run and touch nothing', async () => {
    const dir = processes.tempDir('plans');
    const { file } = writePlan(dir, 'dry', {
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: { duration: '1h' } }, { setWeight: 50 }] } },
      router: { haproxy: { socket: `${dir}/missing.sock`, backend: 'app', stableServer: 'stable', candidateServer: 'candidate' } },
      candidateBasePort: base + 9,
      stablePort: base + 8,
    });
    const runsBefore = findRun(file, 'demo')?.runDir;
    const dry = await cli(['run', file, '--dry-run']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toMatch(/would scale candidate → 1[\s\S]*would traffic 20% → candidate[\s\S]*would traffic 50% → candidate[\s\S]*would traffic 0% → candidate|would traffic 100% → candidate/);
    expect(findRun(file, 'demo')?.runDir).toBe(runsBefore);
  });
});
