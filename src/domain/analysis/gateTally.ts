import type { AnalysisPhase, Measurement } from '../strategies/effects';

/**
 * The running totals of one gate, and the Argo Rollouts arithmetic that turns them into a phase.
 * Pure data in, pure data out, so the simulator and a real run judge gates the same way.
 */
export interface GateTally {
  /** Measurements taken, errors included (Argo counts them too). */
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

/** A gate still measuring, or the phase it ended with. */
export type GateStatus = 'running' | AnalysisPhase;

export const EMPTY_TALLY: GateTally = { count: 0, successful: 0, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0 };

/**
 * Add one measurement to a tally. A successful, failed or inconclusive measurement ends a run of
 * errors; only consecutive errors count against `consecutiveErrorLimit`.
 *
 * @example
 * addMeasurement(EMPTY_TALLY, 'error'); // { count: 1, errors: 1, consecutiveErrors: 1, ... }
 */
export function addMeasurement(tally: GateTally, phase: Measurement['phase']): GateTally {
  const next = { ...tally, count: tally.count + 1 };
  if (phase === 'error') return { ...next, errors: tally.errors + 1, consecutiveErrors: tally.consecutiveErrors + 1 };
  next.consecutiveErrors = 0;
  next[phase] += 1;
  return next;
}

/**
 * Where a gate stands after its latest measurement. Limits are tolerances: a gate fails when its
 * failed measurements exceed `failureLimit`, so the default 0 fails on the first failure.
 * Failure is checked before inconclusive and errors, as Argo does.
 *
 * @example
 * assessGate({ ...EMPTY_TALLY, count: 2, failed: 2 }, { failureLimit: 1, inconclusiveLimit: 0, consecutiveErrorLimit: 4, count: 5 });
 * // 'failed'
 * assessGate({ ...EMPTY_TALLY, count: 5, successful: 4, failed: 1 }, { failureLimit: 1, inconclusiveLimit: 0, consecutiveErrorLimit: 4, count: 5 });
 * // 'successful'
 */
export function assessGate(tally: GateTally, limits: GateLimits): GateStatus {
  if (tally.failed > limits.failureLimit) return 'failed';
  if (tally.inconclusive > limits.inconclusiveLimit) return 'inconclusive';
  if (tally.consecutiveErrors > limits.consecutiveErrorLimit) return 'error';
  if (limits.count !== undefined && tally.count >= limits.count) return 'successful';
  return 'running';
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
