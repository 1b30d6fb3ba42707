import type { z } from 'zod';
import type { blueGreenStrategy } from '../plan/schema';
import { argoAnalysis } from './analysisTemplate';
import type { ManifestContext } from './context';
import type { Fields } from './fields';

export type BlueGreenInput = z.input<typeof blueGreenStrategy>;

/**
 * A Rollout's `spec.strategy.blueGreen` as a plan blue-green under Argo Rollouts: the preview
 * beside the active version (previewReplicaCount), auto-promotion and its delay, the scale-down
 * delay, and pre- and post-promotion analysis. The active and preview Services are the two sides
 * the simulation routes between. A pre-promotion analysis that never completes (a metric with an
 * interval and no count) leaves Argo waiting: rehearsed as promotion by an operator.
 *
 * @example
 * // blueGreen: { activeService: web, previewService: web-preview, autoPromotionEnabled: false }
 * rolloutBlueGreen(blueGreen, context); // { autoPromotionEnabled: false }
 */
export function rolloutBlueGreen(blueGreen: Fields, context: ManifestContext): BlueGreenInput {
  blueGreen.consume(['activeService']);
  blueGreen.consume(['previewService']);
  const plan: BlueGreenInput = {};
  const autoPromotionEnabled = blueGreen.boolean(['autoPromotionEnabled']);
  if (autoPromotionEnabled !== undefined) plan.autoPromotionEnabled = autoPromotionEnabled;
  const autoPromotionSeconds = blueGreen.integer(['autoPromotionSeconds']);
  if (autoPromotionSeconds !== undefined) plan.autoPromotionSeconds = autoPromotionSeconds;
  const previewReplicaCount = blueGreen.integer(['previewReplicaCount'], 1);
  if (previewReplicaCount !== undefined) plan.previewReplicaCount = previewReplicaCount;
  const scaleDownDelaySeconds = blueGreen.integer(['scaleDownDelaySeconds']);
  if (scaleDownDelaySeconds !== undefined) plan.scaleDownDelaySeconds = scaleDownDelaySeconds;
  for (const field of ['prePromotionAnalysis', 'postPromotionAnalysis'] as const) {
    const ref = blueGreen.map([field]);
    if (!ref) continue;
    const analysis = argoAnalysis(ref, context, 'run');
    if (analysis.gates.length === 0) continue;
    plan[field] = { templates: analysis.gates };
    context.trace.link(['strategy', 'blueGreen', field], ref);
    if (analysis.indefinite && field === 'prePromotionAnalysis') plan.autoPromotionEnabled = false;
    if (analysis.indefinite && field === 'postPromotionAnalysis') ref.note([], 'Argo Rollouts never completes a post-promotion analysis whose metric has no count; the rehearsal completes it after its measurements', 'manifest.indefiniteMetric');
  }
  return plan;
}
