import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haproxyRouter } from '../../src/adapters/haproxy/router';
import { executeRun } from '../../src/runner/execute';
import { journalOf } from '../../src/runner/runs';
import { resultTime, timeOf } from './support/journal';
import { firstSeen, underLoad } from './support/loadClient';
import { errorRateGate, writePlan } from './support/plans';
import { freePortRange } from './support/ports';
import { Processes } from './support/processes';
import { startHaproxy, startPrometheus, waitForScrape, type PrometheusInstance } from './support/targets';

const processes = new Processes();
let prometheus: PrometheusInstance;
let base: number;
let dir: string;
const lines: string[] = [];
const log = (line: string): void => void lines.push(line);

/** Ports: stable i at base+i, candidates of test i at base+10+i*2. Prometheus scrapes all of them. */
const stablePort = (test: number): number => base + test;
const candidatePort = (test: number): number => base + 10 + test * 2;

beforeAll(async () => {
  base = await freePortRange(20);
  dir = processes.tempDir('plans');
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
  const ports = Array.from({ length: 4 }, (_, test) => [stablePort(test), candidatePort(test)]).flat();
  prometheus = await startPrometheus(processes, ports);
});

afterAll(async () => {
  await processes.stopAll();
});

function haproxyTarget(socket: string): Record<string, unknown> {
  return { haproxy: { socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: '500ms' } };
}

describe('releases on HAProxy', () => {
  it('should walk canary steps and promote with no failed request', async () => {
    await processes.demo(stablePort(0), 'v1');
    const haproxy = await startHaproxy(processes, stablePort(0), candidatePort(0));
    const { file, plan } = writePlan(dir, 'canary-good', {
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: { duration: '1s' } }, { setWeight: 50 }, { pause: { duration: '1s' } }] } },
      router: haproxyTarget(haproxy.socket),
      candidateBasePort: candidatePort(0),
      stablePort: stablePort(0),
    });
    const { result: report, seen, startedAt: loadStart } = await underLoad(haproxy.url, { rps: 150 }, () => executeRun({ planFile: file, plan, log }), 500);

    expect(report.outcome, lines.join('\n')).toBe('promoted');
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    expect(seen.byVersion.v2).toBeGreaterThan(50);
    const entries = journalOf(report.runDir ?? '');
    const switched = resultTime(entries, /traffic 20% → candidate/);
    expect(switched).not.toBeNull();
    const visibleAfter = firstSeen(seen, 'v2', (switched ?? 0) - loadStart);
    console.log(`haproxy canary: ${seen.sent} requests, ${seen.failed} failed; 20% visible ${visibleAfter} ms after the weight change`);
    // The last answers all come from the candidate: it is promoted and the stable has no weight.
    expect(seen.timeline.slice(-20).every(([, version]) => version === 'v2')).toBe(true);
  });

  it('should switch blue-green with no failed request', async () => {
    await processes.demo(stablePort(1), 'v1');
    const haproxy = await startHaproxy(processes, stablePort(1), candidatePort(1));
    const { file, plan } = writePlan(dir, 'blue-green', {
      strategy: { blueGreen: { scaleDownDelaySeconds: 1 } },
      router: haproxyTarget(haproxy.socket),
      candidateBasePort: candidatePort(1),
      stablePort: stablePort(1),
    });
    const { result: report, seen } = await underLoad(haproxy.url, { rps: 150 }, () => executeRun({ planFile: file, plan, log }), 300);
    expect(report.outcome, lines.join('\n')).toBe('promoted');
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    expect(seen.timeline.slice(-20).every(([, version]) => version === 'v2')).toBe(true);
    console.log(`haproxy blue-green: ${seen.sent} requests, ${seen.failed} failed`);
  });

  it('should roll a bad version back when its Prometheus gate fails', async () => {
    await processes.demo(stablePort(2), 'v1');
    const haproxy = await startHaproxy(processes, stablePort(2), candidatePort(2));
    await waitForScrape(prometheus, stablePort(2));
    const { file, plan } = writePlan(dir, 'canary-bad', {
      strategy: { canary: { steps: [{ setWeight: 20 }, { analysis: { templates: ['error-rate'] } }, { setWeight: 50 }] } },
      analysis: [errorRateGate(prometheus.address)],
      router: haproxyTarget(haproxy.socket),
      candidateBasePort: candidatePort(2),
      stablePort: stablePort(2),
      bad: true,
    });
    const { result: report, seen } = await underLoad(haproxy.url, { rps: 150 }, () => executeRun({ planFile: file, plan, log }), 500);

    expect(report.outcome, lines.join('\n')).toBe('rolledBack');
    expect(report.reason).toMatch(/error-rate/);
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    expect(seen.appErrors).toBeGreaterThan(0);
    expect(seen.timeline.slice(-20).every(([, version]) => version === 'v1')).toBe(true);
    const routing = await haproxyRouter({ socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: 0, timeout: 2000 }).snapshot();
    expect(routing.ok && routing.value.weights).toEqual({ stable: 100, candidate: 0 });

    const entries = journalOf(report.runDir ?? '');
    const failed = entries.find((entry) => entry.kind === 'gate.measure' && entry.data.phase === 'failed');
    const restored = resultTime(entries, /traffic 100% → stable/, failed ? timeOf(failed) : 0);
    expect(failed && restored).toBeTruthy();
    console.log(`haproxy bad version: detection to traffic restored ${(restored ?? 0) - (failed ? timeOf(failed) : 0)} ms; ${seen.appErrors} app errors, ${seen.failed} failed`);
  });
});
