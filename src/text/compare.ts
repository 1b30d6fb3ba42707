import { formatDuration } from '../domain/strategies/describe';
import type { Style } from './style';
import { FIGURE_ROWS, table } from './distribution';
import { formatCount } from './units';

/** One plan's column: a label and one value per row (null when the figure does not apply). */
export interface CompareColumn {
  label: string;
  /** Text under the label: "seed 7" or "1,000 runs". */
  note: string;
  /** Outcome in words: "rolled back" or "rolled back 99.8%". */
  outcome: string;
  values: Record<string, number | null>;
}

export interface CompareRow {
  key: string;
  label: string;
  format: (value: number) => string;
  lowerIsBetter: boolean;
}

/** The figure rows of a comparison table, keyed by figure name. */
export const FIGURE_TABLE_ROWS: readonly CompareRow[] = FIGURE_ROWS.map(({ name, ...rest }) => ({ key: name, ...rest }));

/** The rows of one run per plan: its figures and how long it took to restore. */
export const SINGLE_ROWS: readonly CompareRow[] = [...FIGURE_TABLE_ROWS, { key: 'timeToRestoreMs', label: 'Time to restore', format: (v) => formatDuration(v, ' '), lowerIsBetter: true }];

/**
 * The columns holding the best value of a row: all of them when they tie, none when every
 * column has the same value (nothing to choose) or fewer than two have one.
 *
 * @example
 * bestColumns([5, 2, null, 2], true); // [1, 3]
 * bestColumns([4, 4], true);          // []
 */
export function bestColumns(values: readonly (number | null)[], lowerIsBetter: boolean): number[] {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2 || present.every((v) => v === present[0])) return [];
  const best = lowerIsBetter ? Math.min(...present) : Math.max(...present);
  return values.flatMap((v, i) => (v === best ? [i] : []));
}

/**
 * The comparison table: rows are figures, columns are plans, the best value per row marked
 * with `*` (and bold green when colour is on).
 *
 * @example
 * formatCompareTable(rows, columns, style);
 * //                      rolling.release.yaml  canary.release.yaml
 * //   Errors users saw                 6,012                 *481
 */
export function formatCompareTable(rows: readonly CompareRow[], columns: readonly CompareColumn[], style: Style): string {
  const header = ['', ...columns.map((c) => style.bold(c.label))];
  const notes = ['', ...columns.map((c) => style.dim(c.note))];
  const outcome = ['Outcome', ...columns.map((c) => c.outcome)];
  const body = rows.map((row) => {
    const values = columns.map((c) => c.values[row.key] ?? null);
    const best = new Set(bestColumns(values, row.lowerIsBetter));
    return [row.label, ...values.map((v, i) => (v === null ? '—' : best.has(i) ? style.green(style.bold(`*${row.format(v)}`)) : row.format(v)))];
  });
  return table([header, notes, outcome, ...body]);
}

/** A plan's figures for a verdict. */
export interface VerdictFigures {
  label: string;
  errors: number;
  durationMs: number;
}

/**
 * One line saying which plan exposed fewer users to errors than the worst one, and how much
 * longer or shorter it took.
 *
 * @example
 * compareVerdict([{ label: 'rolling', errors: 6000, durationMs: 200000 }, { label: 'canary', errors: 480, durationMs: 450000 }]);
 * // 'canary exposed 92% fewer users to errors than rolling and took 4m 10s longer'
 */
export function compareVerdict(plans: readonly VerdictFigures[]): string {
  if (plans.length < 2) return '';
  const byErrors = [...plans].sort((a, b) => a.errors - b.errors || a.durationMs - b.durationMs);
  const best = byErrors[0];
  const worst = byErrors[byErrors.length - 1];
  if (best === undefined || worst === undefined) return '';
  const diff = best.durationMs - worst.durationMs;
  const time = Math.abs(diff) < 1000 ? 'took as long' : `took ${formatDuration(Math.abs(diff), ' ')} ${diff > 0 ? 'longer' : 'less'}`;
  if (worst.errors === best.errors) {
    return `${best.label} and ${worst.label} exposed as many users to errors (${Math.round(best.errors).toLocaleString('en-US')}); ${best.label} ${time}`;
  }
  const fewer = best.errors === 0 ? 100 : Math.min(99, Math.round(((worst.errors - best.errors) / worst.errors) * 100));
  return `${best.label} exposed ${fewer}% fewer users to errors than ${worst.label} and ${time}`;
}

/**
 * One line per other column, each about the plan the user named: how many fewer (or more) users
 * it exposed to errors than the other, and how much slower or faster it was. `than` names the
 * other from the named plan's side ("it would as rolling", or another plan's label).
 *
 * @example
 * namedPlanVerdict({ label: 'canary.release.yaml', errors: 480, durationMs: 380_000 }, [{ label: 'canary.release.yaml as rolling', than: 'it would as rolling', errors: 600, durationMs: 200_000 }]);
 * // ['canary.release.yaml exposed 120 fewer users to errors than it would as rolling, and was 3m slower']
 */
export function namedPlanVerdict(named: VerdictFigures, others: readonly (VerdictFigures & { than: string })[]): string[] {
  return others.map((other) => {
    const fewer = Math.round(other.errors - named.errors);
    const errors =
      fewer === 0
        ? `exposed as many users to errors (${formatCount(named.errors)}) as ${other.than}`
        : `exposed ${formatCount(Math.abs(fewer))} ${fewer > 0 ? 'fewer' : 'more'} users to errors than ${other.than}`;
    const slower = named.durationMs - other.durationMs;
    const time = Math.abs(slower) < 1000 ? 'was as fast' : `was ${formatDuration(Math.abs(slower), ' ')} ${slower > 0 ? 'slower' : 'faster'}`;
    return `${named.label} ${errors}, and ${time}`;
  });
}
