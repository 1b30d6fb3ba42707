import { compareVerdict, FIGURE_TABLE_ROWS, formatCompareTable } from './compare';
import type { CompareColumn, CompareRow } from './compare';
import { FIGURE_ROWS } from './distribution';
import { outcomeWords } from './run';
import { createStyle } from './style';
import { formatCount, formatPercent } from './units';
import type { MonteCarloSummary } from '../domain/simulator/monteCarlo';
import type { Outcome } from '../domain/strategies/effects';
import { COMPARE_READING_KEYS } from '../protocol/comparison';
import type { CompareReadingView } from '../protocol/comparison';
import { readingsOf } from './compareReadings';

/** The table a comparison prints: rows, one column per plan, and lines to say under it. */
export interface CompareTable {
  rows: readonly CompareRow[];
  columns: CompareColumn[];
  notes: string[];
}

/** A plan's Monte Carlo summary, as Compare Strategies... names it. */
export interface SummaryEntry {
  label: string;
  strategy: string;
  summary: MonteCarloSummary;
}

/**
 * Many runs per plan side by side: how the runs read (detection or false alarm, stalled, missed
 * or passed; every run in one of them), then the median of each figure, and a note saying why
 * runs stalled.
 *
 * @example
 * const table = summaryTable([{ label: 'pause.release.yaml', strategy: 'canary', summary }, ...]);
 * table.rows.map((row) => row.label); // ['Detection', 'Stalled', 'Missed', 'Errors users saw', ...]
 * table.columns[0]?.values.stalled;   // 1: every run paused after its gate failed
 * table.notes; // ['Stalled (paused, waiting for an operator): pause.release.yaml 100 after a failed gate or check.']
 */
export function summaryTable(entries: readonly SummaryEntry[]): CompareTable {
  const readings = readingsOf(entries.map((entry) => entry.summary));
  const columns = entries.map(({ label, strategy, summary }, index): CompareColumn => {
    const values: Record<string, number | null> = Object.fromEntries((readings[index] ?? []).map((reading) => [reading.key, reading.share]));
    for (const row of FIGURE_ROWS) values[row.name] = summary.figures[row.name]?.p50 ?? null;
    const [top, share] = (Object.entries(summary.outcomes) as [Outcome, { probability: number }][]).reduce<[Outcome, number]>((best, [outcome, { probability }]) => (probability > best[1] ? [outcome, probability] : best), ['promoted', -1]);
    return { label, note: `${strategy} · ${formatCount(summary.runs)} runs`, outcome: `${outcomeWords(top)} ${formatPercent(share, 0)}`, values };
  });
  const stalls = entries.flatMap(({ label }, index) => (readings[index] ?? []).filter((reading) => reading.key === 'stalled' && reading.detail !== '').map((reading) => `${label} ${reading.detail}`));
  return {
    rows: [...readingRows(readings.flat()), ...FIGURE_TABLE_ROWS],
    columns,
    notes: stalls.length > 0 ? [`Stalled (paused, waiting for an operator): ${stalls.join('; ')}.`] : [],
  };
}

/** One row per reading any plan has, in the panel's order; a plan without it shows a dash. */
function readingRows(readings: readonly CompareReadingView[]): CompareRow[] {
  return COMPARE_READING_KEYS.flatMap((key) => {
    const first = readings.find((reading) => reading.key === key);
    return first ? [{ key, label: first.label, format: (value: number) => formatPercent(value), lowerIsBetter: first.lowerIsBetter }] : [];
  });
}

/**
 * The Markdown document Compare Strategies... opens: the CLI's compare table in a code block,
 * the notes, and the verdict on user errors and duration.
 */
export function formatCompareReport(table: CompareTable, scenario: string, runs: number): string {
  const verdict = compareVerdict(table.columns.map((c) => ({ label: c.label, errors: c.values.userErrors ?? 0, durationMs: c.values.durationMs ?? 0 })));
  const what = runs === 1 ? 'one run per plan' : `medians of ${formatCount(runs)} runs per plan`;
  const notes = table.notes.flatMap((note) => [note, '']);
  return [`# Compare: scenario ${scenario}`, '', `${what}; \`*\` marks the best value per row.`, '', '```text', formatCompareTable(table.rows, table.columns, createStyle(false)), '```', '', ...notes, `**${verdict}**`, ''].join('\n');
}
