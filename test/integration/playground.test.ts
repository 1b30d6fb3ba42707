import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from '../../src/adapters/process/httpGet';
import { childPids, isAlive, isRunning } from '../../src/adapters/procfs';
import { playgroundPorts } from '../../src/runner/playground/files';
import { journalOf } from '../../src/runner/runs';
import { cli, startCli, waitWithOutput, type Running } from './support/cli';
import { startLoad } from './support/loadClient';
import { freePortRange, waitFor } from './support/ports';
import { Processes } from './support/processes';
import { waitForScrape } from './support/targets';

const processes = new Processes();
const playgrounds: Running[] = [];

beforeAll(() => {
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
});
afterAll(async () => {
  await Promise.all(playgrounds.map(stopIfRunning));
  await processes.stopAll();
});

function startPlayground(args: string[], env?: NodeJS.ProcessEnv): Running {
  const running = startCli(['playground', ...args], env);
  playgrounds.push(running);
  return running;
}

/** A test that failed half way leaves its playground running: stopped as a user would, so it stops what it started. */
async function stopIfRunning(running: Running): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 15_000);
  await running.exited;
  clearTimeout(timer);
}

/** Every process under `pid`: the playground's servers and what they started (nginx's workers). */
function descendantsOf(pid: number): number[] {
  return childPids(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}

/** The pids the runs of the playground's plans journaled for the instances they put in service. */
function journaledPids(dir: string): number[] {
  const runs = join(dir, '.switchyard', 'runs');
  return readdirSync(runs).flatMap((run) => journalOf(join(runs, run)).flatMap((entry) => (entry.kind === 'instance.started' && entry.data.member.pid !== undefined ? [entry.data.member.pid] : [])));
}

async function answers(port: number): Promise<boolean> {
  return (await httpGet(`http://127.0.0.1:${port}/healthz`, 500)).ok;
}

describe('switchyard playground', () => {
  it('should start, roll the bad canary back, and stop leaving no process behind', async () => {
    const base = await freePortRange(100);
    const ports = playgroundPorts(base);
    const dir = processes.tempDir('playground');
    const running = startPlayground(['--dir', dir, '--port', String(base)]);
    const frontend = `http://127.0.0.1:${ports.frontend}/`;
    await waitWithOutput(running, async () => (await httpGet(frontend, 500)).ok, 20_000, 'the playground frontend');
    const started = childPids(running.child.pid ?? 0);
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
    const running = startPlayground(['--dir', dir, '--port', String(base), '--router', 'nginx']);
    const frontend = `http://127.0.0.1:${ports.frontend}/`;
    await waitWithOutput(running, () => existsSync(join(dir, 'playground.json')), 30_000, 'the nginx playground to say it is ready');
    expect(running.output()).toMatch(/service \(nginx\)/);
    const started = descendantsOf(running.child.pid ?? 0);
    // demo v1, Prometheus, nginx's master and its worker.
    expect(started.length, running.output()).toBe(4);

    const load = startLoad(frontend, { rps: 50, retryOnce: true });
    const shadow = await cli(['run', join(dir, 'shadow-bad.release.yaml'), '--yes']);
    const seen = await load.stop();
    expect(shadow.code, `${shadow.out}\nplayground:\n${running.output()}`).toBe(3);
    expect(shadow.out).toMatch(/rolledBack: .*error-rate/);
    // Mirrored: v2-bad answered copies, users only ever heard from v1.
    expect(Object.keys(seen.byVersion)).toEqual(['v1']);
    expect(seen.appErrors).toBe(0);
    expect(seen.failed, seen.failures.join(', ')).toBe(0);

    // Its terminal closed.
    running.child.kill('SIGHUP');
    expect(await running.exited, running.output()).toBe(0);
    expect(existsSync(join(dir, 'playground.json'))).toBe(false);
    expect(started.filter(isRunning), `the playground's processes (nginx's worker included) still running after it stopped:\n${running.output()}`).toEqual([]);
    for (const port of [ports.frontend, ports.stable, ports.prometheus]) expect(await answers(port), `port ${port}`).toBe(false);
  });

  it("should promote the good plans for real and in simulation alike: the blue-green's gate judges green once it serves, in seconds where its query returns seconds", async () => {
    const base = await freePortRange(100);
    const ports = playgroundPorts(base);
    const dir = processes.tempDir('playground-good');
    const running = startPlayground(['--dir', dir, '--port', String(base)]);
    await waitWithOutput(running, () => existsSync(join(dir, 'playground.json')), 30_000, 'the playground to say it is ready');
    for (const plan of ['blue-green', 'canary']) {
      const simulated = await cli(['simulate', join(dir, `${plan}.release.yaml`), '--expect', 'promoted', '--quiet']);
      expect(simulated.code, `${plan} simulated:\n${simulated.out}`).toBe(0);
    }
    const load = startLoad(`http://127.0.0.1:${ports.frontend}/`, { rps: 50 });
    const blueGreen = await cli(['run', join(dir, 'blue-green.release.yaml'), '--yes']);
    const counts = await load.stop();
    expect(blueGreen.code, `${blueGreen.out}\nplayground:\n${running.output()}`).toBe(0);
    expect(blueGreen.out).toMatch(/error-rate: 4 of 4 measurements successful/);
    expect(counts.failed).toBe(0);
    const served = await httpGet(`http://127.0.0.1:${ports.frontend}/`, 1000);
    expect(served.ok && served.value.body).toBe('v2\n');
    await stopIfRunning(running);
  });

  it('should stop the version a release promoted, with everything else, when the playground stops', async () => {
    const base = await freePortRange(100);
    const ports = playgroundPorts(base);
    const dir = processes.tempDir('playground-promoted');
    // Runs journaled where a user's are: in the playground folder's .switchyard/runs.
    const env = { ...process.env, SWITCHYARD_STATE_DIR: undefined };
    const running = startPlayground(['--dir', dir, '--port', String(base)], env);
    await waitWithOutput(running, () => existsSync(join(dir, 'playground.json')), 30_000, 'the playground to say it is ready');
    const started = descendantsOf(running.child.pid ?? 0);

    // The gates measure the error rate of real traffic.
    const load = startLoad(`http://127.0.0.1:${ports.frontend}/`, { rps: 50 });
    const good = await cli(['run', join(dir, 'canary.release.yaml'), '--yes'], env);
    await load.stop();
    expect(good.code, `${good.out}\nplayground:\n${running.output()}`).toBe(0);
    const promoted = await httpGet(`http://127.0.0.1:${ports.candidate}/`, 1000);
    expect(promoted.ok && promoted.value.body).toBe('v2\n');
    const instances = journaledPids(dir);
    expect(instances.length).toBe(1);

    running.child.kill('SIGTERM');
    expect(await running.exited, running.output()).toBe(0);
    expect(running.output()).toMatch(new RegExp(`stopped candidate-0 \\(pid ${instances[0]}, port ${ports.candidate}\\)`));
    expect([...started, ...instances].filter(isRunning), `still running after the playground stopped:\n${running.output()}`).toEqual([]);
    for (const port of [ports.frontend, ports.stable, ports.candidate, ports.prometheus]) expect(await answers(port), `port ${port}`).toBe(false);
  });
});
