/**
 * Flagger's analysis loop (pkg/controller/scheduler.go `advanceCanary`) as a pure step: one call
 * is one analysis interval. Traffic weights always add up to 100 (primary = 100 - canary).
 *
 * Phases follow Flagger's: initialized -> progressing -> promoting -> finalising -> succeeded, or
 * failed. `initialized` stands for "a new revision was just detected": the first interval only
 * scales the canary up and enters progressing, as Flagger does.
 */

// The Canary and Deployment readers sit in their own file; one namespace keeps Flagger's names together.
export { deploymentStrategy, isDeploymentReady, scaleFromZero } from './flaggerDeployment';
export type { DeploymentCondition, DeploymentReadiness, FlaggerDeployment, FlaggerStrategy, ScaleFromZeroInput } from './flaggerDeployment';

export type FlaggerPhase = 'initialized' | 'progressing' | 'promoting' | 'finalising' | 'succeeded' | 'failed';

export interface FlaggerState {
  readonly phase: FlaggerPhase;
  /** Percent of live traffic on the canary (of the matched requests, for A/B). */
  readonly canaryWeight: number;
  readonly failedChecks: number;
  readonly iterations: number;
  /** The router mirrors traffic to the canary (responses from the primary only). */
  readonly mirrored: boolean;
}

export interface FlaggerConfig {
  /** analysis.stepWeight: linear increments. */
  readonly stepWeight?: number;
  /** analysis.stepWeights: explicit weights; used when stepWeight is not set. */
  readonly stepWeights?: readonly number[];
  /** analysis.maxWeight: promote once the canary weight reaches it; default 100. */
  readonly maxWeight?: number;
  /** analysis.threshold: failed checks before rollback; default 1. */
  readonly threshold?: number;
  /** analysis.iterations: blue-green (or A/B with `match`) instead of weights. */
  readonly iterations?: number;
  /** analysis.match is set: A/B testing by headers or cookies. */
  readonly match?: boolean;
  /** analysis.mirror */
  readonly mirror?: boolean;
  /** analysis.stepWeightPromotion: shift traffic back to the primary in steps after promotion. */
  readonly stepWeightPromotion?: number;
  /** The mesh provider; `kubernetes` has no traffic routing, so Flagger runs blue-green. */
  readonly provider?: 'kubernetes' | 'mesh';
}

/** What happened during one interval. */
export interface FlaggerInterval {
  /**
   * This interval's gate passed: pre-rollout webhooks on the first analysis interval (no traffic
   * yet), metric checks and rollout webhooks after that.
   */
  readonly checksPassed: boolean;
}

const TOTAL_WEIGHT = 100;

/** The state before a new revision is detected. */
export const FLAGGER_INITIAL_STATE: FlaggerState = { phase: 'initialized', canaryWeight: 0, failedChecks: 0, iterations: 0, mirrored: false };

/**
 * The weight at which Flagger promotes (`maxWeight`): the last stepWeights entry (at most 100),
 * else maxWeight, else 100.
 *
 * @example
 * maxWeight({ stepWeights: [1, 5, 25, 50] }); // 50
 * maxWeight({ stepWeight: 10 });              // 100
 */
export function maxWeight(config: FlaggerConfig): number {
  const last = config.stepWeights?.at(-1);
  if (last !== undefined) return Math.min(TOTAL_WEIGHT, last);
  return config.maxWeight !== undefined && config.maxWeight > 0 ? config.maxWeight : TOTAL_WEIGHT;
}

/**
 * How much the canary weight grows next (`nextStepWeight`). With stepWeight it is stepWeight;
 * with stepWeights it is the gap to the next entry, never past 100; at 100 it is 1, which only
 * serves to trigger promotion; from a weight not in the list it jumps to 100.
 *
 * @example
 * nextStepWeight({ stepWeights: [1, 5, 25, 50] }, 0); // 1
 * nextStepWeight({ stepWeights: [1, 5, 25, 50] }, 5); // 20
 * nextStepWeight({ stepWeight: 10 }, 40);             // 10
 */
export function nextStepWeight(config: FlaggerConfig, canaryWeight: number): number {
  const steps = config.stepWeights ?? [];
  if ((config.stepWeight ?? 0) > 0 || steps.length === 0) return config.stepWeight ?? 0;
  const maxStep = TOTAL_WEIGHT - canaryWeight;
  if (maxStep === 0) return 1;
  if (canaryWeight === 0) return Math.min(maxStep, steps[0] ?? maxStep);
  const index = steps.indexOf(canaryWeight);
  const next = index >= 0 && index < steps.length - 1 ? steps[index + 1] : undefined;
  return next === undefined ? maxStep : Math.min(maxStep, next - canaryWeight);
}

function threshold(config: FlaggerConfig): number {
  return config.threshold !== undefined && config.threshold > 0 ? config.threshold : 1;
}

function runPromotionTrafficShift(state: FlaggerState, config: FlaggerConfig): FlaggerState {
  if (config.provider === 'kubernetes') return { ...state, phase: 'finalising' };
  const step = config.stepWeightPromotion ?? 0;
  if (step === 0) return { ...state, phase: 'finalising', canaryWeight: 0, mirrored: false };
  if (state.canaryWeight === 0) return state;
  const primary = Math.min(TOTAL_WEIGHT, TOTAL_WEIGHT - state.canaryWeight + step);
  const canary = Math.max(0, state.canaryWeight - step);
  return { ...state, canaryWeight: canary, mirrored: false, phase: primary === TOTAL_WEIGHT ? 'finalising' : 'promoting' };
}

function runCanary(state: FlaggerState, config: FlaggerConfig): FlaggerState {
  if (state.canaryWeight >= maxWeight(config)) return { ...state, phase: 'promoting' };
  const step = nextStepWeight(config, state.canaryWeight);
  if (config.mirror === true && state.canaryWeight === 0) {
    // One interval of mirroring (the canary sees copies of requests, users see the primary)
    // before any live traffic moves.
    return state.mirrored ? { ...state, mirrored: false, canaryWeight: step } : { ...state, mirrored: true, canaryWeight: 0 };
  }
  // Capped at 100, not at maxWeight: stepWeight 20 with maxWeight 50 goes 20, 40, 60, then promotes.
  return { ...state, canaryWeight: Math.min(TOTAL_WEIGHT, state.canaryWeight + step) };
}

function runBlueGreen(state: FlaggerState, config: FlaggerConfig, iterations: number): FlaggerState {
  const routed = config.provider !== 'kubernetes';
  if (iterations > state.iterations) {
    const mirrored = routed && config.mirror === true ? true : state.mirrored;
    return { ...state, mirrored, iterations: state.iterations + 1 };
  }
  if (iterations === state.iterations) {
    // The analysis is done; move all traffic to the canary for one more interval before promotion.
    const routing = routed ? { canaryWeight: TOTAL_WEIGHT, mirrored: false } : {};
    return { ...state, ...routing, iterations: state.iterations + 1 };
  }
  return { ...state, phase: 'promoting' };
}

function runAB(state: FlaggerState, iterations: number): FlaggerState {
  if (iterations > state.iterations) return { ...state, canaryWeight: TOTAL_WEIGHT, iterations: state.iterations + 1 };
  if (iterations === state.iterations) return { ...state, phase: 'promoting' };
  return state;
}

/**
 * Advances Flagger's analysis by one interval. In order: promotion traffic shift, finalising,
 * rollback once failedChecks reached the threshold (checked before this interval's checks, so a
 * failure is acted on one interval later), this interval's gate (a failure only counts), then one
 * move of the strategy: A/B, blue-green (iterations), or canary weights.
 *
 * @example
 * const config = { stepWeight: 10, maxWeight: 50, threshold: 2 };
 * let s = flaggerStep(FLAGGER_INITIAL_STATE, config, { checksPassed: true }); // progressing, weight 0
 * s = flaggerStep(s, config, { checksPassed: true });                        // weight 10
 * s = flaggerStep(s, config, { checksPassed: false });                       // weight 10, failedChecks 1
 */
export function flaggerStep(state: FlaggerState, config: FlaggerConfig, interval: FlaggerInterval): FlaggerState {
  switch (state.phase) {
    case 'succeeded':
    case 'failed':
      return state;
    case 'initialized':
      return { phase: 'progressing', canaryWeight: 0, failedChecks: 0, iterations: 0, mirrored: false };
    case 'promoting':
      return runPromotionTrafficShift(state, config);
    case 'finalising':
      return { ...state, phase: 'succeeded' };
    case 'progressing':
      break;
  }
  if (state.failedChecks >= threshold(config)) return { ...state, phase: 'failed', canaryWeight: 0, mirrored: false };
  if (!interval.checksPassed) return { ...state, failedChecks: state.failedChecks + 1 };

  const kubernetes = config.provider === 'kubernetes';
  const configured = config.iterations ?? 0;
  // Without a router Flagger can only swap whole deployments: blue-green, 10 iterations by default.
  const iterations = kubernetes && configured < 1 ? 10 : configured;
  if (config.match === true && !kubernetes && iterations > 0) return runAB(state, iterations);
  if (iterations > 0) return runBlueGreen(state, config, iterations);
  if (nextStepWeight(config, state.canaryWeight) > 0) return runCanary(state, config);
  return state;
}

/** One interval of a Flagger timeline, after the step. */
export interface FlaggerTimelineEntry extends FlaggerState {
  /** 1 for the interval that detected the new revision. */
  readonly interval: number;
  readonly primaryWeight: number;
}

function sameState(a: FlaggerState, b: FlaggerState): boolean {
  return a.phase === b.phase && a.canaryWeight === b.canaryWeight && a.failedChecks === b.failedChecks && a.iterations === b.iterations && a.mirrored === b.mirrored;
}

/**
 * Flagger's analysis interval by interval, from detection to succeeded or failed. `checks(n)`
 * says whether interval n's gate passed (all pass by default). Stops early if the state can no
 * longer change (e.g. stepWeight 0), or after `maxIntervals`.
 *
 * @example
 * flaggerTimeline({ stepWeight: 20, maxWeight: 50 }).map((e) => `${e.phase}:${e.canaryWeight}`);
 * // ['progressing:0', 'progressing:20', 'progressing:40', 'progressing:60',
 * //  'promoting:60', 'finalising:0', 'succeeded:0']
 */
export function flaggerTimeline(config: FlaggerConfig, checks: (interval: number) => boolean = () => true, maxIntervals = 1000): FlaggerTimelineEntry[] {
  const entries: FlaggerTimelineEntry[] = [];
  let state = FLAGGER_INITIAL_STATE;
  for (let interval = 1; interval <= maxIntervals; interval++) {
    const next = flaggerStep(state, config, { checksPassed: checks(interval) });
    if (sameState(next, state)) break;
    state = next;
    entries.push({ ...state, interval, primaryWeight: TOTAL_WEIGHT - state.canaryWeight });
    if (state.phase === 'succeeded' || state.phase === 'failed') break;
  }
  return entries;
}
