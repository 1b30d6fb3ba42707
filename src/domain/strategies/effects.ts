import type { HookMoment } from '../hooks/points';
import type { HeaderMatch } from '../plan/schema';
import type { DeadlineAction } from './engines/progressDeadline';

/**
 * The contract between a strategy machine and whoever drives it.
 *
 * A machine never does I/O. Every effect is an actor invoked by name; the simulator provides
 * these names as actors acting on its model under a virtual clock, the runner as actors calling
 * real adapters. Both provide them as callback actors (`fromCallback`) that report back with
 * `sendBack`, so a simulation stays synchronous and deterministic and a real run stays async:
 *
 *   sendBack({ type: 'scale.done' })
 *   sendBack({ type: 'scale.failed', reason: 'instance checkout-3 crashed 3 times' })
 *   sendBack({ type: 'runAnalysis.done', output: { phase: 'failed', ... } })
 *
 * A machine state that invokes an effect passes its input with `invoke.input` typed below and
 * listens for `<effect>.done` / `<effect>.failed`. When the state is left, the actor is stopped;
 * a driver must ignore (or cancel) work whose actor has stopped.
 */

/** The two sides of every release: what runs now, and what is being released. */
export type Role = 'stable' | 'candidate';

/** Percent of live traffic per role; the two always sum to 100. */
export interface Weights {
  stable: number;
  candidate: number;
}

/** Where the router sends traffic. */
export interface RouteSpec {
  weights: Weights;
  /** Requests matching any of these go to the candidate regardless of weights (A/B tests). */
  headerRoutes?: HeaderMatch[];
  /** Percent of live traffic copied to the candidate; its responses are dropped (shadow). */
  mirrorPercent?: number;
}

export interface EffectInputs {
  /** Bring up the candidate environment (a new ReplicaSet, a preview stack) with no traffic. */
  provision: { role: Role; replicas: number };
  /**
   * Set the desired instance count of a role. Done once the request is accepted; use checkHealth
   * to wait. `awaitGone`: done only once none of the role's instances is left, draining ones
   * included (Kubernetes' Recreate starts the new pods only after the old ones have terminated).
   */
  scale: { role: Role; replicas: number; awaitGone?: boolean };
  /** Change routing. Done once the router reports the new split in effect. */
  setTraffic: RouteSpec;
  /**
   * Wait until `replicas` instances of the role are ready and have stayed ready for minReadyMs.
   * Fails when that has not happened within deadlineMs (the plan's progress deadline), unless
   * `onDeadline` is `report`: then the deadline is recorded and the wait goes on, as the
   * Deployment controller and Argo Rollouts (without progressDeadlineAbort) do.
   */
  checkHealth: { role: Role; replicas: number; minReadyMs: number; deadlineMs: number; onDeadline?: DeadlineAction };
  /**
   * Run the named gates to completion (each takes `count` measurements at its `interval`) and
   * report one phase. Gates without a count are not allowed here; see watchAnalysis. `check`:
   * this analysis is one check of a Flagger-style loop, so its result can say where the loop stands.
   */
  runAnalysis: { gates: string[]; role: Role; check?: AnalysisCheck };
  /**
   * Run gates in the background; reports `watchAnalysis.measured` once every gate has a
   * successful measurement, and `watchAnalysis.failed`, or nothing more until stopped.
   */
  watchAnalysis: { gates: string[]; role: Role };
  /** Wait for an operator (an indefinite pause). Done when approved; operator.promote also ends it. */
  awaitApproval: { reason: string };
  /**
   * Call the plan's hooks at a point (src/domain/hooks/points.ts says what each point does with
   * the answers): done once every confirm hook said yes, every check passed, every notification
   * was sent; failed when a check failed or a confirm hook's deadline passed. `rollout` asks the
   * rollback hooks first, and a yes from one fails with `rollback: true`.
   */
  runHook: HookMoment;
}

export type EffectName = keyof EffectInputs;

export const EFFECT_NAMES: readonly EffectName[] = [
  'provision',
  'scale',
  'setTraffic',
  'checkHealth',
  'runAnalysis',
  'watchAnalysis',
  'awaitApproval',
  'runHook',
];

/**
 * One check of a Flagger-style loop (A/B test, shadow, Flagger canary): the failed checks before
 * this one, the loop's `threshold` (failed checks that end it) and the wait before the next check.
 */
export interface AnalysisCheck {
  failedChecks: number;
  threshold: number;
  intervalMs: number;
}

/** How an analysis run ended, with Argo Rollouts' phases. */
export type AnalysisPhase = 'successful' | 'failed' | 'inconclusive' | 'error';

export interface Measurement {
  gate: string;
  /** Virtual or wall time of the measurement, in ms from the start of the run. */
  at: number;
  value: number | null;
  phase: 'successful' | 'failed' | 'inconclusive' | 'error';
  message?: string;
}

export interface AnalysisOutput {
  phase: AnalysisPhase;
  measurements: Measurement[];
  /** Human summary, e.g. "error-rate: 3 of 3 measurements failed (0.12 >= 0.05)". */
  message: string;
}

/** The events effect actors send back to the machine. */
export type EffectEvent =
  | { type: 'provision.done' }
  | { type: 'provision.failed'; reason: string }
  | { type: 'scale.done' }
  | { type: 'scale.failed'; reason: string }
  | { type: 'setTraffic.done' }
  | { type: 'setTraffic.failed'; reason: string }
  | { type: 'checkHealth.done' }
  | { type: 'checkHealth.failed'; reason: string }
  | { type: 'runAnalysis.done'; output: AnalysisOutput }
  | { type: 'runAnalysis.failed'; reason: string }
  | { type: 'watchAnalysis.failed'; output: AnalysisOutput }
  /** Every background gate has a successful measurement: it no longer holds the promotion. */
  | { type: 'watchAnalysis.measured' }
  | { type: 'awaitApproval.done' }
  | { type: 'runHook.done' }
  | { type: 'runHook.failed'; reason: string; rollback?: boolean };

/** Operator verbs, the same in a simulation and a real run. */
export type OperatorEvent =
  | { type: 'operator.promote' }
  | { type: 'operator.promoteFull' }
  | { type: 'operator.pause' }
  | { type: 'operator.resume' }
  | { type: 'operator.abort'; reason?: string }
  | { type: 'operator.retry' }
  | { type: 'operator.skipStep' };

export type StrategyEvent = EffectEvent | OperatorEvent;

/** How a run ended. `paused` is a documented stop: the machine waits for an operator. */
export type Outcome = 'promoted' | 'rolledBack' | 'aborted' | 'paused' | 'failed';
