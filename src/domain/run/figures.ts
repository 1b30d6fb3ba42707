import type { Figures } from '../simulator/types';

/** What the figures need from the run's counters at the end. */
export interface CounterTotals {
  requests: number;
  requestsToCandidate: number;
  requestsMirrored: number;
  userErrors: number;
}

/**
 * Collects the outcome figures while a run advances; `result` freezes them.
 *
 * Time to detect runs from the first instant the candidate was worse than stable (its own
 * behaviour, a badVersion fault or degradation) while it received live or mirrored traffic, to
 * the failure decision. Time to restore runs from that decision to live traffic all on stable.
 *
 * @example
 * const tracker = new FigureTracker(10);
 * tracker.observeCapacity(7);           // 7 of 10 desired instances serving
 * tracker.observeBadServing(60_000);    // candidate bad and serving from 60 s
 * tracker.decide(240_000);              // gate failed at 240 s
 * tracker.observeCandidateShare(250_000, 0);
 * tracker.result(300_000, totals);      // lowestCapacity 0.7, timeToDetectMs 180000, timeToRestoreMs 10000
 */
export class FigureTracker {
  private lowestCapacity = 1;
  private peakInstances = 0;
  private badSince: number | null = null;
  private decisionAt: number | null = null;
  private restoredAt: number | null = null;

  constructor(private readonly desiredReplicas: number) {}

  /** Ready instances that receive live traffic right now. */
  observeCapacity(servingReady: number): void {
    const capacity = Math.min(1, servingReady / Math.max(1, this.desiredReplicas));
    if (capacity < this.lowestCapacity) this.lowestCapacity = capacity;
  }

  observeAlive(alive: number): void {
    if (alive > this.peakInstances) this.peakInstances = alive;
  }

  /** The candidate is bad and receives traffic at `t`; only the first call counts. */
  observeBadServing(t: number): void {
    if (this.badSince === null) this.badSince = t;
  }

  /** Whether `observeBadServing` has been called (later calls change nothing). */
  get sawBadServing(): boolean {
    return this.badSince !== null;
  }

  /** The machine decided the release failed (rollback, or a pause after a failure). */
  decide(t: number): void {
    if (this.decisionAt === null) this.decisionAt = t;
  }

  get decided(): boolean {
    return this.decisionAt !== null;
  }

  /** Live share of the candidate (0..1) at `t`; restoring ends when it reaches 0 after a decision. */
  observeCandidateShare(t: number, share: number): void {
    if (this.decisionAt !== null && this.restoredAt === null && share === 0) this.restoredAt = t;
  }

  result(durationMs: number, totals: CounterTotals): Figures {
    const detected = this.decisionAt !== null && this.badSince !== null && this.badSince <= this.decisionAt;
    return {
      durationMs,
      requests: Math.round(totals.requests),
      requestsToCandidate: Math.round(totals.requestsToCandidate),
      requestsMirrored: Math.round(totals.requestsMirrored),
      userErrors: Math.round(totals.userErrors),
      lowestCapacity: this.lowestCapacity,
      peakInstances: this.peakInstances,
      timeToDetectMs: detected ? (this.decisionAt as number) - (this.badSince as number) : null,
      timeToRestoreMs: this.decisionAt !== null && this.restoredAt !== null ? this.restoredAt - this.decisionAt : null,
    };
  }
}
