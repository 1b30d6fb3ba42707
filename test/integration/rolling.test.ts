import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haproxyRouter } from '../../src/adapters/haproxy/router';
import { executeRun } from '../../src/runner/execute';
import { journalOf } from '../../src/runner/runs';
import { actions } from './support/journal';
import { underLoad } from './support/loadClient';
import { writePlan } from './support/plans';
import { freePortRange } from './support/ports';
import { Processes } from './support/processes';
import { startHaproxy, startNginx } from './support/targets';

const processes = new Processes();
let base: number;
const lines: string[] = [];
const log = (line: string): void => void lines.push(line);

beforeAll(async () => {
  base = await freePortRange(16);
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
});
afterAll(() => processes.stopAll());

const ROLLING = { rolling: { maxSurge: 1, maxUnavailable: 0 } };

async function stableFleet(first: number): Promise<number[]> {
  const ports = [first, first + 1, first + 2];
  await Promise.all(ports.map((port) => processes.demo(port, 'v1')));
  return ports;
}

describe('rolling updates with several instances per role', () => {
  it('should replace three instances on HAProxy (add server, drain, maint, del server) with no failed request', async () => {
    const stable = await stableFleet(base);
    const haproxy = await startHaproxy(processes, stable, base + 4);
    const { file, plan } = writePlan(processes.tempDir('plans'), 'rolling-haproxy', {
      strategy: ROLLING,
      router: { haproxy: { socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: '300ms' } },
      candidateBasePort: base + 4,
      stablePort: base,
      stablePorts: stable,
      replicas: 3,
    });
    const { result: report, seen } = await underLoad(haproxy.url, { rps: 150 }, () => executeRun({ planFile: file, plan, log }), 300);
    expect(report.outcome, lines.join('\n')).toBe('promoted');
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    expect(seen.timeline.slice(-20).every(([, version]) => version === 'v2')).toBe(true);
    const routing = await haproxyRouter({ socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: 0, timeout: 2000 }).snapshot();
    expect(routing.ok && routing.value.weights).toEqual({ stable: 0, candidate: 100 });
    const scaled = actions(journalOf(report.runDir ?? '')).filter((action) => /^scale /.test(action.description)).map((action) => action.description);
    expect(scaled.length, scaled.join('\n')).toBeGreaterThanOrEqual(4);
    console.log(`haproxy rolling 3→3: ${seen.sent} requests, ${seen.failed} failed; ${scaled.join('; ')}`);
  });

  it('should replace three instances on nginx with no failed request for a client that retries once', async () => {
    const stable = await stableFleet(base + 8);
    const nginx = await startNginx(processes, stable);
    const { file, plan } = writePlan(processes.tempDir('plans'), 'rolling-nginx', {
      strategy: ROLLING,
      router: { nginx: { prefix: nginx.prefix, upstreamFile: nginx.upstreamFile } },
      candidateBasePort: base + 12,
      stablePort: base + 8,
      stablePorts: stable,
      replicas: 3,
    });
    const { result: report, seen } = await underLoad(nginx.url, { rps: 150, retryOnce: true }, () => executeRun({ planFile: file, plan, log }), 300);
    expect(report.outcome, lines.join('\n')).toBe('promoted');
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    expect(seen.timeline.slice(-20).every(([, version]) => version === 'v2')).toBe(true);
    console.log(`nginx rolling 3→3: ${seen.sent} requests, ${seen.failed} failed, ${seen.retried} retried`);
  });
});
