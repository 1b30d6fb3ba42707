import type { AnalysisPhase, Measurement } from '../strategies/effects';

/**
 * The running totals of one gate, and the arithmetic that turns them into a phase. Pure data in,
 * pure data out, so the simulator and a real run judge gates the same way.
 */
export interface GateTally {
  /** Measurements that produced a value (successful, failed or inconclusive). Errors are not counted, as in Argo Rollouts. */
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  errors: number;
  consecutiveErrors: number;
}

export interface GateLimits {
  failureLimit: number;
  inconclusiveLimit: number;
  consecutiveErrorLimit: number;
  /** Measurements to take; undefined runs until stopped (a background gate). */
  count?: number | undefined;
}

/**
 * Whose rules decide a gate that has no data. `failSafe` (Switchyard's own runs, and every
 * simulation except under Argo Rollouts): a gate is Successful only with at least one successful
 * measurement. `argoRollouts`: what the controller does, which passes a gate whose count was
 * reached by inconclusive measurements within their limit, or that was stopped before it measured.
 */
export type GateJudge = 'failSafe' | 'argoRollouts';

/** A gate still measuring, or the phase it ended with. */
export type GateStatus = 'running' | AnalysisPhase;

export const EMPTY_TALLY: GateTally = { count: 0, successful: 0, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0 };

/**
 * Add one measurement to a tally. An error (no value: provider down, timeout, empty result, NaN)
 * does not count toward `count`; a successful, failed or inconclusive measurement ends a run of
 * errors, and only consecutive errors count against `consecutiveErrorLimit`.
 *
 * @example
 * addMeasurement(EMPTY_TALLY, 'error'); // { count: 0, errors: 1, consecutiveErrors: 1, ... }
 */
export function addMeasurement(tally: GateTally, phase: Measurement['phase']): GateTally {
  if (phase === 'error') return { ...tally, errors: tally.errors + 1, consecutiveErrors: tally.consecutiveErrors + 1 };
  const next = { ...tally, count: tally.count + 1, consecutiveErrors: 0 };
  next[phase] += 1;
  return next;
}

/**
 * Where a gate stands after its latest measurement. Limits are tolerances: a gate fails when its
 * failed measurements exceed `failureLimit`, so the default 0 fails on the first failure; more
 * than `consecutiveErrorLimit` errors in a row end it as `error`. Failure is checked before
 * inconclusive and errors. Once `count` is reached, a fail-safe gate without a single successful
 * measurement is inconclusive; Argo Rollouts calls it successful.
 *
 * @example
 * assessGate({ ...EMPTY_TALLY, count: 2, failed: 2 }, { failureLimit: 1, inconclusiveLimit: 0, consecutiveErrorLimit: 4, count: 5 });
 * // 'failed'
 * assessGate({ ...EMPTY_TALLY, count: 5, successful: 4, failed: 1 }, { failureLimit: 1, inconclusiveLimit: 0, consecutiveErrorLimit: 4, count: 5 });
 * // 'successful'
 */
export function assessGate(tally: GateTally, limits: GateLimits, judge: GateJudge = 'failSafe'): GateStatus {
  if (tally.failed > limits.failureLimit) return 'failed';
  if (tally.inconclusive > limits.inconclusiveLimit) return 'inconclusive';
  if (tally.consecutiveErrors > limits.consecutiveErrorLimit) return 'error';
  if (limits.count !== undefined && tally.count >= limits.count) return judge === 'failSafe' && tally.successful === 0 ? 'inconclusive' : 'successful';
  return 'running';
}

/**
 * The phase of a gate stopped while still running (a background analysis when the steps end):
 * fail-safe, successful only after a successful measurement, else inconclusive; Argo Rollouts
 * calls any terminated metric without a failure successful, measured or not.
 *
 * @example
 * stoppedGatePhase({ ...EMPTY_TALLY, errors: 3, consecutiveErrors: 3 }, 'failSafe');     // 'inconclusive'
 * stoppedGatePhase({ ...EMPTY_TALLY, errors: 3, consecutiveErrors: 3 }, 'argoRollouts'); // 'successful'
 */
export function stoppedGatePhase(tally: GateTally, judge: GateJudge): 'successful' | 'inconclusive' {
  return judge === 'argoRollouts' || tally.successful > 0 ? 'successful' : 'inconclusive';
}

/**
 * Whether a gate that ended successful did so without one successful measurement: what the
 * controller passes and Switchyard flags.
 *
 * @example
 * passedWithoutData({ ...EMPTY_TALLY, count: 3, inconclusive: 3 }); // true
 */
export function passedWithoutData(tally: GateTally): boolean {
  return tally.successful === 0;
}

const SEVERITY: Record<AnalysisPhase, number> = { successful: 0, inconclusive: 1, error: 2, failed: 3 };

/**
 * The phase of an analysis run from the phases of its gates: the worst one wins
 * (failed, then error, then inconclusive). No gates at all is a success.
 *
 * @example
 * worstPhase(['successful', 'inconclusive']); // 'inconclusive'
 */
export function worstPhase(phases: readonly AnalysisPhase[]): AnalysisPhase {
  let worst: AnalysisPhase = 'successful';
  for (const phase of phases) if (SEVERITY[phase] > SEVERITY[worst]) worst = phase;
  return worst;
}
