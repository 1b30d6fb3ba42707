// `npm run bench:runs`: figures of real runs on this machine, loopback only, bounded load.
// Goals (issue 6): HAProxy weight change visible ≤ 20 ms; nginx switch ≤ 250 ms; detection to
// traffic restored ≤ 5 s with a 1 s scrape; failed requests per 20 switches under 200 rps: 0.
import { performance } from 'node:perf_hooks';
import { haproxyRouter } from '../src/adapters/haproxy/router';
import { execArgv } from '../src/adapters/command/exec';
import { nginxRouter } from '../src/adapters/nginx/router';
import type { RouterPort } from '../src/domain/ports';
import { executeRun } from '../src/runner/execute';
import { journalOf } from '../src/runner/runs';
import { resultTime, timeOf } from '../test/integration/support/journal';
import { startLoad } from '../test/integration/support/loadClient';
import { errorRateGate, writePlan } from '../test/integration/support/plans';
import { freePortRange } from '../test/integration/support/ports';
import { Processes } from '../test/integration/support/processes';
import { startHaproxy, startNginx, startPrometheus, waitForScrape } from '../test/integration/support/targets';
import { loadLine, summary, timedSwitch, verdict } from './runsProbe';

const SWITCHES = 20;
const processes = new Processes();

async function switches(name: string, router: RouterPort, url: string, goalMs: number, retryOnce: boolean): Promise<void> {
  const visible: number[] = [];
  const calls: number[] = [];
  // One untimed round trip first: the first call pays for connections and lookups once.
  await timedSwitch(router, { stable: 0, candidate: 100 }, url, 'v2');
  await timedSwitch(router, { stable: 100, candidate: 0 }, url, 'v1');
  const load = startLoad(url, { rps: 200, retryOnce });
  for (let i = 0; i < SWITCHES; i++) {
    const toCandidate = i % 2 === 0;
    const timing = await timedSwitch(router, toCandidate ? { stable: 0, candidate: 100 } : { stable: 100, candidate: 0 }, url, toCandidate ? 'v2' : 'v1');
    visible.push(timing.visibleMs);
    calls.push(timing.callMs);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seen = await load.stop();
  const worst = Math.max(...visible);
  console.log(`${name} switch visible: ${summary(visible)}  goal ≤ ${goalMs} ms: ${verdict(worst <= goalMs)}`);
  console.log(`${name} router call:    ${summary(calls)}`);
  console.log(`${name} ${SWITCHES} switches under 200 rps${retryOnce ? ' (client retries once)' : ''}: ${loadLine(seen)}  goal 0: ${verdict(seen.failed === 0)}`);
}

async function nginxBreakdown(prefix: string): Promise<void> {
  const tests: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await execArgv(['nginx', '-p', prefix, '-c', 'conf/nginx.conf', '-e', `${prefix}/logs/error.log`, '-t', '-q'], { timeoutMs: 5000 });
    tests.push(performance.now() - started);
  }
  console.log(`nginx -t alone:        ${summary(tests)} (the rest of a switch is SIGHUP and new workers taking over)`);
}

async function main(): Promise<void> {
  const base = await freePortRange(12);
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
  await Promise.all([processes.demo(base, 'v1'), processes.demo(base + 1, 'v2'), processes.demo(base + 4, 'v1')]);
  const prometheus = await startPrometheus(processes, [base + 4, base + 5]);

  const haproxy = await startHaproxy(processes, base, base + 1);
  const target = { socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: 0, timeout: 5000 };
  const hRouter = haproxyRouter(target);
  const added = await hRouter.addMember?.({ id: 'candidate-0', role: 'candidate', host: '127.0.0.1', port: base + 1 });
  if (added && !added.ok) throw new Error(added.error);
  await switches('HAProxy', hRouter, haproxy.url, 20, false);

  const nginx = await startNginx(processes, base);
  const nRouter = nginxRouter({ prefix: nginx.prefix, upstreamFile: nginx.upstreamFile, config: 'conf/nginx.conf', upstream: 'app', stableServers: [], candidateServers: [], timeout: 10_000 });
  const nAdded = await nRouter.addMember?.({ id: 'candidate-0', role: 'candidate', host: '127.0.0.1', port: base + 1 });
  if (nAdded && !nAdded.ok) throw new Error(nAdded.error);
  await switches('nginx', nRouter, nginx.url, 250, true);
  await nginxBreakdown(nginx.prefix);

  // Detection to restore: a bad canary on HAProxy, gated by Prometheus with a 1 s scrape.
  const bad = await startHaproxy(processes, base + 4, base + 5);
  await waitForScrape(prometheus, base + 4);
  const { file, plan } = writePlan(processes.tempDir('plans'), 'bench-bad', {
    strategy: { canary: { steps: [{ setWeight: 20 }, { analysis: { templates: ['error-rate'] } }, { setWeight: 50 }] } },
    analysis: [errorRateGate(prometheus.address, 8)],
    router: { haproxy: { socket: bad.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: '300ms' } },
    candidateBasePort: base + 5,
    stablePort: base + 4,
    bad: true,
  });
  const load = startLoad(bad.url, { rps: 200 });
  const report = await executeRun({ planFile: file, plan, log: () => undefined });
  const seen = await load.stop();
  const entries = journalOf(report.runDir ?? '');
  const exposed = resultTime(entries, /traffic 20% → candidate/);
  const failed = entries.find((entry) => entry.kind === 'gate.measure' && entry.data.phase === 'failed');
  const restored = resultTime(entries, /traffic 100% → stable/, failed ? timeOf(failed) : 0);
  if (report.outcome !== 'rolledBack' || exposed === null || !failed || restored === null) throw new Error(`the bad canary ended ${report.outcome}: ${report.reason}`);
  const total = restored - exposed;
  console.log(`bad version (1 s scrape, 1 s gate interval): failing gate to traffic restored ${restored - timeOf(failed)} ms; first bad request to restored ${total} ms  goal ≤ 5000 ms: ${verdict(total <= 5000)}`);
  console.log(`  during it: ${loadLine(seen)}, ${seen.appErrors} answers were the bad version's own 500s`);
}

main()
  .catch((error: unknown) => {
    console.error(`bench:runs failed: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => processes.stopAll());
