import type { FlaggerConfig } from './flagger';

/**
 * Flagger's weight arithmetic (pkg/controller/scheduler.go `totalWeight`, `maxWeight`,
 * `nextStepWeight`). Weights are percents; the router's two always add up to the total.
 */

/** `totalWeight`: always 100. */
export const TOTAL_WEIGHT = 100;

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
