import { afterAll, describe, expect, it } from 'vitest';
import { stopNginx } from '../../src/adapters/nginx/stop';
import { httpGet } from '../../src/adapters/process/httpGet';
import { childPids, isRunning } from '../../src/adapters/procfs';
import { freePortRange } from './support/ports';
import { Processes } from './support/processes';
import { startNginx } from './support/targets';

const processes = new Processes();
afterAll(() => processes.stopAll());

async function answers(url: string): Promise<boolean> {
  return (await httpGet(url, 500)).ok;
}

describe('stopping nginx', () => {
  it('should leave nothing listening on its port and no worker when the suite stops it', async () => {
    const suite = new Processes();
    const base = await freePortRange(1);
    await suite.demo(base, 'v1');
    const nginx = await startNginx(suite, base);
    const workers = childPids(nginx.master);
    expect(workers.length).toBeGreaterThan(0);

    await suite.stopAll();

    expect(await answers(nginx.url), `nginx's port ${nginx.port} still answers`).toBe(false);
    expect(workers.filter(isRunning), 'nginx workers still running').toEqual([]);
  });

  it('should answer a request in flight before it stops (SIGQUIT first)', async () => {
    const base = await freePortRange(1);
    await processes.demo(base, 'v1', ['--latency-ms', '1500']);
    const nginx = await startNginx(processes, base);
    const inFlight = httpGet(nginx.url, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const stopped = await stopNginx(nginx.master, { quitMs: 5000, termMs: 1000 });

    expect(stopped).toEqual({ ok: true, how: 'quit' });
    const reply = await inFlight;
    expect(reply.ok && reply.value.status).toBe(200);
    expect(reply.ok && reply.value.body).toBe('v1\n');
    expect(await answers(nginx.url)).toBe(false);
  });

  it('should kill a master that answers no signal, and its workers with it', async () => {
    const base = await freePortRange(1);
    await processes.demo(base, 'v1');
    const nginx = await startNginx(processes, base);
    const workers = childPids(nginx.master);
    // A stopped process takes no SIGQUIT or SIGTERM: only SIGKILL ends it.
    process.kill(nginx.master, 'SIGSTOP');

    const stopped = await stopNginx(nginx.master, { quitMs: 300, termMs: 300 });

    expect(stopped).toEqual({ ok: true, how: 'kill' });
    expect(workers.filter(isRunning)).toEqual([]);
    expect(await answers(nginx.url)).toBe(false);
  });
});
