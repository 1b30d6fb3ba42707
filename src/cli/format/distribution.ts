import type { Distribution, FigureName, MonteCarloSummary } from '../../domain/simulator/monteCarlo';
import type { Outcome } from '../../domain/strategies/effects';
import { outcomeWords } from './run';
import type { Style } from './style';
import { formatCount, formatDuration, formatPercent } from './units';

/** How each figure reads in a table, and whether smaller is better (for marking the best). */
export const FIGURE_ROWS: readonly { name: FigureName; label: string; format: (value: number) => string; lowerIsBetter: boolean }[] = [
  { name: 'userErrors', label: 'Errors users saw', format: formatCount, lowerIsBetter: true },
  { name: 'requestsToCandidate', label: 'Requests to new version', format: formatCount, lowerIsBetter: true },
  { name: 'durationMs', label: 'Duration', format: formatDuration, lowerIsBetter: true },
  { name: 'lowestCapacity', label: 'Lowest capacity', format: (v) => formatPercent(v, 0), lowerIsBetter: false },
  { name: 'peakInstances', label: 'Peak instances', format: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)), lowerIsBetter: true },
  { name: 'timeToDetectMs', label: 'Time to detect', format: formatDuration, lowerIsBetter: true },
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
 * The Monte Carlo report: what ran, outcome probabilities, detection or false alarm, and
 * p5 / median / p95 / mean of each figure.
 *
 * @example
 * formatDistribution(summary, { fileName: 'canary.release.yaml', scenario: 'bad-version', wallMs: 2400, workers: 2 }, style);
 * // Monte Carlo: 1,000 runs of canary.release.yaml, scenario bad-version (seeds 7..1006), 2 workers, 2.4s
 * // ...
 * // Detection  99.8%  rolled back or paused after a failed gate (the candidate is bad: ...)
 */
export function formatDistribution(summary: MonteCarloSummary, about: { fileName: string; scenario: string; wallMs: number; workers: number }, style: Style): string {
  const threads = about.workers === 0 ? 'in this thread' : `this thread and ${about.workers} worker${about.workers === 1 ? '' : 's'}`;
  const header = `${style.bold('Monte Carlo')}: ${formatCount(summary.runs)} runs of ${about.fileName}, scenario ${style.bold(about.scenario)} ${style.dim(`(seeds ${summary.firstSeed}..${summary.lastSeed}, ${threads}, ${formatDuration(about.wallMs)})`)}`;
  const outcomes = OUTCOME_ORDER.filter((o) => summary.outcomes[o].count > 0).map((o) => [outcomeWords(o), formatCount(summary.outcomes[o].count), formatPercent(summary.outcomes[o].probability)]);
  const rate = summary.detection ?? summary.falseAlarm ?? 0;
  const risk =
    summary.detection !== null
      ? `${style.bold('Detection')}    ${(rate >= 0.95 ? style.green : style.red)(formatPercent(rate))} of runs rolled back or paused after a failed gate ${style.dim(`(the candidate is bad: ${summary.candidateWhy})`)}`
      : `${style.bold('False alarm')}  ${(rate <= 0.05 ? style.green : style.red)(formatPercent(rate))} of runs rolled back or paused after a failed gate ${style.dim(`(the candidate is good: ${summary.candidateWhy})`)}`;
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
    risk,
    '',
    table([['', style.dim('p5'), style.dim('median'), style.dim('p95'), style.dim('mean')], ...figureRows]),
  ].join('\n');
}
