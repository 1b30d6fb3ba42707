import type { CanaryStrategy } from '../../plan/schema';
import { flaggerTimeline, scaleFromZero } from '../../physics/flagger';
import type { FlaggerConfig, ScaleFromZeroInput } from '../../physics/flagger';

/**
 * What sizes Flagger's canary on detection: its own spec.replicas is 0 (Flagger scaled it down at
 * initialization), and the plan has no autoscaler, so `scaleFromZero` takes the primary's count.
 */
export function flaggerReplicas(primaryReplicas: number): ScaleFromZeroInput {
  return { canaryReplicas: 0, primaryReplicas };
}

/**
 * The canary Deployment's size for the analysis, as Flagger scales it on detection.
 *
 * @example
 * flaggerCanaryReplicas(4); // 4
 * flaggerCanaryReplicas(0); // 1: Flagger never scales a detected canary below 1
 */
export function flaggerCanaryReplicas(primaryReplicas: number): number {
  return scaleFromZero(flaggerReplicas(primaryReplicas));
}

/**
 * Flagger's canary weights, from its analysis loop (`flaggerTimeline`, all checks passing).
 *
 * Flagger keeps the primary Deployment at full size for the whole analysis and, when it detects a
 * new revision, scales the canary Deployment up to its own spec replicas (the primary's count; an
 * HPA, if any, sizes both), then moves traffic by weight at the router. The first analysis
 * interval after detection runs only the pre-rollout webhooks (no traffic, so no metric checks);
 * each later interval checks the metrics at the current weight and, if they pass, moves the
 * weight by stepWeight (or to the next stepWeights entry), capped at 100, not at maxWeight. Once
 * the weight is at or past maxWeight, the next passing interval starts promotion.
 *
 * @example
 * flaggerCanaryWeights({ stepWeight: 20, maxWeight: 50 });        // [20, 40, 60]
 * flaggerCanaryWeights({ stepWeights: [1, 5, 25, 50], maxWeight: 100 }); // [1, 5, 25, 50]
 */
export function flaggerCanaryWeights(canary: Pick<CanaryStrategy, 'stepWeight' | 'stepWeights' | 'maxWeight' | 'threshold'>): number[] {
  const config: FlaggerConfig = {
    ...(canary.stepWeight === undefined ? {} : { stepWeight: canary.stepWeight }),
    ...(canary.stepWeights === undefined ? {} : { stepWeights: canary.stepWeights }),
    maxWeight: canary.maxWeight,
    ...(canary.threshold === undefined ? {} : { threshold: canary.threshold }),
  };
  const weights: number[] = [];
  for (const entry of flaggerTimeline(config)) {
    if (entry.phase !== 'progressing' || entry.canaryWeight === 0) continue;
    if (entry.canaryWeight !== weights.at(-1)) weights.push(entry.canaryWeight);
  }
  return weights;
}
