import type { CanaryStep, CanaryStrategy } from '../schema';
import { listWords, problem } from './context';
import type { Rule, RuleContext } from './context';

const CANARY = ['strategy', 'canary'] as const;
const STEP_ACTIONS = ['setWeight', 'pause', 'analysis', 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute'] as const satisfies readonly (keyof CanaryStep)[];

function withCanary(context: RuleContext, check: (canary: CanaryStrategy) => ReturnType<Rule>): ReturnType<Rule> {
  const canary = context.plan.strategy.canary;
  return canary ? check(canary) : [];
}

/** Each step does one thing, so a step has one label, one duration and one place to resume from. */
export const canaryStepHasOneAction: Rule = (context) =>
  withCanary(context, (canary) =>
    (canary.steps ?? []).flatMap((step, index) => {
      const actions = STEP_ACTIONS.filter((action) => step[action] !== undefined);
      if (actions.length === 1) return [];
      const path = [...CANARY, 'steps', index];
      const detail =
        actions.length === 0
          ? `a step needs one of ${STEP_ACTIONS.join(', ')}`
          : `a step does exactly one thing; found ${listWords(actions)}; split it into ${actions.length} steps`;
      return [problem(context, 'error', 'plan.stepAction', path, detail)];
    }),
  );

/** Steps (Argo Rollouts style) and stepWeight/stepWeights (Flagger style) are two ways to say the same thing. */
export const canaryProgressionChosen: Rule = (context) =>
  withCanary(context, (canary) => {
    const hasSteps = canary.steps !== undefined;
    const linear = canary.stepWeight !== undefined;
    const listed = canary.stepWeights !== undefined;
    if (!hasSteps && !linear && !listed) {
      return [
        problem(context, 'error', 'plan.canaryProgression', CANARY, 'needs either steps or stepWeight/stepWeights to know how traffic moves', {
          target: 'key',
          fix: { message: 'Add linear steps of 20%', replacement: 'stepWeight: 20' },
        }),
      ];
    }
    if (hasSteps && (linear || listed)) {
      const other = linear ? 'stepWeight' : 'stepWeights';
      return [problem(context, 'error', 'plan.canaryProgression', [...CANARY, other], `use either steps or ${other}, not both`, { target: 'key' })];
    }
    if (linear && listed) {
      return [problem(context, 'error', 'plan.canaryProgression', [...CANARY, 'stepWeights'], 'use either stepWeight or stepWeights, not both', { target: 'key' })];
    }
    return [];
  });

/** No weight may exceed maxWeight: the release would route more than the plan allows. */
export const canaryWeightsWithinMax: Rule = (context) =>
  withCanary(context, (canary) => {
    const max = canary.maxWeight;
    const above = (weight: number): string => `${weight} is above maxWeight ${max}`;
    const diagnostics = (canary.steps ?? []).flatMap((step, index) =>
      step.setWeight !== undefined && step.setWeight > max
        ? [problem(context, 'error', 'plan.maxWeight', [...CANARY, 'steps', index, 'setWeight'], above(step.setWeight))]
        : [],
    );
    if (canary.stepWeight !== undefined && canary.stepWeight > max) {
      diagnostics.push(problem(context, 'error', 'plan.maxWeight', [...CANARY, 'stepWeight'], above(canary.stepWeight)));
    }
    (canary.stepWeights ?? []).forEach((weight, index) => {
      if (weight > max) diagnostics.push(problem(context, 'error', 'plan.maxWeight', [...CANARY, 'stepWeights', index], above(weight)));
    });
    return diagnostics;
  });

/** stepWeights are the successive weights of a Flagger canary: each must move traffic forward. */
export const canaryStepWeightsIncrease: Rule = (context) =>
  withCanary(context, (canary) => {
    const weights = canary.stepWeights ?? [];
    return weights.flatMap((weight, index) => {
      const previous = weights[index - 1];
      if (previous === undefined || weight > previous) return [];
      return [
        problem(context, 'error', 'plan.stepWeightsOrder', [...CANARY, 'stepWeights', index], `${weight} must be above the previous weight ${previous}; stepWeights increase strictly`),
      ];
    });
  });

/** Going back down is legal (Argo allows it) but is usually a typo, so it is a warning. */
export const canarySetWeightsDoNotDecrease: Rule = (context) =>
  withCanary(context, (canary) => {
    let highest: { weight: number; index: number } | undefined;
    return (canary.steps ?? []).flatMap((step, index) => {
      const weight = step.setWeight;
      if (weight === undefined) return [];
      if (highest && weight < highest.weight) {
        return [
          problem(context, 'warning', 'plan.weightDecreases', [...CANARY, 'steps', index, 'setWeight'], `${weight} is lower than steps[${highest.index}].setWeight ${highest.weight}; traffic moves back to stable here`),
        ];
      }
      highest = { weight, index };
      return [];
    });
  });
