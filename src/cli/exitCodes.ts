import type { Outcome } from '../domain/strategies/effects';

/** Exit codes say what happened, so CI can branch on them without parsing output. */
export const EXIT = {
  promoted: 0,
  internalError: 1,
  invalidPlan: 2,
  rolledBack: 3,
  aborted: 4,
  failed: 5,
  paused: 6,
  unexpectedOutcome: 7,
  /** A target is locked by another run: refused before anything was done. */
  targetBusy: 8,
  usage: 64,
} as const;

export function exitCodeForOutcome(outcome: Outcome): number {
  return EXIT[outcome];
}
