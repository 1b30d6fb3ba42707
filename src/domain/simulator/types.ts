import type { RunEvent } from '../run/events';
import type { Outcome, Role, Weights } from '../strategies/effects';

/** Instance counts of one role, by state. */
export interface InstanceCounts {
  starting: number;
  ready: number;
  draining: number;
  failed: number;
}

export interface RoleMetrics {
  /** Requests per second this role served in the interval (live traffic, not mirrored). */
  rps: number;
  errorRate: number;
  latencyP50: number;
  latencyP99: number;
}

/** The world at one instant, recorded once per simulation interval and at every machine step. */
export interface Snapshot {
  /** Virtual time in ms from the start of the run. */
  t: number;
  /** The machine's state value as a dotted path, e.g. "progressing.pausing". */
  state: string;
  stepIndex: number;
  stepCount: number;
  stepLabel: string;
  instances: Record<Role, InstanceCounts>;
  /** Weights the router applies right now (not the ones requested). */
  weights: Weights;
  mirrorPercent: number;
  metrics: Record<Role, RoleMetrics>;
  /** Cumulative figures up to t. */
  requests: number;
  requestsToCandidate: number;
  userErrors: number;
}

export interface Figures {
  durationMs: number;
  requests: number;
  requestsToCandidate: number;
  /** Requests copied to the candidate by mirroring (shadow); their responses never reach users. */
  requestsMirrored: number;
  /** Requests that failed for real users (mirrored requests never count). */
  userErrors: number;
  /** Lowest share of desired capacity that was ready and serving, 0..1. */
  lowestCapacity: number;
  /** Most instances alive at once (starting, ready or draining): the cost peak. */
  peakInstances: number;
  /** From the first moment the candidate was bad and serving (or mirrored) to the failure decision; null if never detected. */
  timeToDetectMs: number | null;
  /** From the failure decision to all traffic back on stable; null if no rollback. */
  timeToRestoreMs: number | null;
}

export interface RunResult {
  service: string;
  strategy: string;
  engine: string;
  scenario: string;
  seed: number;
  outcome: Outcome;
  /** Why the run ended this way, in words: "gate error-rate failed at step 3 (0.12 >= 0.05)". */
  reason: string;
  figures: Figures;
  /** The run's record: the run event union (src/domain/run/events.ts), as a real run's journal holds it. */
  events: RunEvent[];
  snapshots: Snapshot[];
}
