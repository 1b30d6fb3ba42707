/**
 * The plan's risk in the release panel: many seeded runs of its bad and its good scenario, drawn
 * as distributions (users who saw errors when the version is bad, duration when it is good). The
 * host computes it in chunks and sends it inside every view snapshot; the webview only draws.
 */

export const RISK_STATUSES = ['idle', 'running', 'done', 'error'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** Runs per scenario the panel offers. */
export const RISK_RUNS = [200, 500, 1000, 2000] as const;
export const MAX_RISK_RUNS = 5000;

export const RISK_UNITS = ['duration', 'count'] as const;
export type RiskUnit = (typeof RISK_UNITS)[number];

/** One bar of a histogram: runs whose value is in [from, to) (the last bar includes `to`). */
export interface HistogramBinView {
  from: number;
  to: number;
  count: number;
}

/** One scenario's runs: what they say in a sentence, and the distribution of the figure that matters for it. */
export interface RiskSideView {
  scenario: string;
  runs: number;
  /** "caught in 99.5% of runs (0.5% promoted it)", "rolled back in 0.4% of runs". */
  headline: string;
  /** "Users who saw errors", "Duration". */
  figure: string;
  unit: RiskUnit;
  bins: HistogramBinView[];
  p50: number;
  p95: number;
}

export interface RiskView {
  status: RiskStatus;
  /** Runs per scenario asked for, and runs done so far over both scenarios. */
  runs: number;
  done: number;
  message: string;
  bad: RiskSideView | null;
  good: RiskSideView | null;
}

export function idleRisk(): RiskView {
  return { status: 'idle', runs: 0, done: 0, message: '', bad: null, good: null };
}
