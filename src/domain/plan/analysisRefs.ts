import type { PlanPath } from './diagnostics';
import type { AnalysisRef, Plan } from './schema';

/**
 * How a strategy runs the gates a reference names:
 * - `run`: to completion at that point (a canary step, blue-green pre/post promotion, after each
 *   rolling batch, after a recreate), so every gate needs a `count`;
 * - `watch`: in the background for the whole release (canary.analysis);
 * - `iteration`: once per iteration of an A/B test or a shadow run.
 */
export type AnalysisMode = 'run' | 'watch' | 'iteration';

export interface AnalysisRefSite {
  ref: AnalysisRef;
  /** Path of the reference object, e.g. ["strategy", "canary", "steps", 2, "analysis"]. */
  path: PlanPath;
  mode: AnalysisMode;
}

/**
 * Every place a plan names analysis gates.
 *
 * @example
 *   analysisRefsOf(plan).map((site) => site.mode); // ["watch", "run"] for a canary with both
 */
export function analysisRefsOf(plan: Plan): AnalysisRefSite[] {
  const sites: AnalysisRefSite[] = [];
  const add = (ref: AnalysisRef | undefined, path: PlanPath, mode: AnalysisMode): void => {
    if (ref) sites.push({ ref, path, mode });
  };
  const { blueGreen, rolling, canary, abTest, shadow, recreate } = plan.strategy;
  add(blueGreen?.prePromotionAnalysis, ['strategy', 'blueGreen', 'prePromotionAnalysis'], 'run');
  add(blueGreen?.postPromotionAnalysis, ['strategy', 'blueGreen', 'postPromotionAnalysis'], 'run');
  add(rolling?.analysis, ['strategy', 'rolling', 'analysis'], 'run');
  add(canary?.analysis, ['strategy', 'canary', 'analysis'], 'watch');
  canary?.steps?.forEach((step, index) => add(step.analysis, ['strategy', 'canary', 'steps', index, 'analysis'], 'run'));
  add(abTest?.analysis, ['strategy', 'abTest', 'analysis'], 'iteration');
  add(shadow?.analysis, ['strategy', 'shadow', 'analysis'], 'iteration');
  add(recreate?.analysis, ['strategy', 'recreate', 'analysis'], 'run');
  return sites;
}
