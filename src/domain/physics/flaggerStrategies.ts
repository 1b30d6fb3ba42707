import type { FlaggerConfig, FlaggerState } from './flagger';
import { enterPhase } from './flaggerOutcomes';
import { TOTAL_WEIGHT, maxWeight, nextStepWeight } from './flaggerWeights';

/**
 * One move of each of Flagger's strategies once an interval's checks passed, and the traffic
 * shift after promotion (pkg/controller/scheduler.go `runCanary`, `runBlueGreen`, `runAB`,
 * `runPromotionTrafficShift`). Only the canary steps and the stepped promotion write the status
 * weight; blue-green and A/B move the router alone.
 */

/**
 * The traffic shift after promotion (`runPromotionTrafficShift`): without a router straight to
 * finalising; without stepWeightPromotion all traffic to the primary at once; else the primary
 * gains stepWeightPromotion per interval, reported as the status weight, until it has it all.
 */
export function runPromotionTrafficShift(state: FlaggerState, config: FlaggerConfig): FlaggerState {
  if (config.provider === 'kubernetes') return enterPhase(state, 'finalising', config);
  const step = config.stepWeightPromotion ?? 0;
  if (step === 0) return enterPhase({ ...state, canaryWeight: 0, mirrored: false }, 'finalising', config);
  if (state.canaryWeight === 0) return state;
  const primary = Math.min(TOTAL_WEIGHT, TOTAL_WEIGHT - state.canaryWeight + step);
  const routed = { ...state, canaryWeight: Math.max(0, state.canaryWeight - step), mirrored: false };
  return primary === TOTAL_WEIGHT ? enterPhase(routed, 'finalising', config) : { ...routed, statusWeight: routed.canaryWeight };
}

/** The canary weight steps (`runCanary`); the status weight follows the router's. */
export function runCanary(state: FlaggerState, config: FlaggerConfig): FlaggerState {
  if (state.canaryWeight >= maxWeight(config)) return enterPhase(state, 'promoting', config);
  const step = nextStepWeight(config, state.canaryWeight);
  if (config.mirror === true && state.canaryWeight === 0) {
    // One interval of mirroring (the canary sees copies of requests, users see the primary)
    // before any live traffic moves.
    return state.mirrored ? { ...state, mirrored: false, canaryWeight: step, statusWeight: step } : { ...state, mirrored: true, canaryWeight: 0, statusWeight: 0 };
  }
  // Capped at 100, not at maxWeight: stepWeight 20 with maxWeight 50 goes 20, 40, 60, then promotes.
  const weight = Math.min(TOTAL_WEIGHT, state.canaryWeight + step);
  return { ...state, canaryWeight: weight, statusWeight: weight };
}

/** Blue-green (`runBlueGreen`) over `iterations`; with the kubernetes provider the router never moves. */
export function runBlueGreen(state: FlaggerState, config: FlaggerConfig, iterations: number): FlaggerState {
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
  return enterPhase(state, 'promoting', config);
}

/** A/B testing (`runAB`): the matched requests all go to the canary for `iterations`. */
export function runAB(state: FlaggerState, config: FlaggerConfig, iterations: number): FlaggerState {
  if (iterations > state.iterations) return { ...state, canaryWeight: TOTAL_WEIGHT, iterations: state.iterations + 1 };
  if (iterations === state.iterations) return enterPhase(state, 'promoting', config);
  return state;
}
