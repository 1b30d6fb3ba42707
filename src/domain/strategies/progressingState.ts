import { and } from 'xstate';
import { currentStep } from './context';
import type { StrategyContext } from './context';
import { abortTransition, effectFailures, onFailure, onInconclusive } from './failureStates';
import { strategySetup } from './strategySetup';
import { healthInput, replicaTarget, routeTarget } from './targets';

/**
 * `progressing`: walks `context.steps` one by one. Two regions: `steps` runs the track, and
 * `background` watches the background gates for as long as the steps run (Argo's
 * `canary.analysis`), so a bad candidate is caught between steps too.
 */

const nextStep = { target: '#stepEntering', actions: 'advanceStep' } as const;


function gatesOf(context: StrategyContext): string[] {
  const step = currentStep(context);
  return step?.kind === 'analysis' || step?.kind === 'check' ? step.gates : [];
}

/**
 * A `set*` step: room made (rolling batches), candidate up and ready, then the route, then stable down. Each part is skipped
 * when the fleet or router is already there, so a step only asks for what changes.
 */
const settingState = strategySetup.createStateConfig({
  initial: 'planningRoom',
  states: {
    // A rolling batch first retires what maxUnavailable allows, so the surge stays within maxSurge.
    planningRoom: {
      always: [{ guard: { type: 'stableAt', params: { target: 'room' } }, target: 'planningCandidate' }, { target: 'makingRoom' }],
    },
    makingRoom: {
      invoke: { id: 'scale', src: 'scale', input: ({ context }) => ({ role: 'stable' as const, replicas: replicaTarget(context, 'stable', 'room') }) },
      on: { 'scale.done': { target: 'planningCandidate', actions: { type: 'assignReplicas', params: { role: 'stable', target: 'room' } } } },
    },
    planningCandidate: {
      always: [{ guard: { type: 'candidateAt', params: { target: 'step' } }, target: 'planningRoute' }, { target: 'scalingCandidate' }],
    },
    scalingCandidate: {
      invoke: { id: 'scale', src: 'scale', input: ({ context }) => ({ role: 'candidate' as const, replicas: replicaTarget(context, 'candidate', 'step') }) },
      on: { 'scale.done': { target: 'awaitingCandidate', actions: { type: 'assignReplicas', params: { role: 'candidate', target: 'step' } } } },
    },
    awaitingCandidate: {
      invoke: { id: 'checkHealth', src: 'checkHealth', input: ({ context }) => healthInput(context, 'candidate', context.replicas.candidate) },
      on: { 'checkHealth.done': 'planningRoute' },
    },
    planningRoute: {
      always: [{ guard: { type: 'routeAt', params: { target: 'step' } }, target: 'planningStable' }, { target: 'routing' }],
    },
    routing: {
      invoke: { id: 'setTraffic', src: 'setTraffic', input: ({ context }) => routeTarget(context, 'step') },
      on: { 'setTraffic.done': { target: 'planningStable', actions: { type: 'assignRoute', params: { target: 'step' } } } },
    },
    planningStable: {
      always: [{ guard: { type: 'stableAt', params: { target: 'step' } }, ...nextStep }, { target: 'scalingStable' }],
    },
    // Stable shrinks only after traffic has moved away from it.
    scalingStable: {
      invoke: { id: 'scale', src: 'scale', input: ({ context }) => ({ role: 'stable' as const, replicas: replicaTarget(context, 'stable', 'step') }) },
      on: {
        'scale.done': { target: '#stepEntering', actions: [{ type: 'assignReplicas', params: { role: 'stable', target: 'step' } }, 'advanceStep'] },
      },
    },
  },
});

const pausingState = strategySetup.createStateConfig({
  initial: 'planning',
  on: { 'operator.promote': nextStep },
  states: {
    planning: { always: [{ guard: 'hasPauseDuration', target: 'timed' }, { target: 'indefinite' }] },
    timed: { after: { pauseDuration: nextStep } },
    indefinite: {
      invoke: { id: 'awaitApproval', src: 'awaitApproval', input: ({ context }) => ({ reason: `step ${context.stepIndex + 1}: paused until promoted` }) },
      on: { 'awaitApproval.done': nextStep },
    },
  },
});

const analysingState = strategySetup.createStateConfig({
  invoke: { id: 'runAnalysis', src: 'runAnalysis', input: ({ context }) => ({ gates: gatesOf(context), role: 'candidate' as const }) },
  on: {
    'runAnalysis.done': [
      { guard: 'analysisSucceeded', target: '#stepEntering', actions: ['recordAnalysis', 'advanceStep'] },
      { guard: 'analysisInconclusive', ...onInconclusive('progressing') },
      ...onFailure('progressing'),
    ],
  },
});

/** Flagger's interval check: wait, measure; a failed check retries the same step until the threshold. */
const checkingState = strategySetup.createStateConfig({
  initial: 'waiting',
  states: {
    waiting: { after: { checkInterval: 'measuring' } },
    measuring: {
      invoke: { id: 'runAnalysis', src: 'runAnalysis', input: ({ context }) => ({ gates: gatesOf(context), role: 'candidate' as const }) },
      on: {
        'runAnalysis.done': [
          { guard: 'analysisSucceeded', target: '#stepEntering', actions: ['recordAnalysis', 'advanceStep'] },
          { guard: 'analysisInconclusive', ...onInconclusive('progressing') },
          {
            guard: and(['checkThresholdReached', 'rollbackOnFailure']),
            target: '#rollingBack',
            actions: ['countFailedCheck', { type: 'recordFailure', params: { phase: 'progressing' } }],
          },
          {
            guard: 'checkThresholdReached',
            target: '#paused',
            actions: ['countFailedCheck', { type: 'recordFailure', params: { phase: 'progressing' } }, { type: 'assignPauseCause', params: { cause: 'failure' } }],
          },
          { target: 'waiting', actions: ['recordAnalysis', 'countFailedCheck'] },
        ],
      },
    },
  },
});

/**
 * The `progressing` state of a stepped strategy.
 *
 * @example
 * strategySetup.createMachine({ states: { progressing: progressingState('#promoting'), ... } });
 */
export function progressingState(completeTarget: string) {
  return strategySetup.createStateConfig({
    id: 'progressing',
    type: 'parallel',
    on: {
      ...effectFailures('progressing'),
      'operator.abort': abortTransition,
      'operator.promoteFull': '#promoting',
      'operator.pause': { actions: 'requestHold' },
      'operator.resume': { actions: 'releaseHold' },
    },
    states: {
      steps: {
        initial: 'entering',
        on: { 'operator.skipStep': { target: '.entering', actions: 'advanceStep' } },
        states: {
          entering: {
            id: 'stepEntering',
            always: [
              { guard: 'stepsExhausted', target: completeTarget },
              { guard: 'holdRequested', target: 'holding' },
              { guard: { type: 'stepIs', params: { kinds: ['pause'] } }, target: 'pausing' },
              { guard: { type: 'stepIs', params: { kinds: ['analysis'] } }, target: 'analysing' },
              { guard: { type: 'stepIs', params: { kinds: ['check'] } }, target: 'checking' },
              { target: 'setting' },
            ],
          },
          // operator.pause takes effect between steps: work in flight finishes, nothing new starts.
          holding: {
            on: {
              'operator.resume': { target: 'entering', actions: 'releaseHold' },
              'operator.promote': { target: 'entering', actions: 'releaseHold' },
            },
          },
          setting: settingState,
          pausing: pausingState,
          analysing: analysingState,
          checking: checkingState,
        },
      },
      background: {
        initial: 'planning',
        states: {
          planning: { always: [{ guard: 'hasBackgroundGates', target: 'watching' }, { target: 'idle' }] },
          watching: {
            invoke: {
              id: 'watchAnalysis',
              src: 'watchAnalysis',
              input: ({ context }) => ({ gates: context.backgroundGates, role: 'candidate' as const }),
            },
          },
          idle: {},
        },
      },
    },
  });
}
