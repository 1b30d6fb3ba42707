/**
 * Side-by-side comparison in the release panel: this plan and another (a plan file or the same
 * plan under another strategy) run many times on the same scenario, summarized as distributions.
 * The host computes it in chunks and sends it inside every view snapshot, so the webview only draws.
 */

export const COMPARE_STATUSES = ['idle', 'running', 'done', 'error'] as const;
export type CompareStatus = (typeof COMPARE_STATUSES)[number];

export const COMPARE_UNITS = ['count', 'duration', 'ratio'] as const;
export type CompareUnit = (typeof COMPARE_UNITS)[number];

/** Runs per plan the panel offers: enough for a p95 without keeping the host busy for long. */
export const COMPARE_RUNS = [50, 100, 200, 500] as const;
export const MAX_COMPARE_RUNS = 2000;

/** Something the shown plan can be compared with; `id` goes back in compare/run and compare/choose. */
export interface CompareOptionView {
  id: string;
  label: string;
  /** "plan file" or "strategy", with detail, e.g. "rolling · examples/rolling.release.yaml". */
  description: string;
}

/** How a plan's runs read against the scenario's version, in the order the panel shows them. */
export const COMPARE_READING_KEYS = ['detection', 'falseAlarm', 'stalled', 'missed', 'passed', 'failed'] as const;
export type CompareReadingKey = (typeof COMPARE_READING_KEYS)[number];

/**
 * One row of how a plan's runs read. Every run counts in exactly one row, so a column's rows add
 * up to 100 %: Detection, Stalled and Missed when the scenario's version is bad; False alarm,
 * Stalled and Passed when it is good; Failed as well when any run failed.
 */
export interface CompareReadingView {
  key: CompareReadingKey;
  label: string;
  /** Share of the runs, 0..1. */
  share: number;
  lowerIsBetter: boolean;
  /** More to say, in words, or empty: why runs stalled ("20 after a failed gate or check"). */
  detail: string;
}

/** One figure's distribution over the runs (p5, median, p95, mean). */
export interface CompareFigureView {
  key: string;
  label: string;
  unit: CompareUnit;
  lowerIsBetter: boolean;
  p5: number;
  p50: number;
  p95: number;
  mean: number;
}

export interface CompareColumnView {
  id: string;
  label: string;
  strategy: string;
  /** The plan the panel shows (the left column). */
  current: boolean;
  /** Share of runs per outcome, most frequent first. */
  outcomes: { outcome: string; probability: number }[];
  /** Detection or false alarm, stalled, missed or passed (and failed): see {@link CompareReadingView}. */
  readings: CompareReadingView[];
  figures: CompareFigureView[];
}

export interface ComparisonView {
  options: CompareOptionView[];
  status: CompareStatus;
  scenario: string;
  /** Runs per plan asked for, and runs done so far over both plans (progress = done / (2 × runs)). */
  runs: number;
  done: number;
  /** What is happening or went wrong, in words. */
  message: string;
  columns: CompareColumnView[];
}

/** What a panel shows before any comparison: the options only. */
export function idleComparison(options: CompareOptionView[] = []): ComparisonView {
  return { options, status: 'idle', scenario: '', runs: 0, done: 0, message: '', columns: [] };
}
