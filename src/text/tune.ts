import { formatDuration } from '../domain/strategies/describe';
import { meanInterval, wilson } from '../domain/tuner/interval';
import type { Knob } from '../domain/tuner/knobs';
import { paretoFront } from '../domain/tuner/pareto';
import type { Candidate, SearchResult, Targets } from '../domain/tuner/search';
import { changesOf } from '../domain/tuner/tunedSource';
import { formatCount, formatPercent } from './units';

/** What the tuner's report needs besides the search: the scenarios, runs and seeds the figures rest on. */
export interface TuneContext {
  file: string;
  bad: string;
  good: string;
  runs: number;
  baseSeed: number;
  targets: Targets;
  knobs: readonly Knob[];
}

const rate = (count: number, runs: number): string => {
  const { low, high } = wilson(count, runs);
  return `${formatPercent(count / Math.max(1, runs))} (${formatPercent(low)}–${formatPercent(high)})`;
};

const spread = (values: readonly number[], show: (value: number) => string): string => {
  const { mean, low, high } = meanInterval(values);
  return `${show(mean)} ±${show(Math.max(0, high - low) / 2)}`;
};

const minutes = (ms: number): string => formatDuration(ms, ' ') || '0s';

/** One candidate's row: its figures, each with its 95 % interval, and what it changes. */
function row(candidate: Candidate, marks: string, context: TuneContext): string {
  const e = candidate.evaluation;
  const changes = candidate.id === 0 ? '(the plan as written)' : changesOf(context.knobs, candidate.values).join(', ');
  return [
    `${marks}#${candidate.id}`.padStart(5),
    spread(e.durations, minutes).padEnd(18),
    spread(e.userErrors, formatCount).padEnd(16),
    rate(e.detected, e.badRuns).padEnd(22),
    rate(e.alarms, e.goodRuns).padEnd(22),
    changes,
  ].join(' ');
}

/**
 * The duration (x) against users who saw errors (y) of every candidate tried, as text: `o` the
 * plan as written, `*` the chosen plan, `●` the Pareto front, `·` other plans meeting the
 * targets, `x` plans that miss them.
 */
export function tunePlot(result: SearchResult, width = 56, height = 12): string[] {
  const points = result.tried;
  const xs = points.map((c) => c.meanDurationMs);
  const ys = points.map((c) => c.meanUserErrors);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  const front = new Set(paretoFront(points.filter((c) => c.shortfall === 0), (c) => [c.meanDurationMs, c.meanUserErrors]));
  const rank = (c: Candidate): number => (c === result.chosen ? 5 : c.id === 0 ? 4 : front.has(c) ? 3 : c.shortfall === 0 ? 2 : 1);
  const glyph = (c: Candidate): string => ['', 'x', '·', '●', 'o', '*'][rank(c)] ?? '?';
  for (const c of [...points].sort((a, b) => rank(a) - rank(b))) {
    const col = x1 > x0 ? Math.round(((c.meanDurationMs - x0) / (x1 - x0)) * (width - 1)) : 0;
    const line = y1 > y0 ? height - 1 - Math.round(((c.meanUserErrors - y0) / (y1 - y0)) * (height - 1)) : height - 1;
    const cells = grid[line];
    if (cells) cells[col] = glyph(c);
  }
  const top = formatCount(y1).padStart(8);
  const bottom = formatCount(y0).padStart(8);
  return [
    'users who saw errors (bad version) against duration (good version):',
    ...grid.map((cells, index) => `${index === 0 ? top : index === height - 1 ? bottom : ' '.repeat(8)} │${cells.join('')}`),
    `${' '.repeat(8)} └${'─'.repeat(width)}`,
    `${' '.repeat(10)}${minutes(x0).padEnd(width - 8)}${minutes(x1).padStart(8)}`,
    '          o as written   * chosen   ● Pareto front   · meets the targets   x misses them',
  ];
}

/**
 * The tuner's report: how many runs each figure rests on, the Pareto front as a table, a plot of
 * every candidate, and the chosen plan against the plan as written, or why none was chosen.
 */
export function formatTuneReport(result: SearchResult, context: TuneContext): string[] {
  const { targets, runs, baseSeed } = context;
  const original = result.original;
  const feasible = result.tried.filter((c) => c.shortfall === 0);
  const front = paretoFront(feasible, (c) => [c.meanDurationMs, c.meanUserErrors]);
  const lines = [
    `tune ${context.file}: ${result.tried.length} candidate plans, each on the same ${formatCount(runs)} seeds (${baseSeed}..${baseSeed + runs - 1}) of "${context.bad}" and of "${context.good}"`,
    `targets: detection ≥ ${formatPercent(targets.minDetection)} on "${context.bad}", false alarms ≤ ${formatPercent(targets.maxFalseAlarm)} on "${context.good}"${original.shortfall === 0 ? `, and never below the plan as written (${formatPercent(original.detection)})` : ''}`,
    `settings searched (${context.knobs.length}): ${context.knobs.map((knob) => knob.label).join(', ') || 'none'}`,
    `search: ${result.stoppedBecause}`,
    '',
    'figures: mean ± half its 95% interval; rates with their 95% Wilson interval',
    `      ${'duration (good)'.padEnd(18)} ${'users w/ errors'.padEnd(16)} ${'detection (bad)'.padEnd(22)} ${'false alarms (good)'.padEnd(22)} changes`,
  ];
  const shown = [original, ...front.filter((c) => c !== original)];
  for (const candidate of shown) lines.push(row(candidate, candidate === result.chosen ? '*' : front.includes(candidate) ? '●' : ' ', context));
  lines.push('', ...tunePlot(result), '');
  const chosen = result.chosen;
  if (!chosen) {
    const closest = result.tried.reduce((best, c) => (c.shortfall < best.shortfall ? c : best), original);
    lines.push(`no plan within the bounds meets the targets: the closest is #${closest.id} (detection ${formatPercent(closest.detection)}, false alarms ${formatPercent(closest.falseAlarm)})${context.knobs.length === 0 ? '; this plan has no gate a step runs and no timed pause, so there is nothing to tune: add an analysis gate' : '; widen the bounds (--bound), add a gate, or relax the targets'}`);
    return lines;
  }
  if (chosen === original) {
    lines.push('the plan as written is already the fastest that meets the targets within the bounds');
    return lines;
  }
  const saved = original.meanDurationMs - chosen.meanDurationMs;
  const low = wilson(chosen.evaluation.detected, chosen.evaluation.badRuns).low;
  lines.push(
    `chosen #${chosen.id}: ${minutes(chosen.meanDurationMs)} instead of ${minutes(original.meanDurationMs)}${saved > 0 ? ` (${formatPercent(saved / Math.max(1, original.meanDurationMs), 0)} faster)` : ''}, ${formatCount(chosen.meanUserErrors)} users with errors instead of ${formatCount(original.meanUserErrors)}; detection ${formatPercent(chosen.detection)}, false alarms ${formatPercent(chosen.falseAlarm)}`,
    `  changes: ${changesOf(context.knobs, chosen.values).join(', ')}`,
  );
  if (low < targets.minDetection) lines.push(`  note: on ${formatCount(runs)} runs the detection's 95% interval reaches down to ${formatPercent(low)}; run more (--runs) before trusting the last point of it`);
  return lines;
}
