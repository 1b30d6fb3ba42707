/**
 * Flagger's analysis loop (pkg/controller/scheduler.go `advanceCanary`) as a pure step: one call
 * is one analysis interval. The router's weights always add up to 100 (primary = 100 - canary);
 * the Canary status reports a weight of its own (`statusWeight`, see flaggerStatus.ts).
 *
 * Phases follow Flagger's: initialized -> progressing -> promoting -> finalising -> succeeded, or
 * failed. `initialized` stands for "a new revision was just detected": the first interval only
 * scales the canary up and enters progressing, as Flagger does.
 */
import { checkCanaryStatus, enterPhase, handleFailedPromotion, restartAnalysis, rollback, shouldSkipAnalysis } from './flaggerOutcomes';
import { hasCanaryRevisionChanged, shouldAdvance } from './flaggerRevision';
import type { FlaggerTargetChanges } from './flaggerRevision';
import { runAB, runBlueGreen, runCanary, runPromotionTrafficShift } from './flaggerStrategies';
import { TOTAL_WEIGHT, nextStepWeight } from './flaggerWeights';
import type { DeploymentReadiness, ScaleFromZeroInput } from './flaggerDeployment';

// Flagger's other readers and branches sit in their own files; one namespace keeps its names together.
export { deploymentStrategy, isDeploymentReady, scaleFromZero } from './flaggerDeployment';
export type { DeploymentCondition, DeploymentReadiness, FlaggerDeployment, FlaggerStrategy, ScaleFromZeroInput } from './flaggerDeployment';
export { maxWeight, nextStepWeight } from './flaggerWeights';
export { runAB, runBlueGreen, runCanary, runPromotionTrafficShift } from './flaggerStrategies';
export { checkCanaryStatus, handleFailedPromotion, restartAnalysis, rollback, shouldSkipAnalysis } from './flaggerOutcomes';
export { configIsDisabled, hasCanaryRevisionChanged, hasConfigChanged, hasSpecChanged, shouldAdvance } from './flaggerRevision';
export type { FlaggerConfigChecksums, FlaggerSpecHashes, FlaggerTargetChanges } from './flaggerRevision';
export { setStatusPhase, syncStatus } from './flaggerStatus';
export type { FlaggerCanaryPhase, FlaggerCanaryStatus } from './flaggerStatus';

export type FlaggerPhase = 'initialized' | 'progressing' | 'promoting' | 'finalising' | 'succeeded' | 'failed';

export interface FlaggerState {
  readonly phase: FlaggerPhase;
  /** The router: percent of live traffic on the canary (of the matched requests, for A/B). */
  readonly canaryWeight: number;
  /** The router mirrors traffic to the canary (responses from the primary only). */
  readonly mirrored: boolean;
  /** status.canaryWeight: what the Canary reports, which blue-green, A/B and most phase changes leave at 0. */
  readonly statusWeight: number;
  readonly failedChecks: number;
  readonly iterations: number;
  /** The canary Deployment's spec.replicas: 0 until a revision is detected, and again once it is done. */
  readonly canaryReplicas: number;
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
  /** spec.skipAnalysis: promote a ready canary without analysis. */
  readonly skipAnalysis?: boolean;
  /** What sizes the canary when a revision is detected (see `scaleFromZero`); unknown: 1. */
  readonly replicas?: ScaleFromZeroInput;
}

/** What happened during one interval. */
export interface FlaggerInterval {
  /**
   * This interval's gate passed: pre-rollout webhooks on the first analysis interval (no traffic
   * yet), metric checks and rollout webhooks after that.
   */
  readonly checksPassed: boolean;
  /**
   * The canary's template or tracked configs differ from what the status recorded. Such a change
   * goes on differing until Flagger records it: while promoting, pass it again every interval.
   */
  readonly changes?: FlaggerTargetChanges;
  /** The primary Deployment (`isDeploymentReady`); ready when not given. Not read with skipAnalysis. */
  readonly primaryReadiness?: DeploymentReadiness;
  /** The canary Deployment (`isDeploymentReady`); ready when not given. */
  readonly canaryReadiness?: DeploymentReadiness;
}

/** The state before a new revision is detected: Flagger scaled the canary to zero at initialization. */
export const FLAGGER_INITIAL_STATE: FlaggerState = { phase: 'initialized', canaryWeight: 0, mirrored: false, statusWeight: 0, failedChecks: 0, iterations: 0, canaryReplicas: 0 };

const NO_CHANGES: FlaggerTargetChanges = { targetChanged: false, dependenciesChanged: false };

function threshold(config: FlaggerConfig): number {
  return config.threshold !== undefined && config.threshold > 0 ? config.threshold : 1;
}

/** A stuck primary: while promoting the canary is the healthy copy, so it is kept; else roll back. */
function primaryStuck(state: FlaggerState): FlaggerState {
  return state.phase === 'promoting' || state.phase === 'finalising' ? handleFailedPromotion(state) : rollback(state);
}

function runAnalysisMove(state: FlaggerState, config: FlaggerConfig, interval: FlaggerInterval): FlaggerState {
  if (state.failedChecks >= threshold(config)) return rollback(state);
  if (!interval.checksPassed) return { ...state, failedChecks: state.failedChecks + 1 };

  const kubernetes = config.provider === 'kubernetes';
  const configured = config.iterations ?? 0;
  // Without a router Flagger can only swap whole deployments: blue-green, 10 iterations by default.
  const iterations = kubernetes && configured < 1 ? 10 : configured;
  if (config.match === true && !kubernetes && iterations > 0) return runAB(state, config, iterations);
  if (iterations > 0) return runBlueGreen(state, config, iterations);
  if (nextStepWeight(config, state.canaryWeight) > 0) return runCanary(state, config);
  return state;
}

/**
 * Advances Flagger's analysis by one interval (`advanceCanary`). In order: nothing to do once
 * succeeded or failed unless a new revision came; a stuck primary (failed promotion while
 * promoting, else rollback; skipped with skipAnalysis); detection of a new revision; a restart
 * when the revision changed mid-analysis; a stuck canary (rollback); skipAnalysis; promotion
 * traffic shift; finalising; rollback once failedChecks reached the threshold (checked before this
 * interval's checks, so a failure is acted on one interval later); this interval's gate (a failure
 * only counts); then one move of the strategy: A/B, blue-green (iterations), or canary weights.
 * A deployment still rolling out (not ready, retriable) holds everything for the interval.
 *
 * @example
 * const config = { stepWeight: 10, maxWeight: 50, threshold: 2 };
 * let s = flaggerStep(FLAGGER_INITIAL_STATE, config, { checksPassed: true }); // progressing, weight 0
 * s = flaggerStep(s, config, { checksPassed: true });                        // weight 10
 * s = flaggerStep(s, config, { checksPassed: false });                       // weight 10, failedChecks 1
 */
export function flaggerStep(state: FlaggerState, config: FlaggerConfig, interval: FlaggerInterval): FlaggerState {
  const changes = interval.changes ?? NO_CHANGES;
  if (state.phase !== 'initialized' && !shouldAdvance(state.phase, changes)) return state;
  const primary = config.skipAnalysis === true ? undefined : interval.primaryReadiness;
  if (primary !== undefined && !primary.ready) return primary.retriable ? state : primaryStuck(state);
  const detected = checkCanaryStatus(state, config);
  if (detected !== undefined) return detected;
  if (hasCanaryRevisionChanged(state.phase, changes)) return restartAnalysis(state);
  const canary = interval.canaryReadiness;
  if (canary !== undefined && !canary.ready) return canary.retriable ? state : rollback(state);
  const skipped = shouldSkipAnalysis(state, config);
  if (skipped !== undefined) return skipped;
  if (state.phase === 'promoting') return runPromotionTrafficShift(state, config);
  if (state.phase === 'finalising') return enterPhase({ ...state, canaryReplicas: 0 }, 'succeeded', config);
  return runAnalysisMove(state, config, interval);
}

/** One interval of a Flagger timeline, after the step. */
export interface FlaggerTimelineEntry extends FlaggerState {
  /** 1 for the interval that detected the new revision. */
  readonly interval: number;
  readonly primaryWeight: number;
}

function sameState(a: FlaggerState, b: FlaggerState): boolean {
  const keys = Object.keys(FLAGGER_INITIAL_STATE) as (keyof FlaggerState)[];
  return keys.every((key) => a[key] === b[key]);
}

function waitsForRollout(interval: FlaggerInterval): boolean {
  return [interval.primaryReadiness, interval.canaryReadiness].some((r) => r !== undefined && !r.ready && r.retriable);
}

/**
 * Flagger's analysis interval by interval, from detection to succeeded or failed. `intervals(n)`
 * says whether interval n's gate passed (all pass by default), or describes the interval in full.
 * Stops at the first interval that changes nothing (succeeded or failed with no new revision,
 * stepWeight 0; an interval waiting for a rollout does not count), or after `maxIntervals`.
 *
 * @example
 * flaggerTimeline({ stepWeight: 20, maxWeight: 50 }).map((e) => `${e.phase}:${e.canaryWeight}`);
 * // ['progressing:0', 'progressing:20', 'progressing:40', 'progressing:60',
 * //  'promoting:60', 'finalising:0', 'succeeded:0']
 */
export function flaggerTimeline(config: FlaggerConfig, intervals: (interval: number) => boolean | FlaggerInterval = () => true, maxIntervals = 1000): FlaggerTimelineEntry[] {
  const entries: FlaggerTimelineEntry[] = [];
  let state = FLAGGER_INITIAL_STATE;
  for (let n = 1; n <= maxIntervals; n++) {
    const given = intervals(n);
    const interval = typeof given === 'boolean' ? { checksPassed: given } : given;
    const next = flaggerStep(state, config, interval);
    const done = state.phase === 'succeeded' || state.phase === 'failed';
    if (sameState(next, state) && (done || !waitsForRollout(interval))) break;
    state = next;
    entries.push({ ...state, interval: n, primaryWeight: TOTAL_WEIGHT - state.canaryWeight });
  }
  return entries;
}
