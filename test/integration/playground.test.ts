import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from '../../src/adapters/process/httpGet';
import { isAlive } from '../../src/adapters/process/signals';
import { playgroundPorts } from '../../src/runner/playground/files';
import { cli, startCli, waitWithOutput, type Running } from './support/cli';
import { startLoad } from './support/loadClient';
import { freePortRange, waitFor } from './support/ports';
import { Processes } from './support/processes';
import { waitForScrape } from './support/targets';

const processes = new Processes();
let playground: Running | undefined;

beforeAll(() => {
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
});
afterAll(async () => {
  if (playground?.child.exitCode === null) playground.child.kill('SIGKILL');
  await processes.stopAll();
});

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('switchyard playground', () => {
  it('should start, roll the bad canary back, and stop leaving no process behind', async () => {
    const base = await freePortRange(100);
    const ports = playgroundPorts(base);
    const dir = processes.tempDir('playground');
    const running = startCli(['playground', '--dir', dir, '--port', String(base)]);
    playground = running;
    const frontend = `http://127.0.0.1:${ports.frontend}/`;
    await waitWithOutput(running, async () => (await httpGet(frontend, 500)).ok, 20_000, 'the playground frontend');
    const started = childrenOf(running.child.pid ?? 0);
    expect(started.length, running.output()).toBe(3);
    await waitForScrape({ address: `http://127.0.0.1:${ports.prometheus}` }, ports.stable);

    const load = startLoad(frontend, { rps: 50 });
    const bad = await cli(['run', join(dir, 'canary-bad.release.yaml'), '--yes']);
    const seen = await load.stop();
    expect(bad.code, `${bad.out}\nplayground:\n${running.output()}`).toBe(3);
    expect(bad.out).toMatch(/rolledBack: .*error-rate/);
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    expect(seen.timeline.slice(-10).every(([, version]) => version === 'v1')).toBe(true);
    // The candidate is gone with the rollback.
    expect((await httpGet(`http://127.0.0.1:${ports.candidate}/healthz`, 500)).ok).toBe(false);

    running.child.kill('SIGINT');
    const code = await running.exited;
    expect(code, running.output()).toBe(0);
    expect(running.output()).toMatch(/playground stopped/);
    await waitFor(() => started.every((pid) => !isAlive(pid)), 10_000, `the playground's processes ${started.join(', ')} to exit`);
    for (const port of [ports.frontend, ports.stable, ports.prometheus]) expect((await httpGet(`http://127.0.0.1:${port}/`, 500)).ok, `port ${port}`).toBe(false);
  });
  it('should put nginx in front with --router nginx, and roll back a bad shadow that users never see', async () => {
    const base = await freePortRange(100);
    const ports = playgroundPorts(base);
    const dir = processes.tempDir('playground-nginx');
    const running = startCli(['playground', '--dir', dir, '--port', String(base), '--router', 'nginx']);
    playground = running;
    const frontend = `http://127.0.0.1:${ports.frontend}/`;
    await waitWithOutput(running, () => existsSync(join(dir, 'playground.json')), 30_000, 'the nginx playground to say it is ready');
    expect(running.output()).toMatch(/service \(nginx\)/);
    const started = childrenOf(running.child.pid ?? 0);

    const load = startLoad(frontend, { rps: 50, retryOnce: true });
    const shadow = await cli(['run', join(dir, 'shadow-bad.release.yaml'), '--yes']);
    const seen = await load.stop();
    expect(shadow.code, `${shadow.out}\nplayground:\n${running.output()}`).toBe(3);
    expect(shadow.out).toMatch(/rolledBack: .*error-rate/);
    // Mirrored: v2-bad answered copies, users only ever heard from v1.
    expect(Object.keys(seen.byVersion)).toEqual(['v1']);
    expect(seen.appErrors).toBe(0);
    expect(seen.failed, seen.failures.join(', ')).toBe(0);

    running.child.kill('SIGINT');
    expect(await running.exited, running.output()).toBe(0);
    expect(existsSync(join(dir, 'playground.json'))).toBe(false);
    await waitFor(() => started.every((pid) => !isAlive(pid)), 10_000, `the playground's processes ${started.join(', ')} to exit`);
  });
});
