import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parsePlan } from '../src/domain/plan/parse';
import type { Plan } from '../src/domain/plan/schema';
import { estimateTimeline } from '../src/domain/simulator/estimate';
import { simulate } from '../src/domain/simulator/simulate';
import type { SimulateOptions } from '../src/domain/simulator/drive';
import { benchMonteCarlo } from '../src/cli/monteCarlo/bench';
import { canaryBaseline, rollingBaseline } from './baselines';
import { formatMs, time, timeBatches, type Timing } from './measure';
import { formatSplit, RUN_PARTS, splitOf } from './split';

/**
 * `npm run bench`: the engine's figures, each with its goal and its ratios to a minimal
 * hand-written loop doing the same arithmetic and, for Monte Carlo, to the same runs in one
 * thread, all measured in this run. Figures, not assertions: nothing here fails.
 */

const ROOT = join(__dirname, '..');
const CANARY = join(ROOT, 'examples', 'canary.release.yaml');
const MONTE_CARLO: SimulateOptions = { recordSnapshots: false, recordEvents: false };

function loadExample(name: string): Plan {
  const parsed = parsePlan(readFileSync(join(ROOT, 'examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.plan;
}

function rollingPlan(replicas: number): Plan {
  const plan = loadExample('rolling.release.yaml');
  return { ...plan, replicas, strategy: { rolling: { ...plan.strategy.rolling!, pauseBetweenBatches: undefined } } };
}

/** "12× the bare loop (2.1 µs)": how many times `baseMs` the measured time is. */
function ratio(measuredMs: number, baseMs: number, what: string): string {
  const times = measuredMs / baseMs;
  return `${times.toFixed(times < 10 ? 2 : 0)}× ${what} (${formatMs(baseMs)})`;
}

function row(name: string, measuredMs: number, goal: string, ratios: readonly string[], extra = ''): void {
  console.log(`${name.padEnd(54)} ${formatMs(measuredMs).padStart(9)}   goal ${goal.padEnd(9)} ${ratios.join(', ')}${extra}`);
}

function splitRow(split: readonly [string, number][]): void {
  console.log(`    of which: ${formatSplit(split)}`);
}

/** The canary's arithmetic alone (baselines.ts), over as many intervals as the good-version run lasts. */
function canaryBare(plan: Plan): Timing {
  const probe = simulate(plan, { scenario: 'good-version' });
  const intervals = Math.ceil(probe.figures.durationMs / 5000);
  const steps = [10, 25, 50];
  const perStep = Math.ceil(intervals / steps.length);
  return timeBatches(() => canaryBaseline(steps, perStep, 200, 5, 7), 200, 200);
}

async function benchCanary(plan: Plan, bare: Timing): Promise<void> {
  const goal = '≤ 0.5 ms';
  const bareRatio = (ms: number) => `${ratio(ms, bare.medianMs, 'the bare loop')} (goal ≤ 100×)`;
  const runs = time(() => simulate(plan, { scenario: 'good-version' }), 300, 50);
  row('canary run (10 replicas, 8 steps, analysis)', runs.medianMs, goal, [bareRatio(runs.medianMs)], `   p95 ${formatMs(runs.p95Ms)}`);
  splitRow(await splitOf(() => repeat(1000, () => simulate(plan, { scenario: 'good-version' })), RUN_PARTS));
  const quiet = time(() => simulate(plan, { scenario: 'good-version', ...MONTE_CARLO }), 300, 50);
  row('  same, Monte Carlo mode (no snapshots, no journal)', quiet.medianMs, goal, [bareRatio(quiet.medianMs)], `   p95 ${formatMs(quiet.p95Ms)}`);
  splitRow(await splitOf(() => repeat(1500, (i) => simulate(plan, { scenario: 'good-version', seed: i, ...MONTE_CARLO })), RUN_PARTS));
}

function repeat(times: number, fn: (index: number) => unknown): void {
  for (let i = 0; i < times; i++) fn(i);
}

function rollingBare(replicas: number, runs: number): Timing {
  const batch = Math.ceil(replicas * 0.25) + Math.floor(replicas * 0.25);
  return timeBatches(() => rollingBaseline(replicas, batch, 5000, 15000, 5000, 2), runs, Math.max(1, Math.round(100_000 / replicas)), 1);
}

function benchRolling(replicas: number, runs: number, goal: string): void {
  const plan = rollingPlan(replicas);
  const measured = time(() => simulate(plan, { scenario: 'good-version' }), runs, 2);
  row(`rolling run (${replicas.toLocaleString('en-US')} instances)`, measured.medianMs, goal, [ratio(measured.medianMs, rollingBare(replicas, runs).medianMs, 'the bare loop')]);
}

/** Large rolling runs go in a child process each, so its peak memory is its own. */
function benchLargeRollingInChild(replicas: number): void {
  const output = execFileSync(process.execPath, ['--expose-gc', __filename, '--child-rolling', String(replicas)], { encoding: 'utf8' });
  process.stdout.write(output);
}

function childRolling(replicas: number): void {
  const plan = rollingPlan(replicas);
  const measured = time(() => simulate(plan, { scenario: 'good-version' }), 3, 1);
  const bare = rollingBare(replicas, 3);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const memoryGoal = replicas >= 1_000_000 ? '1 GB' : '500 MB';
  row(`rolling run (${replicas.toLocaleString('en-US')} instances)`, measured.medianMs, '≤ 2 s', [ratio(measured.medianMs, bare.medianMs, 'the bare loop')], `   peak RSS ${peakMb.toFixed(0)} MB (goal ≤ ${memoryGoal})`);
}

/** A 200-line plan: the canary example with many more steps and gates, as a large real plan has. */
function largePlanSource(): string {
  const source = readFileSync(CANARY, 'utf8');
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
  row(`lint + estimate of a ${lines}-line plan`, lint.medianMs, '≤ 50 ms', [], `   p95 ${formatMs(lint.p95Ms)}`);
}

/** A Monte Carlo of the canary, with the CPU time the process spent on it: how many cores it really had. */
async function monteCarlo(scenario: string, runs: number, workers?: number): Promise<{ wallMs: number; workers: number; cores: string }> {
  const cpu = process.cpuUsage();
  const { wallMs, run } = await benchMonteCarlo({ file: CANARY, scenario, runs, ...(workers === undefined ? {} : { workers }) });
  const used = process.cpuUsage(cpu);
  return { wallMs, workers: run.workers, cores: `used ${((used.user + used.system) / 1000 / wallMs).toFixed(1)} cores` };
}

/**
 * Monte Carlo in the worker threads, against the same seeds in this thread (workers: 0) and the
 * bare loop. Every in-thread figure is taken before the first worker starts (a worker changes a
 * setting of the whole process, see worker.ts). The first pooled call starts the process's
 * threads; later calls reuse them.
 */
async function benchMonteCarloRuns(bare: Timing): Promise<void> {
  const runs = 10_000;
  const scenarios = ['good-version', 'bad-version'];
  const oneThread: number[] = [];
  for (const scenario of scenarios) oneThread.push((await monteCarlo(scenario, 1000, 0)).wallMs);
  for (const [index, scenario] of scenarios.entries()) {
    const pooled = await monteCarlo(scenario, 1000);
    const threads = `${pooled.workers} worker thread${pooled.workers === 1 ? '' : 's'}${index === 0 ? ', started by this call' : ', reused'}, ${pooled.cores}`;
    const ratios = [ratio(pooled.wallMs, oneThread[index] ?? 0, '1,000 runs in one thread'), ratio(pooled.wallMs, bare.medianMs * 1000, '1,000 bare loops')];
    row(`Monte Carlo 1,000 runs of the canary (${scenario})`, pooled.wallMs, '≤ 2 s', ratios, `   ${threads}`);
  }
  const oneThreadMs = (oneThread[0] ?? 0) * (runs / 1000);
  const one = await monteCarlo('good-version', runs, 1);
  const two = await monteCarlo('good-version', runs, 2);
  const against = (ms: number) => [ratio(ms, oneThreadMs, 'one thread'), ratio(ms, bare.medianMs * runs, `${runs.toLocaleString('en-US')} bare loops`)];
  row('Monte Carlo 10,000 canary runs, 1 worker', one.wallMs, '—', against(one.wallMs), `   ${one.cores}`);
  row('Monte Carlo 10,000 canary runs, 2 workers', two.wallMs, '≤ 2 s', against(two.wallMs), `   ${(one.wallMs / two.wallMs).toFixed(2)}× as fast as 1 worker (goal ≥ 1.7×), ${two.cores}`);
}

async function main(): Promise<void> {
  const load = loadavg().map((value) => value.toFixed(1)).join(' ');
  console.log(`Switchyard bench · node ${process.version} · ${new Date().toISOString().slice(0, 10)} · ${availableParallelism()} cores, load average ${load}\n`);
  const canary = loadExample('canary.release.yaml');
  const bare = canaryBare(canary);
  await benchCanary(canary, bare);
  benchRolling(1000, 20, '≤ 50 ms');
  benchLargeRollingInChild(100_000);
  benchLargeRollingInChild(1_000_000);
  benchLint();
  await benchMonteCarloRuns(bare);
}

const childAt = process.argv.indexOf('--child-rolling');
if (childAt >= 0) childRolling(Number(process.argv[childAt + 1]));
else void main();
