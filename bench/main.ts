import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../src/domain/plan/parse';
import type { Plan } from '../src/domain/plan/schema';
import { estimateTimeline } from '../src/domain/simulator/estimate';
import { simulate } from '../src/domain/simulator/simulate';
import { benchMonteCarlo } from '../src/cli/monteCarlo/bench';
import { canaryBaseline, rollingBaseline } from './baselines';
import { formatMs, time } from './measure';

/**
 * `npm run bench`: the engine's figures, each with its goal and its ratio to a minimal
 * hand-written loop doing the same arithmetic. Figures, not assertions: nothing here fails.
 */

const ROOT = join(__dirname, '..');

function loadExample(name: string): Plan {
  const parsed = parsePlan(readFileSync(join(ROOT, 'examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.plan;
}

function rollingPlan(replicas: number): Plan {
  const plan = loadExample('rolling.release.yaml');
  return { ...plan, replicas, strategy: { rolling: { ...plan.strategy.rolling!, pauseBetweenBatches: undefined } } };
}

function row(name: string, measuredMs: number, goal: string, baselineMs: number, extra = '', baselineName = 'the bare loop'): void {
  const ratio = baselineMs > 0 ? `${(measuredMs / baselineMs).toFixed(baselineMs > measuredMs / 10 ? 2 : 0)}× ${baselineName} (${formatMs(baselineMs)})` : '';
  console.log(`${name.padEnd(52)} ${formatMs(measuredMs).padStart(9)}   goal ${goal.padEnd(9)} ${ratio}${extra}`);
}

function benchCanary(): void {
  const plan = loadExample('canary.release.yaml');
  const probe = simulate(plan, { scenario: 'good-version' });
  const intervals = Math.ceil(probe.figures.durationMs / 5000);
  const steps = [10, 25, 50];
  const perStep = Math.ceil(intervals / steps.length);
  const runs = time(() => simulate(plan, { scenario: 'good-version' }), 300, 50);
  const bare = time(() => canaryBaseline(steps, perStep, 200, 5, 7), 300, 50);
  row('canary run (10 replicas, 8 steps, analysis)', runs.medianMs, '≤ 5 ms', bare.medianMs, `   p95 ${formatMs(runs.p95Ms)}`);
  const quiet = time(() => simulate(plan, { scenario: 'good-version', recordSnapshots: false, recordEvents: false }), 300, 50);
  row('  same, Monte Carlo mode (no snapshots, no journal)', quiet.medianMs, '—', bare.medianMs);
}

function benchRolling(replicas: number, runs: number, goal: string): void {
  const plan = rollingPlan(replicas);
  const measured = time(() => simulate(plan, { scenario: 'good-version' }), runs, 2);
  const batch = Math.ceil(replicas * 0.25) + Math.floor(replicas * 0.25);
  const bare = time(() => rollingBaseline(replicas, batch, 5000, 15000, 5000, 2), runs, 2);
  row(`rolling run (${replicas.toLocaleString('en-US')} instances)`, measured.medianMs, goal, bare.medianMs);
}

/** The 100,000-instance run goes in a child process, so its peak memory is its own. */
function benchLargeRollingInChild(): void {
  const output = execFileSync(process.execPath, ['--expose-gc', __filename, '--child-rolling', '100000'], { encoding: 'utf8' });
  process.stdout.write(output);
}

function childRolling(replicas: number): void {
  const plan = rollingPlan(replicas);
  const measured = time(() => simulate(plan, { scenario: 'good-version' }), 3, 1);
  const batch = Math.ceil(replicas * 0.25) + Math.floor(replicas * 0.25);
  const bare = time(() => rollingBaseline(replicas, batch, 5000, 15000, 5000, 2), 3, 1);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  row(`rolling run (${replicas.toLocaleString('en-US')} instances)`, measured.medianMs, '≤ 2 s', bare.medianMs, `   peak RSS ${peakMb.toFixed(0)} MB (goal ≤ 500 MB)`);
}

/** A 200-line plan: the canary example with many more steps and gates, as a large real plan has. */
function largePlanSource(): string {
  const source = readFileSync(join(ROOT, 'examples', 'canary.release.yaml'), 'utf8');
  const steps = Array.from({ length: 56 }, (_, i) => [`      - setWeight: ${Math.min(100, (i + 1) * 2)}`, `      - pause: { duration: ${i % 2 ? '30s' : '1m'} }`, ...(i % 8 === 7 ? ['      - analysis: { templates: [error-rate] }'] : [])]);
  return source.replace(/    steps:\n(      - .*\n)+/, `    steps:\n${steps.flat().join('\n')}\n`);
}

function benchLint(): void {
  const source = largePlanSource();
  const lines = source.split('\n').length;
  const lint = time(() => {
    const parsed = parsePlan(source, 'large.release.yaml');
    if (parsed.ok) estimateTimeline(parsed.plan);
  }, 100, 20);
  row(`lint + estimate of a ${lines}-line plan`, lint.medianMs, '≤ 50 ms', 0, `   p95 ${formatMs(lint.p95Ms)}`);
}

async function benchMonteCarloRuns(): Promise<void> {
  for (const scenario of ['good-version', 'bad-version']) {
    const { wallMs, run } = await benchMonteCarlo({ file: join(ROOT, 'examples', 'canary.release.yaml'), scenario, runs: 1000 });
    const plan = loadExample('canary.release.yaml');
    const one = time(() => simulate(plan, { scenario, recordSnapshots: false, recordEvents: false }), 200, 50);
    const detail = `   ${run.workers} worker(s) + this thread; ${formatMs(wallMs / 1000)} per run`;
    row(`Monte Carlo 1,000 runs of the canary (${scenario})`, wallMs, '≤ 2 s', one.medianMs * 1000, detail, '1,000 warm runs in one thread');
  }
}

const childAt = process.argv.indexOf('--child-rolling');
async function main(): Promise<void> {
  console.log(`Switchyard bench · node ${process.version} · ${new Date().toISOString().slice(0, 10)}\n`);
  benchCanary();
  benchRolling(1000, 20, '≤ 50 ms');
  benchLargeRollingInChild();
  benchLint();
  await benchMonteCarloRuns();
}

if (childAt >= 0) childRolling(Number(process.argv[childAt + 1]));
else void main();
