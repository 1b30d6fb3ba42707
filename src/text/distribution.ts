import { STALL_CAUSES, STALL_WORDS, type Distribution, type FigureName, type MonteCarloSummary } from '../domain/simulator/monteCarlo';
import type { Outcome } from '../domain/strategies/effects';
import { formatDuration } from '../domain/strategies/describe';
import { outcomeWords } from './run';
import type { Style } from './style';
import { formatCount, formatPercent } from './units';

/** How each figure reads in a table, and whether smaller is better (for marking the best). */
export const FIGURE_ROWS: readonly { name: FigureName; label: string; format: (value: number) => string; lowerIsBetter: boolean }[] = [
  { name: 'userErrors', label: 'Errors users saw', format: formatCount, lowerIsBetter: true },
  { name: 'requestsToCandidate', label: 'Requests to new version', format: formatCount, lowerIsBetter: true },
  { name: 'durationMs', label: 'Duration', format: (v) => formatDuration(v, ' '), lowerIsBetter: true },
  { name: 'lowestCapacity', label: 'Lowest capacity', format: (v) => formatPercent(v, 0), lowerIsBetter: false },
  { name: 'peakInstances', label: 'Peak instances', format: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)), lowerIsBetter: true },
  { name: 'timeToDetectMs', label: 'Time to detect', format: (v) => formatDuration(v, ' '), lowerIsBetter: true },
];

const OUTCOME_ORDER: readonly Outcome[] = ['promoted', 'rolledBack', 'paused', 'aborted', 'failed'];

/** Left-aligned first column, right-aligned others, two spaces between. */
export function table(rows: readonly (readonly string[])[], visibleWidth: (text: string) => number = stripWidth): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleWidth(cell)));
          return i === 0 ? cell + pad : pad + cell;
        })
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `  ${line}`)
    .join('\n');
}

function stripWidth(text: string): number {
  return text.replace(/\u001b\[\d+m/g, '').length;
}

/**
 * The Monte Carlo report: what ran, outcome probabilities, how the runs read against the
 * candidate (detection, stall and miss for a bad one; false alarm, stall and pass for a good
 * one), and p5 / median / p95 / mean of each figure.
 *
 * @example
 * formatDistribution(summary, { fileName: 'canary.release.yaml', scenario: 'bad-version', wallMs: 2400, workers: 2 }, style);
 * // Monte Carlo: 1,000 runs of canary.release.yaml, scenario bad-version (seeds 7..1006, 2 worker threads, 2.4s)
 * // ...
 * // Detection   97.0% of runs rolled back (the candidate is bad: candidate errorRate 20% vs stable 0.2%)
 * // Stalled      2.0% of runs paused, waiting for an operator: 20 after a failed gate or check
 * // Missed       1.0% of runs promoted
 */
export function formatDistribution(summary: MonteCarloSummary, about: { fileName: string; scenario: string; wallMs: number; workers: number }, style: Style): string {
  const threads = about.workers === 0 ? 'in this thread' : `${about.workers} worker thread${about.workers === 1 ? '' : 's'}`;
  const header = `${style.bold('Monte Carlo')}: ${formatCount(summary.runs)} runs of ${about.fileName}, scenario ${style.bold(about.scenario)} ${style.dim(`(seeds ${summary.firstSeed}..${summary.lastSeed}, ${threads}, ${formatDuration(about.wallMs, ' ')})`)}`;
  const outcomes = OUTCOME_ORDER.filter((o) => summary.outcomes[o].count > 0).map((o) => [outcomeWords(o), formatCount(summary.outcomes[o].count), formatPercent(summary.outcomes[o].probability)]);
  const figureRows = FIGURE_ROWS.map(({ name, label, format }) => {
    const d: Distribution | null = summary.figures[name];
    const suffix = name === 'timeToDetectMs' && d !== null && d.samples < summary.runs ? ` (${formatCount(d.samples)} runs)` : '';
    return d === null ? [label, '—', '—', '—', '—'] : [label + suffix, format(d.p5), format(d.p50), format(d.p95), format(d.mean)];
  });
  return [
    header,
    '',
    'Outcomes',
    table(outcomes),
    '',
    readingLines(summary, style),
    '',
    table([['', style.dim('p5'), style.dim('median'), style.dim('p95'), style.dim('mean')], ...figureRows]),
  ].join('\n');
}

/**
 * Every run in exactly one row, so the rows add up to 100 %: undone (rolled back or aborted),
 * stalled (paused), promoted, and failed when any did.
 */
function readingLines(summary: MonteCarloSummary, style: Style): string {
  const rows = readingRows(summary, style);
  const aligned = table(rows.map(([label = '', rate = '']) => [label, rate])).split('\n');
  return aligned.map((line, i) => `${line} ${rows[i]?.[2] ?? ''}`).join('\n');
}

function readingRows(summary: MonteCarloSummary, style: Style): string[][] {
  const bad = summary.candidateBad;
  const undone = (bad ? summary.detection : summary.falseAlarm) ?? 0;
  const promoted = summary.outcomes.promoted.probability;
  const failed = summary.outcomes.failed.probability;
  const causes = STALL_CAUSES.filter((cause) => summary.stalls[cause] > 0).map((cause) => `${formatCount(summary.stalls[cause])} ${STALL_WORDS[cause]}`);
  const why = style.dim(`(the candidate is ${bad ? 'bad' : 'good'}: ${summary.candidateWhy})`);
  const withoutData = summary.undoneWithoutData > 0 ? `; ${formatCount(summary.undoneWithoutData)} because a gate had no data (measurement errors), not a bad value` : '';
  const rows = [
    bad
      ? [style.bold('Detection'), (undone >= 0.95 ? style.green : style.red)(formatPercent(undone)), `of runs rolled back ${why}${withoutData}`]
      : [style.bold('False alarm'), (undone <= 0.05 ? style.green : style.red)(formatPercent(undone)), `of runs rolled back ${why}${withoutData}`],
    [style.bold('Stalled'), (summary.stalled === 0 ? style.green : style.yellow)(formatPercent(summary.stalled)), `of runs paused, waiting for an operator${causes.length > 0 ? `: ${causes.join(', ')}` : ''}`],
    bad
      ? [style.bold('Missed'), (promoted === 0 ? style.green : style.red)(formatPercent(promoted)), 'of runs promoted']
      : [style.bold('Passed'), formatPercent(promoted), 'of runs promoted'],
  ];
  if (failed > 0) rows.push([style.bold('Failed'), style.red(formatPercent(failed)), 'of runs failed: neither rolled back nor promoted']);
  if (summary.passedWithoutData > 0) {
    const share = summary.runs > 0 ? summary.passedWithoutData / summary.runs : 0;
    rows.push([style.bold('Unmeasured'), style.yellow(formatPercent(share)), 'of runs passed a gate without a successful measurement, as Argo Rollouts does; Switchyard\'s own runs would pause there']);
  }
  return rows;
}
