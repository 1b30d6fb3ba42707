import type { CanaryStrategy } from '../../plan/schema';
import { flaggerTimeline } from '../../physics/flagger';
import type { FlaggerConfig } from '../../physics/flagger';

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
