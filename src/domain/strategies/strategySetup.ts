import { assign, fromCallback, setup } from 'xstate';
import type { EventObject } from 'xstate';
import type { HookPoint } from '../plan/schema';
import type { Outcome, Role, StrategyEvent, EffectInputs, EffectName } from './effects';
import { currentStep, initialContext } from './context';
import { checkHooksDue, confirmRolloutDue, preRolloutAtStart, preRolloutBeforeTraffic, rolloutDue, trafficIncreaseDue } from './hookGuards';
import type { PauseCause, StrategyContext, StrategyInput, StrategyOutput } from './context';
import { STRATEGY_PROFILES } from './profiles';
import type { Promotion } from './profiles';
import type { StepKind } from './steps';
import { argoAbortScaleDown, argoAbortStepsDown } from './engines/argoAbort';
import { abortMoveOf, replicaTarget, routeTarget, sameRoute } from './targets';
import type { ReplicaTarget, RouteTarget } from './targets';

/** Failed checks that end a Flagger-style loop (1 when the strategy has none). */
export function checkThresholdOf(context: StrategyContext): number {
  return STRATEGY_PROFILES[context.kind].checks(context.plan)?.threshold ?? 1;
}

/** What an aborted Argo Rollout does with the new set once all traffic is on a full stable. */
function abortScaleDownOf(context: StrategyContext): ReturnType<typeof argoAbortScaleDown> {
  return argoAbortScaleDown(context.plan, context.kind, context.replicas.candidate);
}

function abortDelayMs(context: StrategyContext): number {
  const decision = abortScaleDownOf(context);
  return 'delayMs' in decision ? decision.delayMs : 0;
}

/** The promotion settings of the machine's strategy, which `awaitingPromotion` reads. */
function promotionOf(context: StrategyContext): Promotion | undefined {
  return STRATEGY_PROFILES[context.kind].promotion?.(context.plan);
}

/** Where a failure happened; `operator.promote` from `paused` continues differently per phase. */
export type FailurePhase = 'provisioning' | 'progressing' | 'awaitingPromotion' | 'promoting';

/**
 * A stand-in that fails loudly: a machine must never run an effect nobody provided, because
 * then traffic would be in a state no one knows.
 */
function notProvided<TInput>(name: EffectName) {
  return fromCallback<EventObject, TInput>(() => {
    throw new Error(`Effect "${name}" is not provided; provide it with machine.provide({ actors: { ${name}: fromCallback(...) } })`);
  });
}

/** The effect actors every strategy invokes by name; drivers replace all of them. */
export const effectActors = {
  provision: notProvided<EffectInputs['provision']>('provision'),
  scale: notProvided<EffectInputs['scale']>('scale'),
  setTraffic: notProvided<EffectInputs['setTraffic']>('setTraffic'),
  checkHealth: notProvided<EffectInputs['checkHealth']>('checkHealth'),
  runAnalysis: notProvided<EffectInputs['runAnalysis']>('runAnalysis'),
  watchAnalysis: notProvided<EffectInputs['watchAnalysis']>('watchAnalysis'),
  awaitApproval: notProvided<EffectInputs['awaitApproval']>('awaitApproval'),
  runHook: notProvided<EffectInputs['runHook']>('runHook'),
};

function failureReasonOf(event: StrategyEvent): string {
  if ('reason' in event && typeof event.reason === 'string') return event.reason;
  if ('output' in event) return event.output.message;
  return event.type;
}

function analysisPhaseOf(event: StrategyEvent): string | null {
  return 'output' in event ? event.output.phase : null;
}

/**
 * The one setup every strategy machine is created from, so all six share effect names, guards,
 * actions and delays, and the shared state blocks in `sharedStates.ts` type-check in each.
 */
export const strategySetup = setup({
  types: {
    context: {} as StrategyContext,
    events: {} as StrategyEvent,
    input: {} as StrategyInput,
    output: {} as StrategyOutput,
  },
  actors: effectActors,
  actions: {
    advanceStep: assign({ stepIndex: ({ context }) => context.stepIndex + 1 }),
    assignReplicas: assign(({ context }, params: { role: Role; target: ReplicaTarget }) => ({
      replicas: { ...context.replicas, [params.role]: replicaTarget(context, params.role, params.target) },
    })),
    assignRoute: assign(({ context }, params: { target: RouteTarget }) => ({ route: routeTarget(context, params.target) })),
    recordAnalysis: assign({ analysis: ({ context, event }) => ('output' in event ? event.output : context.analysis) }),
    recordFailure: assign(({ context, event }, params: { phase: FailurePhase }) => ({
      failureReason: failureReasonOf(event),
      failedPhase: params.phase,
      analysis: 'output' in event ? event.output : context.analysis,
    })),
    recordRollbackFailure: assign(({ context, event }) => ({
      failureReason: `rollback failed: ${failureReasonOf(event)}${context.failureReason ? ` (after: ${context.failureReason})` : ''}`,
    })),
    markBackgroundMeasured: assign({ backgroundMeasured: true }),
    recordUnmeasuredBackground: assign(({ context }) => ({
      failureReason: `background analysis ${context.backgroundGates.join(', ')}: the steps ended before every gate had a successful measurement; promote to accept that, retry, or abort`,
      failedPhase: 'awaitingPromotion' as FailurePhase,
      pauseCause: 'inconclusive' as PauseCause,
    })),
    assignPauseCause: assign((_, params: { cause: PauseCause }) => ({ pauseCause: params.cause })),
    countFailedCheck: assign({ failedChecks: ({ context }) => context.failedChecks + 1 }),
    // The loop ends on the failed checks already counted: its reason is the last failed check's.
    recordFailedChecks: assign(({ context }) => ({
      failureReason: context.analysis?.message ?? `${context.failedChecks} failed checks reached threshold ${checkThresholdOf(context)}`,
      failedPhase: 'progressing' as FailurePhase,
    })),
    resetFailedChecks: assign({ failedChecks: 0 }),
    // A pre-rollout or rollout hook that fails is a failed check, with the hook's words as its reason.
    recordHookCheck: assign(({ context, event }) => ({
      analysis: event.type === 'runHook.failed' ? { phase: 'failed' as const, measurements: [], message: event.reason } : context.analysis,
    })),
    markAborting: assign(({ event }) => ({
      aborting: true,
      failureReason: event.type === 'operator.abort' ? (event.reason ?? 'aborted by operator') : 'aborted by operator',
    })),
    requestHold: assign({ holdRequested: true }),
    releaseHold: assign({ holdRequested: false }),
    clearFailure: assign({ failureReason: null, pauseCause: null, failedPhase: null }),
    // Start over, but keep what is really in effect: the fleet and router did not reset.
    restart: assign(({ context }) => ({ ...initialContext(context.plan, context.kind), route: context.route, replicas: context.replicas })),
    assignOutcome: assign((_, params: { outcome: Outcome }) => ({ outcome: params.outcome })),
  },
  guards: {
    rollbackOnFailure: ({ context }) => context.plan.policy.onFailure === 'rollback',
    stepsExhausted: ({ context }) => context.stepIndex >= context.steps.length,
    stepIs: ({ context }, params: { kinds: readonly StepKind[] }) => {
      const step = currentStep(context);
      return step !== undefined && params.kinds.includes(step.kind);
    },
    hasPauseDuration: ({ context }) => {
      const step = currentStep(context);
      return step?.kind === 'pause' && step.durationMs !== undefined;
    },
    holdRequested: ({ context }) => context.holdRequested,
    analysisSucceeded: ({ event }) => analysisPhaseOf(event) === 'successful',
    analysisInconclusive: ({ event }) => analysisPhaseOf(event) === 'inconclusive',
    failedChecksAtThreshold: ({ context }) => context.failedChecks >= checkThresholdOf(context),
    candidateAt: ({ context }, params: { target: ReplicaTarget }) =>
      context.replicas.candidate === replicaTarget(context, 'candidate', params.target),
    stableAt: ({ context }, params: { target: ReplicaTarget }) => context.replicas.stable === replicaTarget(context, 'stable', params.target),
    routeAt: ({ context }, params: { target: RouteTarget }) => sameRoute(context.route, routeTarget(context, params.target)),
    stableIsShort: ({ context }) => context.replicas.stable < context.plan.replicas,
    abortStepsDown: ({ context }) => argoAbortStepsDown(context.plan, context.kind),
    abortStableShort: ({ context }) => abortMoveOf(context).stable > context.replicas.stable,
    abortRouteAhead: ({ context }) => abortMoveOf(context).weight < context.route.weights.candidate,
    abortCandidateAhead: ({ context }) => abortMoveOf(context).candidate < context.replicas.candidate,
    abortKeepsCandidate: ({ context }) => 'keep' in abortScaleDownOf(context),
    abortDelaysScaleDown: ({ context }) => context.replicas.candidate > 0 && abortDelayMs(context) > 0,
    stableGrowsToRoom: ({ context }) => replicaTarget(context, 'stable', 'room') > context.replicas.stable,
    hasHook: ({ context }, params: { hook: HookPoint }) => context.plan.hooks?.[params.hook] !== undefined,
    confirmRolloutDue: ({ context }) => confirmRolloutDue(context),
    preRolloutAtStart: ({ context }) => preRolloutAtStart(context),
    preRolloutBeforeTraffic: ({ context }) => preRolloutBeforeTraffic(context),
    rolloutDue: ({ context }) => rolloutDue(context),
    trafficIncreaseDue: ({ context }) => trafficIncreaseDue(context),
    checkHooksDue: ({ context }) => checkHooksDue(context),
    rollbackRequested: ({ event }) => event.type === 'runHook.failed' && event.rollback === true,
    provisionNeedsHealth: ({ context }) => context.provisionReplicas > 0,
    hasBackgroundGates: ({ context }) => context.backgroundGates.length > 0,
    backgroundUnmeasured: ({ context }) => context.backgroundGates.length > 0 && !context.backgroundMeasured,
    hasPostPromotionGates: ({ context }) => context.postPromotionGates.length > 0,
    hasScaleDownDelay: ({ context }) => context.scaleDownDelayMs > 0,
    wasAborting: ({ context }) => context.aborting,
    failedWhileProgressing: ({ context }) => context.failedPhase === 'progressing',
    autoPromotionEnabled: ({ context }) => promotionOf(context)?.auto ?? true,
    hasAutoPromotionDelay: ({ context }) => promotionOf(context)?.autoAfterMs !== undefined,
  },
  delays: {
    pauseDuration: ({ context }) => {
      const step = currentStep(context);
      return step?.kind === 'pause' ? (step.durationMs ?? 0) : 0;
    },
    checkInterval: ({ context }) => {
      const step = currentStep(context);
      return step?.kind === 'check' ? step.intervalMs : 0;
    },
    scaleDownDelay: ({ context }) => context.scaleDownDelayMs,
    abortScaleDownDelay: ({ context }) => abortDelayMs(context),
    hookRetryInterval: ({ context }) => STRATEGY_PROFILES[context.kind].checks(context.plan)?.interval ?? 0,
    autoPromotionDelay: ({ context }) => promotionOf(context)?.autoAfterMs ?? 0,
  },
});

/**
 * The machine output: how it ended and why, in words a release engineer reads.
 *
 * @example
 * outputOf(context); // { outcome: 'rolledBack', reason: 'error-rate: 3 of 3 measurements failed' }
 */
export function outputOf(context: StrategyContext): StrategyOutput {
  const outcome = context.outcome ?? 'failed';
  if (outcome === 'promoted') return { outcome, reason: `${context.plan.version ?? 'candidate'} of ${context.plan.service} promoted to 100%` };
  return { outcome, reason: context.failureReason ?? outcome };
}
