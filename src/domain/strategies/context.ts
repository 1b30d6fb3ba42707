import type { Plan, StrategyKind } from '../plan/schema';
import type { AnalysisOutput, Outcome, Role, RouteSpec } from './effects';
import { FLAGGER_DEFAULT_INTERVAL_MS, FLAGGER_PROMOTION_TICKS } from './engines/flaggerIterations';
import { provisionReplicas, STRATEGY_PROFILES } from './profiles';
import { stepsFor } from './steps';
import type { StrategyStep } from './steps';

/** What every strategy machine is started with. */
export interface StrategyInput {
  plan: Plan;
}

/** What a strategy machine reports when it reaches a final state. */
export interface StrategyOutput {
  outcome: Outcome;
  reason: string;
}

/** Why the machine sits in `paused`. */
export type PauseCause = 'failure' | 'inconclusive';

/**
 * The context of every strategy machine. Plain data only, so `getPersistedSnapshot` can store it
 * in a journal and a run can resume from it. Drivers and views may read every field.
 *
 * At most 19 fields: XState's `assign` copies the context with `Object.assign({}, ...)`, and V8
 * turns an object built that way with a 20th property into a slow dictionary (every assign then
 * costs several microseconds, every read a lookup). Derive what the plan already says instead.
 */
export interface StrategyContext {
  plan: Plan;
  kind: StrategyKind;
  /** The track, resolved from the plan when the machine starts. */
  steps: StrategyStep[];
  /** Index into `steps` of the step running now; equals `steps.length` once all are done. */
  stepIndex: number;
  /** The routing last confirmed by `setTraffic.done`. */
  route: RouteSpec;
  /** Instance counts last accepted by `scale.done` / `provision.done`. */
  replicas: Record<Role, number>;
  /** Candidate instances `provision` starts with (0: the steps scale it). */
  provisionReplicas: number;
  /** Gates watched in the background for the whole of `progressing`. */
  backgroundGates: string[];
  /** Every background gate has had a successful measurement; until then the steps cannot end in a promotion. */
  backgroundMeasured: boolean;
  /** Gates run after traffic has switched to the candidate (blue-green). */
  postPromotionGates: string[];
  /** How long the old stable keeps running after promotion (blue-green scale-down delay; Flagger's promoting and finalising intervals). */
  scaleDownDelayMs: number;
  /** Failed interval checks so far, counted against the threshold of the strategy's checks (Flagger). */
  failedChecks: number;
  analysis: AnalysisOutput | null;
  failureReason: string | null;
  pauseCause: PauseCause | null;
  /** The phase the last failure happened in: provisioning, progressing, awaitingPromotion or promoting. */
  failedPhase: string | null;
  /** Set by operator.pause: the machine stops before the next step. */
  holdRequested: boolean;
  /** Set by operator.abort: rolling back ends in `aborted`, not `rolledBack`. */
  aborting: boolean;
  outcome: Outcome | null;
}

const STABLE_ONLY: RouteSpec = { weights: { stable: 100, candidate: 0 } };

// Resolving the track runs the engine arithmetic (Argo waves, Kubernetes syncs), and a Monte Carlo
// starts a thousand machines on one plan object. Plans are never mutated once parsed, and a
// machine only reads its steps, so every run of a plan shares one resolved track.
const resolvedSteps = new WeakMap<Plan, Partial<Record<StrategyKind, StrategyStep[]>>>();

/**
 * `stepsFor`, memoized per plan object and strategy kind. Treat the result as read-only.
 *
 * @example
 * sharedSteps(plan, 'canary') === sharedSteps(plan, 'canary'); // true
 */
export function sharedSteps(plan: Plan, kind: StrategyKind): StrategyStep[] {
  let byKind = resolvedSteps.get(plan);
  if (!byKind) {
    byKind = {};
    resolvedSteps.set(plan, byKind);
  }
  return (byKind[kind] ??= stepsFor(plan, kind));
}

/**
 * The context a strategy machine starts (and restarts on operator.retry) with.
 *
 * @example
 * const context = initialContext(plan, 'canary');
 * context.steps.length; // the plan's canary steps
 * context.route;        // { weights: { stable: 100, candidate: 0 } }
 */
export function initialContext(plan: Plan, kind: StrategyKind): StrategyContext {
  const profile = STRATEGY_PROFILES[kind];
  const promotion = profile.promotion?.(plan);
  return {
    plan,
    kind,
    steps: sharedSteps(plan, kind),
    stepIndex: 0,
    route: STABLE_ONLY,
    replicas: { stable: plan.replicas, candidate: 0 },
    provisionReplicas: provisionReplicas(plan, kind),
    backgroundGates: profile.backgroundGates(plan),
    backgroundMeasured: false,
    postPromotionGates: promotion?.postPromotionGates ?? [],
    scaleDownDelayMs: plan.engine === 'flagger' ? flaggerPromotionMs(plan, kind) : (promotion?.scaleDownDelayMs ?? 0),
    failedChecks: 0,
    analysis: null,
    failureReason: null,
    pauseCause: null,
    failedPhase: null,
    holdRequested: false,
    aborting: false,
    outcome: null,
  };
}

/**
 * Under engine flagger the old version goes two intervals after the check that promotes, when
 * Flagger's Canary reads Succeeded (FLAGGER_PROMOTION_TICKS); meanwhile both Deployments keep
 * their pods, as Flagger's primary and canary do while it promotes and finalises.
 *
 * @example
 * flaggerPromotionMs(abTestPlan, 'abTest'); // 120000 with interval 1m
 */
export function flaggerPromotionMs(plan: Plan, kind: StrategyKind): number {
  return FLAGGER_PROMOTION_TICKS * (STRATEGY_PROFILES[kind].checks(plan)?.interval ?? FLAGGER_DEFAULT_INTERVAL_MS);
}

/** The step the machine is on, if any. */
export function currentStep(context: StrategyContext): StrategyStep | undefined {
  return context.steps[context.stepIndex];
}
