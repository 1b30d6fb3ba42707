import type { StrategyContext } from './context';
import { currentStep } from './context';
import type { Role, RouteSpec } from './effects';
import { argoAbortMove, type AbortMove } from './engines/argoAbort';
import { progressDeadlineAction, type DeadlineAction } from './engines/progressDeadline';
import { weightsForReplicas } from './fleetArithmetic';
import { STRATEGY_PROFILES } from './profiles';

/**
 * Where a state wants the fleet and the router to be. Invoke inputs, guards that skip work
 * already done and the actions that record confirmed results all read the same helpers, so a
 * state can never ask for one count and record another.
 */

/**
 * `step`: what the current step asks for; `room`: the stable count a step sets before its
 * candidates start (a rolling batch's room, an engine's stable-first move); `surge`: the candidate
 * count a batch reaches before its stable moves; `full`/`zero`: promotion and rollback ends.
 */
export type ReplicaTarget = 'step' | 'room' | 'surge' | 'full' | 'zero' | 'provision' | 'abort';

/** `step`: the current step's route; `promote`/`stable`: all traffic to one side, no extras; `abort`: the next move of an Argo abort that steps down. */
export type RouteTarget = 'step' | 'promote' | 'stable' | 'abort';

/**
 * The instance count a role should reach.
 *
 * @example
 * replicaTarget(context, 'candidate', 'step'); // 3 on a "setWeight 25%" step of 10 replicas
 * replicaTarget(context, 'stable', 'full');    // plan.replicas
 */
export function replicaTarget(context: StrategyContext, role: Role, target: ReplicaTarget): number {
  switch (target) {
    case 'full':
      return context.plan.replicas;
    case 'zero':
      return 0;
    case 'provision':
      return role === 'candidate' ? context.provisionReplicas : context.replicas.stable;
    case 'step':
      return stepReplicas(context, role);
    case 'room':
      return roomReplicas(context, role);
    case 'surge':
      return surgeReplicas(context, role);
    case 'abort':
      return abortMoveOf(context)[role];
  }
}

/**
 * The next move of an aborted Argo Rollout from where the fleet and router are now (see
 * engines/argoAbort.ts); a plan of another engine rolls straight back.
 *
 * @example
 * abortMoveOf(context); // { stable: 8, weight: 50, candidate: 5 } aborting at 50 % with dynamicStableScale
 */
export function abortMoveOf(context: StrategyContext): AbortMove {
  return argoAbortMove(context.plan, context.kind, { replicas: context.replicas, weight: context.route.weights.candidate });
}

/** A rolling batch that surges first (engine kubernetes' reply to a new template) grows the candidate before the stable makes room; it never shrinks it. */
function surgeReplicas(context: StrategyContext, role: Role): number {
  const step = currentStep(context);
  if (role !== 'candidate' || step?.kind !== 'batch' || step.candidateBeforeReplicas === undefined) return context.replicas[role];
  return Math.max(context.replicas.candidate, step.candidateBeforeReplicas);
}

/**
 * A rolling batch only shrinks the stable to make room. An engine's setWeight step sets the
 * stable to exactly `stableBeforeReplicas` before the candidate moves: down to make room within
 * maxSurge (Argo's basic canary), or up before a smaller canary takes less traffic.
 */
function roomReplicas(context: StrategyContext, role: Role): number {
  const step = currentStep(context);
  if (role !== 'stable') return context.replicas[role];
  if (step?.kind === 'batch') return Math.min(context.replicas.stable, step.stableBeforeReplicas);
  if (step?.kind === 'setWeight' && step.stableBeforeReplicas !== undefined) return step.stableBeforeReplicas;
  return context.replicas.stable;
}

function stepReplicas(context: StrategyContext, role: Role): number {
  const step = currentStep(context);
  if (step?.kind === 'setWeight' || step?.kind === 'batch') return role === 'candidate' ? step.candidateReplicas : step.stableReplicas;
  if (step?.kind === 'setCanaryScale' && role === 'candidate') return step.replicas;
  return context.replicas[role];
}

/**
 * The route the router should apply.
 *
 * @example
 * routeTarget(context, 'step');   // { weights: { stable: 80, candidate: 20 } } on "setWeight 20%"
 * routeTarget(context, 'stable'); // { weights: { stable: 100, candidate: 0 } }
 */
export function routeTarget(context: StrategyContext, target: RouteTarget): RouteSpec {
  if (target === 'stable') return { weights: { stable: 100, candidate: 0 } };
  if (target === 'promote') return { weights: { stable: 0, candidate: 100 } };
  if (target === 'abort') {
    const { weight } = abortMoveOf(context);
    return { weights: { stable: 100 - weight, candidate: weight } };
  }
  const step = currentStep(context);
  switch (step?.kind) {
    case 'setWeight':
      return { ...context.route, weights: setWeightWeights(context, step.weight, step.candidateReplicas, step.stableReplicas) };
    case 'batch':
      // A rolling update has no router weights of its own: traffic follows ready instances.
      return { ...context.route, weights: weightsForReplicas({ stable: step.stableReplicas, candidate: step.candidateReplicas }) };
    case 'setHeaderRoute':
      return { ...context.route, headerRoutes: step.match };
    case 'setMirrorRoute':
      return { ...context.route, mirrorPercent: step.percent };
    default:
      return context.route;
  }
}

/**
 * Flagger always moves traffic at a router (both Deployments stay at full size); otherwise a
 * router sets the weight only where the strategy routes by weight (a canary with trafficRouting),
 * and elsewhere the weight follows the replica counts (recreate, a canary without trafficRouting).
 */
function setWeightWeights(context: StrategyContext, weight: number, candidate: number, stable: number): RouteSpec['weights'] {
  const routed = context.plan.engine === 'flagger' || STRATEGY_PROFILES[context.kind].routing(context.plan) === 'weighted';
  if (routed) return { stable: 100 - weight, candidate: weight };
  return weightsForReplicas({ stable, candidate });
}

/** Routes compare by value; the order of keys does not matter to a router. */
export function sameRoute(a: RouteSpec, b: RouteSpec): boolean {
  return (
    a.weights.stable === b.weights.stable &&
    a.weights.candidate === b.weights.candidate &&
    (a.mirrorPercent ?? 0) === (b.mirrorPercent ?? 0) &&
    JSON.stringify(a.headerRoutes ?? []) === JSON.stringify(b.headerRoutes ?? [])
  );
}

/**
 * What `checkHealth` waits for: the role at `replicas`, ready for the plan's minReadySeconds,
 * within its progress deadline, and what that deadline does under the plan's engine.
 *
 * @example
 * healthInput(context, 'candidate', 3); // { role: 'candidate', replicas: 3, minReadyMs: 0, deadlineMs: 600000 }
 * // under engine kubernetes, also onDeadline: 'report'
 */
export function healthInput(context: StrategyContext, role: Role, replicas: number) {
  return {
    role,
    replicas,
    minReadyMs: context.plan.checks.minReadySeconds * 1000,
    deadlineMs: context.plan.policy.progressDeadlineSeconds * 1000,
    // Absent means abort, so a plan whose deadline aborts asks for what it always did.
    ...deadlineUnlessAbort(progressDeadlineAction(context.plan)),
  };
}

function deadlineUnlessAbort(action: DeadlineAction): { onDeadline?: DeadlineAction } {
  return action === 'abort' ? {} : { onDeadline: action };
}
