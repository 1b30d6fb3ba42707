import { firstOf } from '../../src/domain/run/events';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haproxyRouter } from '../../src/adapters/haproxy/router';
import { httpGet } from '../../src/adapters/process/httpGet';
import { processInstances } from '../../src/adapters/process/instances';
import { isAlive } from '../../src/adapters/procfs';
import { checkProcess } from '../../src/adapters/process/identity';
import type { Member } from '../../src/domain/ports';
import { findRun } from '../../src/runner/control';
import { journalPath } from '../../src/runner/runs';
import type { JournalEntry } from '../../src/runner/journal';
import { CLI } from './support/cli';
import { underLoad } from './support/loadClient';
import { writePlan } from './support/plans';
import { freePortRange, waitFor } from './support/ports';
import { Processes } from './support/processes';
import { startHaproxy, type HaproxyInstance } from './support/targets';

const processes = new Processes();
let base: number;
let dir: string;
let stateDir: string;
/** Runs of the service-name test, kept apart from the `demo` runs of the other tests. */
let aliasStateDir: string;

beforeAll(async () => {
  base = await freePortRange(30);
  dir = processes.tempDir('plans');
  stateDir = processes.tempDir('runs');
  aliasStateDir = processes.tempDir('alias-runs');
  process.env.SWITCHYARD_STATE_DIR = stateDir;
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
});

afterAll(async () => {
  processes.killJournaledInstances(aliasStateDir);
  await processes.stopAll();
});

interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Past this the command is killed and its code is null (a command that hangs is a failure too). */
  timeoutMs?: number;
}

function cliIn(args: string[], options: CliOptions = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, out });
    });
  });
}

/** Starts `switchyard run` and waits until the journal of its new run shows the release inside its timed pause. */
async function runUntilPaused(file: string, service: string, options: CliOptions = {}): Promise<{ child: ChildProcess; exited: Promise<number | null>; output: () => string }> {
  const env = { ...process.env, ...options.env };
  const previous = inStateDir(env.SWITCHYARD_STATE_DIR, () => findRun(file, service)?.runDir);
  const child = spawn(process.execPath, [CLI, 'run', file, '--yes'], { cwd: options.cwd, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`switchyard run exited ${child.exitCode} before its pause:\n${output}`);
    const run = inStateDir(env.SWITCHYARD_STATE_DIR, () => findRun(file, service));
    if (!run || run.runDir === previous) return false;
    return run.entries.some((entry) => entry.kind === 'machine.state' && entry.data.state.includes('pausing'));
  }, 30_000, `the run of ${file} to reach its pause; output:\n${output}`);
  return { child, exited, output: () => output };
}

/** `read` with runs looked up in `stateDir`, as a CLI given that SWITCHYARD_STATE_DIR would. */
function inStateDir<T>(stateDir: string | undefined, read: () => T): T {
  const saved = process.env.SWITCHYARD_STATE_DIR;
  process.env.SWITCHYARD_STATE_DIR = stateDir;
  try {
    return read();
  } finally {
    process.env.SWITCHYARD_STATE_DIR = saved;
  }
}

/** The plan file written again with another service name. */
function renamed(file: string, service: string): void {
  const document = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, stringify({ ...document, service }));
}

/** The stable v1 behind a private HAProxy, and a plan whose canary holds 30 % on the candidate for a minute. */
async function heldCanary(name: string, stable: number, candidate: number): Promise<{ haproxy: HaproxyInstance; file: string }> {
  await processes.demo(stable, 'v1');
  const haproxy = await startHaproxy(processes, stable, candidate);
  const { file } = writePlan(dir, name, {
    strategy: { canary: { steps: [{ setWeight: 30 }, { pause: { duration: '60s' } }] } },
    router: haproxyTarget(haproxy.socket),
    candidateBasePort: candidate,
    stablePort: stable,
  });
  return { haproxy, file };
}

function haproxyTarget(socket: string): Record<string, unknown> {
  return { haproxy: { socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: '300ms' } };
}

async function weightsOn(haproxy: HaproxyInstance): Promise<unknown> {
  const routing = await haproxyRouter({ socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: 0, timeout: 2000 }).snapshot();
  return routing.ok ? routing.value.weights : routing.error;
}

const members = (entries: readonly JournalEntry[], type: 'instance.spawned' | 'instance.started' | 'instance.stopped'): Member[] =>
  entries.flatMap((entry) => (entry.kind === type ? [entry.data.member] : []));

describe('health of instances the runner started', () => {
  it('should fail a candidate that crashed on EADDRINUSE behind a leftover on its port, and send it no traffic', async () => {
    const stable = base;
    const candidate = base + 1;
    await processes.demo(stable, 'v1');
    await processes.demo(candidate, 'leftover');
    const haproxy = await startHaproxy(processes, stable, candidate);
    const { file } = writePlan(dir, 'leftover', {
      strategy: { canary: { steps: [{ setWeight: 50 }, { pause: { duration: '1s' } }] } },
      router: haproxyTarget(haproxy.socket),
      candidateBasePort: candidate,
      stablePort: stable,
    });
    const { result, seen } = await underLoad(haproxy.url, { rps: 100 }, () => cliIn(['run', file, '--yes']), 300);

    expect(result.code, result.out).toBe(3);
    expect(result.out).toMatch(/candidate-0 \(pid \d+\) exited with code 1; stderr: .*EADDRINUSE/);
    expect(seen.byVersion.leftover ?? 0, JSON.stringify(seen.byVersion)).toBe(0);
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    expect(await weightsOn(haproxy)).toEqual({ stable: 100, candidate: 0 });
    // The journal keeps no pid as an instance in service: the crashed one is spawned, then stopped.
    const entries = findRun(file, 'demo')?.entries ?? [];
    expect(members(entries, 'instance.started')).toEqual([]);
    const spawned = members(entries, 'instance.spawned');
    expect(spawned.length).toBeGreaterThan(0);
    expect(members(entries, 'instance.stopped').map((member) => member.pid)).toEqual(spawned.map((member) => member.pid));
    expect(spawned.filter((member) => isAlive(member.pid ?? 0))).toEqual([]);
  });

  it('should count a started candidate that exited as lost at once, though a stranger answers on its port', async () => {
    const port = base + 2;
    const { plan } = writePlan(dir, 'exited', { strategy: { canary: { steps: [{ setWeight: 50 }] } }, router: haproxyTarget('unused.sock'), candidateBasePort: port, stablePort: base });
    const target = plan.targets?.instances?.process;
    if (!target) throw new Error('the test plan has process instances');
    const instances = processInstances({ ...target, stablePorts: [] }, plan, processes.tempDir('instance-logs'));
    const up = await instances.scaleUp('candidate', 1);
    if (!up.ok) throw new Error(up.error);
    const pid = up.value[0]?.pid ?? 0;
    expect(await instances.health('candidate')).toEqual({ ok: true, value: { ready: 1, total: 1 } });

    process.kill(-pid, 'SIGKILL');
    await waitFor(() => !isAlive(pid), 5000, 'the candidate to exit');
    await processes.demo(port, 'stranger');
    expect((await httpGet(`http://127.0.0.1:${port}/healthz`, 1000)).ok).toBe(true);
    const health = await instances.health('candidate');
    expect(health).toEqual({ ok: true, value: { ready: 0, total: 1, lost: [expect.stringMatching(new RegExp(`^candidate-0 \\(pid ${pid}\\) was killed by SIGKILL`))] } });
  });

  it('should not count a live candidate as healthy while another process answers on its port', async () => {
    const port = base + 8;
    await processes.demo(port, 'stranger');
    const { plan } = writePlan(dir, 'silent', { strategy: { canary: { steps: [{ setWeight: 50 }] } }, router: haproxyTarget('unused.sock'), candidateBasePort: port, stablePort: base });
    const target = plan.targets?.instances?.process;
    if (!target) throw new Error('the test plan has process instances');
    // A candidate that never binds its port: only the stranger could answer there.
    const silent = { ...target, stablePorts: [], command: [process.execPath, '-e', 'setInterval(() => {}, 1000)'], startTimeout: 1500, stopTimeout: 500 };
    const instances = processInstances(silent, plan, processes.tempDir('instance-logs'));
    const spawned: Member[] = [];
    try {
      const up = await instances.scaleUp('candidate', 1, (member) => spawned.push(member));
      expect(up.ok).toBe(false);
      expect(up.ok || up.error).toMatch(new RegExp(`candidate-0 did not become healthy on port ${port} within 1500 ms \\(stopped it\\): port ${port} is held by a process other than candidate-0`));
      // Gone, or a zombie this test process has not reaped yet: either way no longer running.
      expect(spawned.filter((member) => checkProcess(member.pid ?? 0, member.identity) === 'running')).toEqual([]);
    } finally {
      for (const member of spawned) if (member.pid !== undefined && isAlive(member.pid)) process.kill(-member.pid, 'SIGKILL');
    }
  });
});

describe('locks by what a target is', () => {
  it('should refuse a second plan naming the same HAProxy socket differently, or an overlapping instance port, with exit 8 and no run folder', async () => {
    const stable = base + 3;
    const first = base + 5;
    await processes.demo(stable, 'v1');
    const haproxy = await startHaproxy(processes, stable, first);
    const cwd = dirname(dirname(haproxy.socket));
    const socket = relative(cwd, haproxy.socket);
    const a = writePlan(dir, 'first', {
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: { duration: '60s' } }] } },
      router: haproxyTarget(socket),
      candidateBasePort: first,
      stablePort: stable,
    });
    const running = await runUntilPaused(a.file, 'demo', { cwd });
    let aborted: { code: number | null; out: string };
    try {
      const b = writePlan(dir, 'second', {
        strategy: { canary: { steps: [{ setWeight: 10 }, { pause: { duration: '500ms' } }] } },
        router: haproxyTarget(`${dirname(socket)}/./admin.sock`),
        candidateBasePort: base + 7,
        stablePort: stable,
      });
      renamed(b.file, 'second');
      const second = await cliIn(['run', b.file, '--yes'], { cwd, timeoutMs: 20_000 });
      expect(second.code, second.out).toBe(8);
      expect(second.out).toMatch(/target busy: haproxy \/\S+\/admin\.sock backend app is locked: the release of \S*first\.release\.yaml started \S+ is running \(pid \d+\)/);

      const c = writePlan(dir, 'third', {
        strategy: { canary: { steps: [{ setWeight: 10 }] } },
        router: { command: { setWeights: ['/bin/true'] } },
        candidateBasePort: first - 1,
        stablePort: stable,
        replicas: 2,
      });
      renamed(c.file, 'third');
      const third = await cliIn(['run', c.file, '--yes'], { cwd, timeoutMs: 20_000 });
      expect(third.code, third.out).toBe(8);
      expect(third.out).toMatch(new RegExp(`target busy: instance 127\\.0\\.0\\.1:${first} is locked: the release of \\S*first\\.release\\.yaml`));

      expect(readdirSync(stateDir).filter((name) => name.startsWith('second-') || name.startsWith('third-'))).toEqual([]);
      expect(await weightsOn(haproxy)).toEqual({ stable: 80, candidate: 20 });
    } finally {
      aborted = await cliIn(['abort', a.file], { cwd });
      await running.exited;
    }
    expect(aborted.code, aborted.out).toBe(4);
    expect(await weightsOn(haproxy)).toEqual({ stable: 100, candidate: 0 });
  });
});

describe('pids recorded in a journal', () => {
  it('should never signal a runner or an instance pid that is now another process, and still abort', async () => {
    const { haproxy, file } = await heldCanary('reused', base + 10, base + 11);
    const running = await runUntilPaused(file, 'demo');
    running.child.kill('SIGKILL');
    await running.exited;
    const info = findRun(file, 'demo');
    if (!info) throw new Error('no run journaled');
    const [candidateMember] = members(info.entries, 'instance.started');
    const runnerPid = firstOf(info.entries, 'run.started')?.data.pid ?? 0;
    const candidatePid = candidateMember?.pid ?? 0;
    expect(candidatePid).toBeGreaterThan(0);
    process.kill(-candidatePid, 'SIGKILL');
    await waitFor(() => !isAlive(candidatePid), 5000, 'the candidate to exit');

    // Two unrelated processes stand in for the pids being reused: the journal now names them.
    const runnerStranger = processes.start(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const candidateStranger = processes.start(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const strangers = { [runnerPid]: runnerStranger.pid ?? 0, [candidatePid]: candidateStranger.pid ?? 0 };
    const path = journalPath(info.runDir);
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as JournalEntry);
    for (const entry of lines) {
      if (entry.kind === 'run.started') entry.data.pid = strangers[entry.data.pid] ?? entry.data.pid;
      if ('member' in entry.data && entry.data.member.pid !== undefined) entry.data.member.pid = strangers[entry.data.member.pid] ?? entry.data.member.pid;
    }
    writeFileSync(path, `${lines.map((entry) => JSON.stringify(entry)).join('\n')}\n`);

    const aborted = await cliIn(['abort', file], { timeoutMs: 30_000 });
    expect(isAlive(runnerStranger.pid ?? 0), aborted.out).toBe(true);
    expect(isAlive(candidateStranger.pid ?? 0), aborted.out).toBe(true);
    expect(runnerStranger.exitCode ?? runnerStranger.signalCode).toBeNull();
    expect(candidateStranger.exitCode ?? candidateStranger.signalCode).toBeNull();
    expect(aborted.out).toContain(`pid ${runnerStranger.pid} is now another process; not signalled`);
    expect(aborted.out).toContain(`candidate-0: pid ${candidateStranger.pid} is now another process; not signalled`);
    expect(aborted.code, aborted.out).toBe(4);
    expect(await weightsOn(haproxy)).toEqual({ stable: 100, candidate: 0 });
  });
});

describe('runs found by their service', () => {
  it('should not take a crashed run of demo-alias for a run of demo (status, resume, abort)', async () => {
    const env = { SWITCHYARD_STATE_DIR: aliasStateDir };
    const { haproxy, file: demo } = await heldCanary('demo', base + 13, base + 14);
    const alias = join(dir, 'demo-alias.release.yaml');
    writeFileSync(alias, readFileSync(demo, 'utf8'));
    renamed(alias, 'demo-alias');
    const running = await runUntilPaused(alias, 'demo-alias', { env });
    running.child.kill('SIGKILL');
    await running.exited;
    const journal = (): string => readFileSync(join(aliasStateDir, readdirSync(aliasStateDir)[0] ?? '', 'journal.jsonl'), 'utf8');
    const before = journal();

    const status = await cliIn(['status', demo], { env });
    expect(status.out.trim()).toBe('no run of demo yet');
    const resumed = await cliIn(['resume', demo, '--yes'], { env, timeoutMs: 20_000 });
    expect(resumed.code, resumed.out).toBe(64);
    expect(resumed.out).toMatch(/no run of demo found/);
    const aborted = await cliIn(['abort', demo], { env, timeoutMs: 20_000 });
    expect(aborted.code, aborted.out).toBe(64);
    expect(aborted.out).toMatch(/no unfinished run of demo; nothing to abort/);
    expect(journal()).toBe(before);
    expect(await weightsOn(haproxy)).toEqual({ stable: 70, candidate: 30 });

    expect((await cliIn(['status', alias], { env })).out).toMatch(/^demo-alias: interrupted/);
    const abortedAlias = await cliIn(['abort', alias], { env });
    expect(abortedAlias.code, abortedAlias.out).toBe(4);
    expect(await weightsOn(haproxy)).toEqual({ stable: 100, candidate: 0 });
  });
});
