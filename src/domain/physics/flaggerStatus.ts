import type { FlaggerPhase } from './flagger';

/**
 * The Canary's status as Flagger writes it (pkg/canary/status.go). Its `canaryWeight` is a
 * quantity of its own, not the router's: Flagger writes it only from the canary weight steps and
 * the stepped promotion, and clears it on most phase changes, so during blue-green or A/B it stays
 * 0 while the router sends everything to the canary.
 */

/** Every phase a Canary's status can hold; the analysis loop (`flaggerStep`) uses a subset. */
export type FlaggerCanaryPhase = FlaggerPhase | 'initializing' | 'waiting' | 'waitingPromotion';

export interface FlaggerCanaryStatus {
  readonly phase: FlaggerCanaryPhase;
  /** status.canaryWeight: what the Canary reports, not necessarily what the router does. */
  readonly canaryWeight: number;
  readonly failedChecks: number;
  readonly iterations: number;
}

/** A status known to be in phase P. */
export type StatusIn<P extends FlaggerCanaryPhase> = FlaggerCanaryStatus & { readonly phase: P };

/** The phases in which a phase change keeps the reported weight and iterations. */
const PHASES_KEEPING_PROGRESS: readonly FlaggerCanaryPhase[] = ['progressing', 'waiting', 'promoting'];

/**
 * The status after a phase change (`setStatusPhase`): outside progressing, waiting and promoting
 * the reported weight and iterations go back to 0, except that waitingPromotion sets iterations
 * to one less than the analysis asks for. Failed checks are kept.
 *
 * @example
 * setStatusPhase({ phase: 'promoting', canaryWeight: 50, failedChecks: 1, iterations: 0 }, 'finalising', 0);
 * // { phase: 'finalising', canaryWeight: 0, failedChecks: 1, iterations: 0 }
 */
export function setStatusPhase<P extends FlaggerCanaryPhase>(status: FlaggerCanaryStatus, phase: P, analysisIterations: number): StatusIn<P> {
  if (PHASES_KEEPING_PROGRESS.includes(phase)) return { ...status, phase };
  const iterations = phase === 'waitingPromotion' ? analysisIterations - 1 : 0;
  return { ...status, phase, canaryWeight: 0, iterations };
}

/**
 * The status Flagger writes whole (`syncStatus`): the fields it is given, counters not given
 * are 0, as a Go struct literal leaves them.
 *
 * @example
 * syncStatus({ phase: 'failed' }); // { phase: 'failed', canaryWeight: 0, failedChecks: 0, iterations: 0 }
 */
export function syncStatus<P extends FlaggerCanaryPhase>(status: Partial<Omit<FlaggerCanaryStatus, 'phase'>> & { readonly phase: P }): StatusIn<P> {
  return { canaryWeight: 0, failedChecks: 0, iterations: 0, ...status };
}
