import { hasHooks } from '../hooks/points';
import type { HookMoment } from '../hooks/points';
import type { HookPoint } from '../plan/schema';
import { currentStep } from './context';
import type { StrategyContext } from './context';

/**
 * When the machine calls the plan's hooks. Plain functions of the context, so the decisions sit
 * on transitions (a plan without hooks pays one property read per decision, no extra state).
 */

/**
 * What a hook is told: the point, the phase, the step (1-based) and the candidate's weight.
 *
 * @example
 * hookMoment(context, 'confirm-promotion', 'promoting'); // { hook: 'confirm-promotion', phase: 'promoting', step: 4, weight: 50 }
 */
export function hookMoment(context: StrategyContext, hook: HookPoint, phase: string): HookMoment {
  return { hook, phase, step: Math.min(context.stepIndex + 1, context.steps.length), weight: context.route.weights.candidate };
}

/** Nothing has moved yet: confirm-rollout is asked before the first change. */
export function confirmRolloutDue(context: StrategyContext): boolean {
  return (
    hasHooks(context.plan, 'confirm-rollout') &&
    context.replicas.candidate === 0 &&
    context.replicas.stable === context.plan.replicas &&
    context.route.weights.candidate === 0
  );
}

/**
 * Flagger runs its pre-rollout hooks once the canary is up and before it has traffic. A strategy
 * that brings the candidate up first (blue-green preview, A/B, shadow) calls them as its steps
 * begin; one whose steps scale the candidate calls them before the first route to it.
 */
export function preRolloutAtStart(context: StrategyContext): boolean {
  if (!hasHooks(context.plan, 'pre-rollout') || context.stepIndex !== 0 || context.replicas.candidate === 0 || context.route.weights.candidate !== 0) return false;
  const step = currentStep(context);
  return step?.kind !== 'setWeight' && step?.kind !== 'batch';
}

/** The step is about to give the candidate its first traffic (its instances are up). */
export function preRolloutBeforeTraffic(context: StrategyContext): boolean {
  if (!hasHooks(context.plan, 'pre-rollout') || context.route.weights.candidate !== 0) return false;
  const step = currentStep(context);
  return (step?.kind === 'setWeight' || step?.kind === 'batch') && step.weight > 0;
}

function stepAhead(context: StrategyContext): boolean {
  return context.stepIndex < context.steps.length && !context.holdRequested;
}

/**
 * The rollout (and rollback) hooks run at each step; in a Flagger-style loop only at its interval
 * checks (the checking state calls them), as Flagger calls them with each analysis.
 */
export function rolloutDue(context: StrategyContext): boolean {
  if (!hasHooks(context.plan, 'rollout', 'rollback') || !stepAhead(context)) return false;
  return !context.steps.some((step) => step.kind === 'check');
}

/** Before a step that raises the candidate's weight. */
export function trafficIncreaseDue(context: StrategyContext): boolean {
  if (!hasHooks(context.plan, 'confirm-traffic-increase') || !stepAhead(context)) return false;
  const step = currentStep(context);
  return (step?.kind === 'setWeight' || step?.kind === 'batch') && step.weight > context.route.weights.candidate;
}

/** A check interval that also runs the rollout and rollback hooks. */
export function checkHooksDue(context: StrategyContext): boolean {
  return hasHooks(context.plan, 'rollout', 'rollback');
}
