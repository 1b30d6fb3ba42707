import { and } from 'xstate';
import { hookMoment } from './hookGuards';
import { strategySetup } from './strategySetup';
import { healthInput, replicaTarget, routeTarget } from './targets';
import type { FailurePhase } from './strategySetup';

/**
 * How every strategy fails, pauses, rolls back and ends. Failure is a state: every `*.failed`
 * effect event and every failed analysis leads here through the plan's `policy.onFailure`.
 */

/** `policy.onFailure`: roll back, or stop in `paused` and wait for an operator. */
export function onFailure(phase: FailurePhase) {
  return [
    { guard: 'rollbackOnFailure', target: '#rollingBack', actions: [{ type: 'recordFailure', params: { phase } }] },
    {
      target: '#paused',
      actions: [
        { type: 'recordFailure', params: { phase } },
        { type: 'assignPauseCause', params: { cause: 'failure' } },
      ],
    },
  ] as const;
}

/** Argo pauses on an inconclusive analysis: neither good enough to go on nor bad enough to roll back. */
export function onInconclusive(phase: FailurePhase) {
  return {
    target: '#paused',
    actions: [
      { type: 'recordFailure', params: { phase } },
      { type: 'assignPauseCause', params: { cause: 'inconclusive' } },
    ],
  } as const;
}

/** Every effect failure a phase can meet, routed through the policy. */
export function effectFailures(phase: FailurePhase) {
  const handler = onFailure(phase);
  return {
    'provision.failed': handler,
    'scale.failed': handler,
    'setTraffic.failed': handler,
    'checkHealth.failed': handler,
    'runAnalysis.failed': handler,
    'watchAnalysis.failed': handler,
    'runHook.failed': handler,
  } as const;
}

export const abortTransition = { target: '#rollingBack', actions: 'markAborting' } as const;

/**
 * `paused`: degraded, waiting for an operator. Retry starts over; abort rolls back; promote
 * accepts the risk and goes on (with the next step when the failure happened during the steps).
 */
export function pausedState(restartTarget: string) {
  return strategySetup.createStateConfig({
    id: 'paused',
    on: {
      'operator.retry': { target: restartTarget, actions: 'restart' },
      'operator.abort': abortTransition,
      'operator.promote': [
        // Promoting past failed checks accepts them: a Flagger-style loop counts anew.
        { guard: 'failedWhileProgressing', target: '#stepEntering', actions: ['clearFailure', 'resetFailedChecks', 'advanceStep'] },
        { target: '#promoting', actions: 'clearFailure' },
      ],
    },
  });
}

const rollbackFailures = {
  'provision.failed': { target: '#failed', actions: 'recordRollbackFailure' },
  'scale.failed': { target: '#failed', actions: 'recordRollbackFailure' },
  'setTraffic.failed': { target: '#failed', actions: 'recordRollbackFailure' },
  'checkHealth.failed': { target: '#failed', actions: 'recordRollbackFailure' },
  'runHook.failed': { target: '#failed', actions: 'recordRollbackFailure' },
} as const;

/**
 * `rollingBack`: back to the last safe routing. Order matters: stable capacity first (rolling and
 * recreate have scaled it down), then all traffic to stable, and only then the candidate down,
 * so no request is routed to an instance that is going away.
 */
export const rollingBackState = strategySetup.createStateConfig({
  id: 'rollingBack',
  initial: 'planning',
  on: rollbackFailures,
  states: {
    planning: { always: [{ guard: 'abortStepsDown', target: 'steppingDown' }, { guard: 'stableIsShort', target: 'scalingStable' }, { target: 'switchingTraffic' }] },
    // Argo Rollouts with dynamicStableScale: the weight steps back down through the setWeight steps
    // as stable pods come up, one reconcile at a time (engines/argoAbort.ts), then all traffic to stable.
    steppingDown: {
      initial: 'planning',
      states: {
        planning: {
          always: [
            // As one Argo sync: the weight from what is available now, then the sets sized for the weights in effect.
            { guard: 'abortRouteAhead', target: 'routing' },
            { guard: 'abortStableShort', target: 'scalingStable' },
            { guard: 'abortCandidateAhead', target: 'scalingCandidate' },
            { guard: { type: 'routeAt', params: { target: 'stable' } }, target: '#rollingBack.planningScaleDown' },
            { target: '#rollingBack.switchingTraffic' },
          ],
        },
        scalingStable: {
          invoke: { id: 'scale', src: 'scale', input: ({ context }) => ({ role: 'stable' as const, replicas: replicaTarget(context, 'stable', 'abort') }) },
          on: { 'scale.done': { target: 'awaitingStable', actions: { type: 'assignReplicas', params: { role: 'stable', target: 'abort' } } } },
        },
        awaitingStable: {
          invoke: { id: 'checkHealth', src: 'checkHealth', input: ({ context }) => healthInput(context, 'stable', context.replicas.stable) },
          on: { 'checkHealth.done': 'planning' },
        },
        routing: {
          invoke: { id: 'setTraffic', src: 'setTraffic', input: ({ context }) => routeTarget(context, 'abort') },
          on: { 'setTraffic.done': { target: 'planning', actions: { type: 'assignRoute', params: { target: 'abort' } } } },
        },
        scalingCandidate: {
          invoke: { id: 'scale', src: 'scale', input: ({ context }) => ({ role: 'candidate' as const, replicas: replicaTarget(context, 'candidate', 'abort') }) },
          on: { 'scale.done': { target: 'planning', actions: { type: 'assignReplicas', params: { role: 'candidate', target: 'abort' } } } },
        },
      },
    },
    scalingStable: {
      invoke: { id: 'scale', src: 'scale', input: ({ context }) => ({ role: 'stable' as const, replicas: context.plan.replicas }) },
      on: { 'scale.done': { target: 'awaitingStable', actions: { type: 'assignReplicas', params: { role: 'stable', target: 'full' } } } },
    },
    awaitingStable: {
      invoke: {
        id: 'checkHealth',
        src: 'checkHealth',
        input: ({ context }) => healthInput(context, 'stable', context.plan.replicas),
      },
      on: { 'checkHealth.done': 'switchingTraffic' },
    },
    switchingTraffic: {
      invoke: { id: 'setTraffic', src: 'setTraffic', input: () => ({ weights: { stable: 100, candidate: 0 } }) },
      on: { 'setTraffic.done': { target: 'planningScaleDown', actions: { type: 'assignRoute', params: { target: 'stable' } } } },
    },
    // Argo Rollouts keeps an aborted blue-green or traffic-routed canary up for
    // abortScaleDownDelaySeconds once the stable is full (an explicit 0 leaves it up).
    planningScaleDown: {
      always: [
        { guard: 'abortKeepsCandidate', target: 'leavingCandidate' },
        { guard: and(['abortStepsDown', { type: 'candidateAt', params: { target: 'zero' } } as const]), target: 'leavingCandidate' },
        { guard: 'abortDelaysScaleDown', target: 'delayingScaleDown' },
        { target: 'scalingCandidateDown' },
      ],
    },
    delayingScaleDown: { after: { abortScaleDownDelay: 'scalingCandidateDown' } },
    scalingCandidateDown: {
      invoke: { id: 'scale', src: 'scale', input: () => ({ role: 'candidate' as const, replicas: 0 }) },
      on: {
        'scale.done': [
          { guard: { type: 'hasHook', params: { hook: 'onRollback' } }, target: 'runningHook', actions: { type: 'assignReplicas', params: { role: 'candidate', target: 'zero' } } },
          { guard: { type: 'hasHook', params: { hook: 'post-rollout' } }, target: 'runningPostRolloutHook', actions: { type: 'assignReplicas', params: { role: 'candidate', target: 'zero' } } },
          { target: 'done', actions: { type: 'assignReplicas', params: { role: 'candidate', target: 'zero' } } },
        ],
      },
    },
    leavingCandidate: {
      always: [
        { guard: { type: 'hasHook', params: { hook: 'onRollback' } }, target: 'runningHook' },
        { guard: { type: 'hasHook', params: { hook: 'post-rollout' } }, target: 'runningPostRolloutHook' },
        { target: 'done' },
      ],
    },
    runningHook: {
      invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'onRollback', 'rollingBack') },
      on: { 'runHook.done': [{ guard: { type: 'hasHook', params: { hook: 'post-rollout' } }, target: 'runningPostRolloutHook' }, { target: 'done' }] },
    },
    // Told once traffic is back on stable; its failure is shown and changes nothing (Flagger's post-rollout).
    runningPostRolloutHook: {
      invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'post-rollout', context.aborting ? 'aborted' : 'rolledBack') },
      on: { 'runHook.done': 'done', 'runHook.failed': 'done' },
    },
    done: { type: 'final' },
  },
  onDone: [{ guard: 'wasAborting', target: 'aborted' }, { target: 'rolledBack' }],
});

export const finalStates = {
  promoted: strategySetup.createStateConfig({ id: 'promoted', type: 'final', entry: { type: 'assignOutcome', params: { outcome: 'promoted' } } }),
  rolledBack: strategySetup.createStateConfig({ id: 'rolledBack', type: 'final', entry: { type: 'assignOutcome', params: { outcome: 'rolledBack' } } }),
  aborted: strategySetup.createStateConfig({ id: 'aborted', type: 'final', entry: { type: 'assignOutcome', params: { outcome: 'aborted' } } }),
  failed: strategySetup.createStateConfig({ id: 'failed', type: 'final', entry: { type: 'assignOutcome', params: { outcome: 'failed' } } }),
};
