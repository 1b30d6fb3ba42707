import { FIGURE_TABLE_ROWS, SINGLE_ROWS } from './compare';
import type { CompareColumn, CompareRow, VerdictFigures } from './compare';
import { readingsOf } from './compareReadings';
import { FIGURE_ROWS } from './distribution';
import { outcomeWords } from './run';
import { formatCount, formatPercent } from './units';
import type { MonteCarloSummary } from '../domain/simulator/monteCarlo';
import type { Figures } from '../domain/simulator/types';
import type { Outcome } from '../domain/strategies/effects';
import { COMPARE_READING_KEYS } from '../protocol/comparison';
import type { CompareReadingKey, CompareReadingView } from '../protocol/comparison';

// The rows and columns of a comparison (src/domain/simulator/comparison.ts), as the CLI's
// `compare` and Compare Strategies... print them. No simulator here: the extension reads it from
// extension.js.

/** The table a comparison prints: rows, one column per plan, and lines to say under it. */
export interface CompareTable {
  rows: readonly CompareRow[];
  columns: CompareColumn[];
  notes: string[];
}

/** A plan's one run, as a comparison column shows it. */
export interface OnceEntry {
  label: string;
  run: { strategy: string; seed: number; outcome: Outcome; figures: Figures };
}

/** A plan's Monte Carlo summary, as a comparison column shows it. */
export interface SummaryEntry {
  label: string;
  strategy: string;
  summary: MonteCarloSummary;
}

export interface SummaryTableOptions {
  /** The reading rows to show, of those any plan has (default all: detection or false alarm, stalled, missed or passed, failed). */
  readings?: readonly CompareReadingKey[];
  /** Whether to say under the table why runs stalled (default true). */
  stallNotes?: boolean;
}

/**
 * One run per plan side by side: its figures and how long it took to restore.
 *
 * @example
 * onceTable([{ label: 'rolling.release.yaml', run }]).columns[0]; // { label: 'rolling.release.yaml', note: 'rolling · seed 2', outcome: 'rolled back', values: {...} }
 */
export function onceTable(entries: readonly OnceEntry[]): CompareTable {
  const columns = entries.map(({ label, run }): CompareColumn => ({ label, note: `${run.strategy} · seed ${run.seed}`, outcome: outcomeWords(run.outcome), values: { ...run.figures } }));
  return { rows: SINGLE_ROWS, columns, notes: [] };
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
export function summaryTable(entries: readonly SummaryEntry[], options: SummaryTableOptions = {}): CompareTable {
  const shown = new Set(options.readings ?? COMPARE_READING_KEYS);
  const readings = readingsOf(entries.map((entry) => entry.summary)).map((column) => column.filter((reading) => shown.has(reading.key)));
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
    notes: options.stallNotes !== false && stalls.length > 0 ? [`Stalled (paused, waiting for an operator): ${stalls.join('; ')}.`] : [],
  };
}

/** One row per reading any plan has, in the panel's order; a plan without it shows a dash. */
function readingRows(readings: readonly CompareReadingView[]): CompareRow[] {
  return COMPARE_READING_KEYS.flatMap((key) => {
    const first = readings.find((reading) => reading.key === key);
    return first ? [{ key, label: first.label, format: (value: number) => formatPercent(value), lowerIsBetter: first.lowerIsBetter }] : [];
  });
}

/** What a verdict weighs of each column: errors users saw and duration (medians over many runs). */
export function verdictFigures(columns: readonly CompareColumn[]): VerdictFigures[] {
  return columns.map((column) => ({ label: column.label, errors: column.values.userErrors ?? 0, durationMs: column.values.durationMs ?? 0 }));
}
