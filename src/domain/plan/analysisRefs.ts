import { STRATEGY_PROFILES } from '../strategies/profiles';
import type { PlanPath } from './diagnostics';
import { STRATEGY_KINDS } from './schema';
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
 * Every place a plan names analysis gates, as each strategy's profile lists them.
 *
 * @example
 *   analysisRefsOf(plan).map((site) => site.mode); // ["watch", "run"] for a canary with both
 */
export function analysisRefsOf(plan: Plan): AnalysisRefSite[] {
  return STRATEGY_KINDS.flatMap((kind) => STRATEGY_PROFILES[kind].analysis(plan));
}
