import { abortTransition, effectFailures, onFailure, onInconclusive } from './failureStates';
import { hookMoment } from './hookGuards';
import { strategySetup } from './strategySetup';
import { healthInput } from './targets';

/** The phases around the steps: provisioning before, promoting after, shared by every strategy. */


/**
 * `provisioning`: the candidate environment comes up with no traffic; when it starts with
 * instances (blue-green preview, A/B, shadow, recreate) they must be ready before anything routes.
 */
export const provisioningState = strategySetup.createStateConfig({
  id: 'provisioning',
  initial: 'planning',
  on: { ...effectFailures('provisioning'), 'operator.abort': abortTransition },
  states: {
    planning: { always: [{ guard: 'confirmRolloutDue', target: 'confirmingRollout' }, { target: 'creating' }] },
    // Flagger's confirm-rollout: nothing moves until every hook says yes.
    confirmingRollout: {
      invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'confirm-rollout', 'provisioning') },
      on: { 'runHook.done': 'creating' },
    },
    creating: {
      invoke: { id: 'provision', src: 'provision', input: ({ context }) => ({ role: 'candidate' as const, replicas: context.provisionReplicas }) },
      on: {
        'provision.done': [
          { guard: 'provisionNeedsHealth', target: 'verifying', actions: { type: 'assignReplicas', params: { role: 'candidate', target: 'provision' } } },
          { target: '#progressing', actions: { type: 'assignReplicas', params: { role: 'candidate', target: 'provision' } } },
        ],
      },
    },
    verifying: {
      invoke: { id: 'checkHealth', src: 'checkHealth', input: ({ context }) => healthInput(context, 'candidate', context.provisionReplicas) },
      on: { 'checkHealth.done': '#progressing' },
    },
  },
});

/**
 * `stoppingStable` (recreate): the old version goes away entirely before the new one starts,
 * which is the point of recreate (no two versions at once) and its cost (downtime).
 */
export const stoppingStableState = strategySetup.createStateConfig({
  id: 'stoppingStable',
  initial: 'planning',
  on: { ...effectFailures('provisioning'), 'operator.abort': abortTransition },
  states: {
    planning: { always: [{ guard: 'confirmRolloutDue', target: 'confirmingRollout' }, { target: 'stopping' }] },
    confirmingRollout: {
      invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'confirm-rollout', 'provisioning') },
      on: { 'runHook.done': 'stopping' },
    },
    stopping: {
      // As Kubernetes' Recreate: the new version starts once no old pod is left, not while they drain.
      invoke: { id: 'scale', src: 'scale', input: () => ({ role: 'stable' as const, replicas: 0, awaitGone: true }) },
      on: { 'scale.done': { target: '#provisioning', actions: { type: 'assignReplicas', params: { role: 'stable', target: 'zero' } } } },
    },
  },
});

/**
 * `awaitingPromotion` (blue-green): the preview is ready and checked. Auto-promotion waits
 * `autoPromotionSeconds` (operator.pause holds the timer); without it an operator approves.
 */
export const awaitingPromotionState = strategySetup.createStateConfig({
  id: 'awaitingPromotion',
  initial: 'planning',
  on: {
    ...effectFailures('awaitingPromotion'),
    'operator.abort': abortTransition,
    'operator.promote': '#promoting',
    'operator.promoteFull': '#promoting',
  },
  states: {
    planning: {
      always: [
        { guard: 'autoPromotionEnabled', target: 'autoPromoting' },
        { target: 'approving' },
      ],
    },
    autoPromoting: {
      always: [{ guard: 'hasAutoPromotionDelay', target: 'waiting' }, { target: '#promoting' }],
    },
    waiting: {
      after: { autoPromotionDelay: '#promoting' },
      on: { 'operator.pause': 'holding' },
    },
    holding: { on: { 'operator.resume': 'waiting' } },
    approving: {
      invoke: { id: 'awaitApproval', src: 'awaitApproval', input: () => ({ reason: 'preview is ready: promote to switch traffic' }) },
      on: { 'awaitApproval.done': '#promoting' },
    },
  },
});

/** After traffic has switched (and any post-promotion analysis passed): the old stable goes. */
const scaleDownChoices = [
  { guard: { type: 'stableAt', params: { target: 'zero' } }, target: 'planningPostHook' },
  { guard: 'hasScaleDownDelay', target: 'delayingScaleDown' },
  { target: 'scalingStableDown' },
] as const;

const stableToZero = { type: 'assignReplicas', params: { role: 'stable', target: 'zero' } } as const;

/** Promotion proper, once confirm-promotion said yes. */
const promotionChoices = [
  { guard: { type: 'hasHook', params: { hook: 'prePromotion' } }, target: 'runningPrePromotionHook' },
  { guard: { type: 'candidateAt', params: { target: 'full' } }, target: 'planningRoute' },
  { target: 'scalingCandidate' },
] as const;

/** The end of a promotion: post-rollout hooks when the plan has them. */
const promotedChoices = [{ guard: { type: 'hasHook', params: { hook: 'post-rollout' } }, target: 'runningPostRolloutHook' }, { target: '#promoted' }] as const;

/**
 * `promoting`: candidate to full size and ready, all traffic to it, optional post-promotion
 * analysis while the old stable still runs (so switching back is instant), then the old stable
 * goes. Hooks run around it. Steps already in place are skipped.
 */
export const promotingState = strategySetup.createStateConfig({
  id: 'promoting',
  initial: 'planning',
  on: { ...effectFailures('promoting'), 'operator.abort': abortTransition },
  states: {
    // Decisions sit on the transitions that lead to them where they can: each eventless hop is a
    // whole XState microstep, and a Monte Carlo runs this a thousand times.
    planning: {
      always: [{ guard: { type: 'hasHook', params: { hook: 'confirm-promotion' } }, target: 'confirmingPromotion' }, ...promotionChoices],
    },
    // Flagger's confirm-promotion: the release holds at its last weight until every hook says yes.
    confirmingPromotion: {
      invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'confirm-promotion', 'promoting') },
      on: { 'runHook.done': [...promotionChoices] },
    },
    runningPrePromotionHook: {
      invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'prePromotion', 'promoting') },
      on: { 'runHook.done': 'planningScale' },
    },
    planningScale: {
      always: [{ guard: { type: 'candidateAt', params: { target: 'full' } }, target: 'planningRoute' }, { target: 'scalingCandidate' }],
    },
    scalingCandidate: {
      invoke: { id: 'scale', src: 'scale', input: ({ context }) => ({ role: 'candidate' as const, replicas: context.plan.replicas }) },
      on: { 'scale.done': { target: 'awaitingCandidate', actions: { type: 'assignReplicas', params: { role: 'candidate', target: 'full' } } } },
    },
    awaitingCandidate: {
      invoke: { id: 'checkHealth', src: 'checkHealth', input: ({ context }) => healthInput(context, 'candidate', context.plan.replicas) },
      on: {
        'checkHealth.done': [{ guard: { type: 'routeAt', params: { target: 'promote' } }, target: 'planningAnalysis' }, { target: 'switchingTraffic' }],
      },
    },
    planningRoute: {
      always: [{ guard: { type: 'routeAt', params: { target: 'promote' } }, target: 'planningAnalysis' }, { target: 'switchingTraffic' }],
    },
    switchingTraffic: {
      invoke: { id: 'setTraffic', src: 'setTraffic', input: () => ({ weights: { stable: 0, candidate: 100 } }) },
      on: { 'setTraffic.done': { target: 'planningAnalysis', actions: { type: 'assignRoute', params: { target: 'promote' } } } },
    },
    planningAnalysis: {
      always: [{ guard: 'hasPostPromotionGates', target: 'analysing' }, ...scaleDownChoices],
    },
    analysing: {
      invoke: { id: 'runAnalysis', src: 'runAnalysis', input: ({ context }) => ({ gates: context.postPromotionGates, role: 'candidate' as const }) },
      on: {
        'runAnalysis.done': [
          { guard: 'analysisSucceeded', target: 'planningScaleDown', actions: 'recordAnalysis' },
          { guard: 'analysisInconclusive', ...onInconclusive('promoting') },
          ...onFailure('promoting'),
        ],
      },
    },
    planningScaleDown: { always: scaleDownChoices },
    // The old stable stays warm a while, so a late problem can switch back without a cold start.
    delayingScaleDown: { after: { scaleDownDelay: 'scalingStableDown' } },
    scalingStableDown: {
      invoke: { id: 'scale', src: 'scale', input: () => ({ role: 'stable' as const, replicas: 0 }) },
      on: {
        'scale.done': [
          { guard: { type: 'hasHook', params: { hook: 'postPromotion' } }, target: 'runningPostPromotionHook', actions: stableToZero },
          { guard: { type: 'hasHook', params: { hook: 'post-rollout' } }, target: 'runningPostRolloutHook', actions: stableToZero },
          { target: '#promoted', actions: stableToZero },
        ],
      },
    },
    planningPostHook: {
      always: [{ guard: { type: 'hasHook', params: { hook: 'postPromotion' } }, target: 'runningPostPromotionHook' }, ...promotedChoices],
    },
    runningPostPromotionHook: {
      invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'postPromotion', 'promoting') },
      on: { 'runHook.done': [...promotedChoices] },
    },
    // Told once the release is promoted; its failure is shown and changes nothing (Flagger's post-rollout).
    runningPostRolloutHook: {
      invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'post-rollout', 'promoted') },
      on: { 'runHook.done': '#promoted', 'runHook.failed': '#promoted' },
    },
  },
});
