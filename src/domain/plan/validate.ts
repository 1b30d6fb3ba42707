import type { Diagnostic } from './diagnostics';
import type { Plan } from './schema';
import { NO_SOURCE } from './source';
import type { PlanSource } from './source';
import { LINTS } from './lints';
import { analysisTemplatesExist, gateConditionsParse, gateHasCondition, gateNamesUnique, runGatesHaveCount } from './rules/analysis';
import { backgroundGatesMeasureBounded } from './rules/backgroundGates';
import {
  canaryProgressionChosen,
  canarySetWeightsDoNotDecrease,
  canaryStepHasOneAction,
  canaryStepWeightsIncrease,
  canaryWeightsWithinMax,
} from './rules/canary';
import type { Rule } from './rules/context';
import { resolvedStepsWithinLimit } from './rules/resolvedSteps';
import { faultFieldsFitKind, faultsLastSomeTime } from './rules/scenarios';
import { clusterGateHasCluster, kubernetesTargetFits, routerCanRoute } from './rules/targets';
import {
  canaryStyleFitsEngine,
  engineSupportsStrategy,
  matchesSelectSomething,
  replicaAmountsPossible,
  replicaCountsFitService,
  surgeOrUnavailable,
} from './rules/strategies';

export type { Rule, RuleContext } from './rules/context';

/** The semantic rules, in the order their findings read best. Each is one small function. */
export const RULES: readonly Rule[] = [
  engineSupportsStrategy,
  canaryStyleFitsEngine,
  canaryProgressionChosen,
  canaryStepHasOneAction,
  canaryWeightsWithinMax,
  canaryStepWeightsIncrease,
  canarySetWeightsDoNotDecrease,
  surgeOrUnavailable,
  replicaAmountsPossible,
  replicaCountsFitService,
  resolvedStepsWithinLimit,
  matchesSelectSomething,
  analysisTemplatesExist,
  runGatesHaveCount,
  backgroundGatesMeasureBounded,
  gateNamesUnique,
  gateHasCondition,
  gateConditionsParse,
  faultsLastSomeTime,
  faultFieldsFitKind,
  routerCanRoute,
  kubernetesTargetFits,
  clusterGateHasCluster,
  ...LINTS,
];

/**
 * Checks what the schema cannot: references between parts, orderings, combinations. Runs on a plan
 * that passed the schema (and names exactly one strategy kind).
 *
 * @example
 *   validatePlan(plan, source).filter((d) => d.severity === 'error'); // [] for a sound plan
 */
export function validatePlan(plan: Plan, source: PlanSource = NO_SOURCE, rules: readonly Rule[] = RULES): Diagnostic[] {
  return rules.flatMap((rule) => rule({ plan, source }));
}
