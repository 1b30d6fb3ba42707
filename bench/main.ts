import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../src/domain/plan/parse';
import type { Plan } from '../src/domain/plan/schema';
import { simulate } from '../src/domain/simulator/simulate';
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

function row(name: string, measuredMs: number, goal: string, baselineMs: number, extra = ''): void {
  const ratio = baselineMs > 0 ? `${(measuredMs / baselineMs).toFixed(0)}× the bare loop (${formatMs(baselineMs)})` : '';
  console.log(`${name.padEnd(44)} ${formatMs(measuredMs).padStart(9)}   goal ${goal.padEnd(9)} ${ratio}${extra}`);
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
  const quiet = time(() => simulate(plan, { scenario: 'good-version', recordSnapshots: false }), 300, 50);
  row('  same, without snapshots (Monte Carlo mode)', quiet.medianMs, '—', bare.medianMs);
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

function benchParse(): void {
  const source = readFileSync(join(ROOT, 'examples', 'canary.release.yaml'), 'utf8');
  const parse = time(() => parsePlan(source, 'canary.release.yaml'), 200, 20);
  row('parse and validate the canary example', parse.medianMs, '—', 0);
}

const childAt = process.argv.indexOf('--child-rolling');
if (childAt >= 0) {
  childRolling(Number(process.argv[childAt + 1]));
} else {
  console.log(`Switchyard bench · node ${process.version} · ${new Date().toISOString().slice(0, 10)}\n`);
  benchCanary();
  benchRolling(1000, 20, '≤ 50 ms');
  benchLargeRollingInChild();
  benchParse();
}
