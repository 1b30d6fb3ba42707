import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRun } from '../../src/runner/execute';
import { journalOf } from '../../src/runner/runs';
import { actions, timeOf } from './support/journal';
import { startLoad, type LoadReport } from './support/loadClient';
import { writePlan } from './support/plans';
import { freePortRange } from './support/ports';
import { Processes } from './support/processes';
import { startHaproxy, startNginx } from './support/targets';

const processes = new Processes();
let base: number;
const lines: string[] = [];
const log = (line: string): void => void lines.push(line);

beforeAll(async () => {
  base = await freePortRange(12);
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
});
afterAll(() => processes.stopAll());

const AB = { abTest: { match: [{ headers: { 'x-variant': { exact: 'b' } } }, { cookie: { variant: { exact: 'b' } } }], iterations: 2, interval: '1s' } };

/** Versions a client saw between two wall times (ms since epoch), given when it started. */
function seenBetween(report: LoadReport, started: number, from: number, to: number): Set<string> {
  return new Set(report.timeline.filter(([at]) => started + at >= from && started + at <= to).map(([, version]) => version));
}

/** When the header route was in effect, and when promotion started to move traffic, from the journal. */
function window(runDir: string | null): { routed: number; promoting: number } {
  const all = actions(journalOf(runDir ?? ''));
  const routed = all.find((action) => /header route → candidate/.test(action.description))?.results[0];
  const promoting = all.find((action) => /traffic 100% → candidate/.test(action.description));
  const intent = journalOf(runDir ?? '').find((entry) => entry.kind === 'action.intent' && entry.data.id === promoting?.id);
  return { routed: routed ? timeOf(routed) : Number.NaN, promoting: intent ? timeOf(intent) : Number.NaN };
}

async function abTest(router: Record<string, unknown>, url: string, ports: { stable: number; candidate: number }, retryOnce: boolean): Promise<void> {
  const { file, plan } = writePlan(processes.tempDir('plans'), 'ab', { strategy: AB, router, candidateBasePort: ports.candidate, stablePort: ports.stable });
  const started = Date.now();
  const users = startLoad(url, { rps: 80, retryOnce });
  const testers = startLoad(url, { rps: 40, retryOnce, headers: { 'x-variant': 'b' } });
  const cookies = startLoad(url, { rps: 20, retryOnce, headers: { cookie: 'variant=b' } });
  const report = await executeRun({ planFile: file, plan, log });
  const [seenUsers, seenTesters, seenCookies] = await Promise.all([users.stop(), testers.stop(), cookies.stop()]);
  expect(report.outcome, lines.join('\n')).toBe('promoted');
  const { routed, promoting } = window(report.runDir);
  expect(routed < promoting, `route at ${routed}, promotion at ${promoting}`).toBe(true);
  // While the test ran: users only on stable, matching requests only on the candidate.
  expect([...seenBetween(seenUsers, started, started, promoting)]).toEqual(['v1']);
  expect([...seenBetween(seenTesters, started, routed + 50, promoting)]).toEqual(['v2']);
  expect([...seenBetween(seenCookies, started, routed + 50, promoting)]).toEqual(['v2']);
  for (const seen of [seenUsers, seenTesters, seenCookies]) expect(seen.failed, seen.failures.join(', ')).toBe(0);
  console.log(`A/B: ${seenUsers.sent + seenTesters.sent + seenCookies.sent} requests, 0 failed; header route held ${promoting - routed} ms`);
}

describe('header routes and mirroring', () => {
  it('should route header- and cookie-matching requests to the candidate on HAProxy (runtime maps, no reload)', async () => {
    await processes.demo(base, 'v1');
    // The A/B backend named in the plan rather than the default `<backend>_candidate`.
    const haproxy = await startHaproxy(processes, base, base + 2, { abRoutes: true, abBackend: 'variant_b' });
    const router = { haproxy: { socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', candidateBackend: 'variant_b', drainTime: '300ms' } };
    await abTest(router, haproxy.url, { stable: base, candidate: base + 2 }, false);
  });

  it('should route header- and cookie-matching requests to the candidate on nginx (map + reload)', async () => {
    await processes.demo(base + 4, 'v1');
    const nginx = await startNginx(processes, base + 4);
    await abTest({ nginx: { prefix: nginx.prefix, upstreamFile: nginx.upstreamFile } }, nginx.url, { stable: base + 4, candidate: base + 6 }, true);
  });

  it('should mirror traffic to a shadow on nginx while users see only stable answers', async () => {
    await processes.demo(base + 8, 'v1');
    const nginx = await startNginx(processes, base + 8);
    const { file, plan } = writePlan(processes.tempDir('plans'), 'shadow', {
      strategy: { shadow: { mirrorPercent: 100, iterations: 2, interval: '1s' } },
      router: { nginx: { prefix: nginx.prefix, upstreamFile: nginx.upstreamFile } },
      candidateBasePort: base + 10,
      stablePort: base + 8,
    });
    const started = Date.now();
    const users = startLoad(nginx.url, { rps: 100, retryOnce: true });
    const report = await executeRun({ planFile: file, plan, log });
    const seen = await users.stop();
    expect(report.outcome, lines.join('\n')).toBe('promoted');
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    const entries = journalOf(report.runDir ?? '');
    const mirrored = actions(entries).find((action) => /mirror 100% → candidate/.test(action.description))?.results[0];
    const promoting = entries.find((entry) => entry.kind === 'action.intent' && /traffic 100% → candidate/.test(entry.data.description));
    expect(mirrored && promoting, lines.join('\n')).toBeTruthy();
    // Users saw v1 only until promotion, although the candidate was serving the mirrored copies.
    expect([...seenBetween(seen, started, started, promoting ? timeOf(promoting) : 0)]).toEqual(['v1']);
    const metrics = await fetch(`http://127.0.0.1:${base + 10}/metrics`).then((reply) => reply.text());
    const copies = Number(/http_requests_total\{code="200",version="v2"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    expect(copies, metrics).toBeGreaterThan(50);
    console.log(`shadow: ${seen.sent} user requests (0 failed, ${seen.retried} retried), ${copies} served by the candidate in all`);
  });
});
