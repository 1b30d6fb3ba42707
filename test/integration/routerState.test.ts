import type { ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haproxyRouter } from '../../src/adapters/haproxy/router';
import { httpGet } from '../../src/adapters/process/httpGet';
import { findRun } from '../../src/runner/control';
import { executeRun } from '../../src/runner/execute';
import { haproxyConfig } from '../../src/runner/playground/files';
import { cli, startCli, waitWithOutput } from './support/cli';
import { writePlan } from './support/plans';
import { freePort, freePortRange, waitFor } from './support/ports';
import { Processes } from './support/processes';

const processes = new Processes();
let base: number;

beforeAll(async () => {
  base = await freePortRange(12);
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
});
afterAll(() => processes.stopAll());

/** A private HAProxy as the playground configures it, that can be reloaded (master-worker, SIGUSR2), killed and started again. */
interface Haproxy {
  socket: string;
  stateFile: string | undefined;
  url: string;
  start(): Promise<void>;
  reload(): Promise<void>;
  kill(): Promise<void>;
}

async function haproxy(stablePort: number, candidatePort: number, options: { stateFile: boolean; abRoutes?: boolean }): Promise<Haproxy> {
  const dir = processes.tempDir('haproxy');
  const port = await freePort();
  const socket = join(dir, 'admin.sock');
  const stateFile = options.stateFile ? join(dir, 'haproxy.state') : undefined;
  const config = join(dir, 'haproxy.cfg');
  const header = { name: 'x-variant', map: join(dir, 'switchyard-header-x-variant.map') };
  const cookie = { name: 'variant', map: join(dir, 'switchyard-cookie-variant.map') };
  for (const map of [header.map, cookie.map]) writeFileSync(map, '');
  const abRoutes = options.abRoutes ? { abRoutes: { backend: 'app_candidate', header, cookie } } : {};
  writeFileSync(config, haproxyConfig({ socket, listenPort: port, stablePorts: [stablePort], candidatePort, ...abRoutes, ...(stateFile ? { stateFile } : {}) }));
  const url = `http://127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;
  let loads = 0;
  const answering = (): Promise<void> => waitFor(async () => (await httpGet(url, 500)).ok, 5000, 'haproxy to answer');
  const instance: Haproxy = {
    socket,
    stateFile,
    url,
    start: async () => {
      loads = 0;
      child = processes.start('haproxy', ['-W', '-f', config, '-db']);
      child.stderr?.on('data', (chunk: Buffer) => (loads += chunk.toString().split('Loading success').length - 1));
      await waitFor(() => loads > 0 && existsSync(socket), 5000, 'haproxy to load its config');
      await answering();
    },
    reload: async () => {
      const before = loads;
      child?.kill('SIGUSR2');
      await waitFor(() => loads > before, 5000, 'haproxy to reload');
      await answering();
    },
    kill: async () => {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((done) => running.once('exit', done));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await instance.start();
  return instance;
}

function target(router: Haproxy): Record<string, unknown> {
  return { haproxy: { socket: router.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: '300ms', timeout: '2s', ...(router.stateFile ? { stateFile: router.stateFile } : {}) } };
}

/** Versions that answered `count` requests through the router, one after another, as a user sees them. */
async function versionsSeen(url: string, count = 40): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const reply = await httpGet(url, 1000);
    const version = reply.ok ? reply.value.body.trim() : `error (${reply.error})`;
    seen[version] = (seen[version] ?? 0) + 1;
  }
  return seen;
}

/** The version that answers one request with these headers. */
function versionFor(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { headers, agent: false, timeout: 1000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body.trim()));
    });
    req.on('error', (error) => resolve(`error (${error.message})`));
    req.end();
  });
}

const candidateUp = async (port: number): Promise<boolean> => (await httpGet(`http://127.0.0.1:${port}/healthz`, 500)).ok;

describe('routing that survives HAProxy itself', () => {
  it('should keep serving the promoted version after HAProxy is reloaded from its config', async () => {
    await processes.demo(base, 'v1');
    const router = await haproxy(base, base + 1, { stateFile: true });
    const { file, plan } = writePlan(processes.tempDir('plans'), 'reload', {
      strategy: { canary: { steps: [{ setWeight: 50 }, { pause: { duration: '500ms' } }] } },
      router: target(router),
      candidateBasePort: base + 1,
      stablePort: base,
    });
    const report = await executeRun({ planFile: file, plan, log: () => undefined });
    expect(report.outcome, report.reason).toBe('promoted');
    expect(await versionsSeen(router.url)).toEqual({ v2: 40 });

    await router.reload();
    expect(await versionsSeen(router.url)).toEqual({ v2: 40 });
    const status = await cli(['status', file]);
    expect(status.out).toMatch(/router agrees: HAProxy serves candidate 100%, as the journal says/);
  });

  it('should say in status that the router disagrees when a reload lost the routing (no state file)', async () => {
    await processes.demo(base + 3, 'v1');
    const router = await haproxy(base + 3, base + 4, { stateFile: false });
    const { file, plan } = writePlan(processes.tempDir('plans'), 'forgetful', {
      strategy: { canary: { steps: [{ setWeight: 50 }, { pause: { duration: '500ms' } }] } },
      router: target(router),
      candidateBasePort: base + 4,
      stablePort: base + 3,
    });
    const report = await executeRun({ planFile: file, plan, log: () => undefined });
    expect(report.outcome, report.reason).toBe('promoted');

    await router.reload();
    expect(await versionsSeen(router.url)).toEqual({ v1: 40 });
    const status = await cli(['status', file]);
    expect(status.out).toMatch(/promoted/);
    expect(status.out).toMatch(/router disagrees: journal says candidate 100%, HAProxy serves stable 100%/);
    const json = JSON.parse((await cli(['status', file, '--json'])).out) as { router: { agrees: boolean; journal: unknown; router: unknown } };
    expect(json.router).toMatchObject({ agrees: false, journal: { stable: 0, candidate: 100 }, router: { stable: 100, candidate: 0 } });
  });

  it('should keep header routes and the A/B backend through a reload', async () => {
    await processes.demo(base + 9, 'v1');
    await processes.demo(base + 10, 'v2');
    const router = await haproxy(base + 9, base + 10, { stateFile: true, abRoutes: true });
    const port = haproxyRouter({ socket: router.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: 0, timeout: 2000, stateFile: router.stateFile });
    expect(await port.addMember?.({ id: 'candidate-0', role: 'candidate', host: '127.0.0.1', port: base + 10 })).toEqual({ ok: true, value: undefined });
    expect(await port.setHeaderRoutes?.([{ headers: { 'x-variant': { exact: 'b' } } }])).toEqual({ ok: true, value: undefined });
    expect(await versionFor(router.url, { 'x-variant': 'b' })).toBe('v2');

    await router.reload();
    expect(await versionFor(router.url, { 'x-variant': 'b' })).toBe('v2');
    expect(await versionFor(router.url, { 'x-variant': 'a' })).toBe('v1');
    expect(await versionsSeen(router.url, 20)).toEqual({ v1: 20 });
  });

  it('should finish a run the router died under: abort refuses while it is down, then restores stable and stops the candidate', async () => {
    await processes.demo(base + 6, 'v1');
    const router = await haproxy(base + 6, base + 7, { stateFile: true });
    const { file, plan } = writePlan(processes.tempDir('plans'), 'router-dies', {
      strategy: { canary: { steps: [{ setWeight: 30 }, { pause: { duration: '2s' } }, { setWeight: 60 }, { pause: { duration: '1s' } }] } },
      router: target(router),
      candidateBasePort: base + 7,
      stablePort: base + 6,
    });
    const previous = findRun(file, plan.service)?.runDir;
    const run = startCli(['run', file, '--yes']);
    const pausing = (): boolean => {
      const info = findRun(file, plan.service);
      return info !== undefined && info.runDir !== previous && info.entries.some((entry) => entry.kind === 'machine.state' && entry.data.state.includes('pausing'));
    };
    await waitWithOutput(run, pausing, 30_000, 'the run to reach its first pause');
    await router.kill();
    expect(await run.exited, run.output()).toBe(5);
    expect(run.output()).toMatch(/failed: .*switchyard abort/);
    expect(await candidateUp(base + 7), 'the candidate outlives the failed run').toBe(true);

    // Router still down: abort says so, fails, and leaves the candidate (traffic may come back to it).
    const early = await cli(['abort', file]);
    expect(early.code, early.out).toBe(5);
    expect(early.out).toMatch(/the router still cannot take the rollback \(cannot reach HAProxy runtime API.*\); the candidate keeps running/);
    expect(await candidateUp(base + 7)).toBe(true);
    const resumed = await cli(['resume', file, '--yes']);
    expect(resumed.code).toBe(64);
    expect(resumed.out).toMatch(/failed before its rollback completed; `switchyard abort .*` finishes it/);
    // Nobody else may take the router meanwhile.
    const other = await cli(['run', file, '--yes']);
    expect(other.code, other.out).toBe(8);
    expect(other.out).toMatch(/is locked/);

    // Back from its config and state file: the 30% the run set is what HAProxy serves again.
    await router.start();
    const back = await versionsSeen(router.url, 60);
    expect(back.v2, JSON.stringify(back)).toBeGreaterThan(0);
    const aborted = await cli(['abort', file]);
    expect(aborted.code, aborted.out).toBe(4);
    expect(aborted.out).toMatch(/aborted: aborted after the run failed: all traffic back on stable/);
    expect(await versionsSeen(router.url)).toEqual({ v1: 40 });
    expect(await candidateUp(base + 7), 'the candidate is stopped').toBe(false);
    const routing = await haproxyRouter({ socket: router.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: 0, timeout: 2000 }).snapshot();
    expect(routing.ok && routing.value.weights).toEqual({ stable: 100, candidate: 0 });
    const status = await cli(['status', file]);
    expect(status.out).toMatch(/demo: ended \(aborted\)/);
    expect(status.out).toMatch(/router agrees: HAProxy serves stable 100%/);
    // Finished: a second abort has nothing left to do.
    expect((await cli(['abort', file])).code).toBe(64);
  });
});
