import { and, not } from 'xstate';
import { currentStep } from './context';
import type { StrategyContext } from './context';
import { abortTransition, effectFailures, onFailure, onInconclusive } from './failureStates';
import { confirmingIncreaseState, hookingCheckState, preRollingOutAtStartState, preRollingOutBeforeTrafficState, rollingOutState, stepHookChoices } from './hookStates';
import type { AnalysisCheck } from './effects';
import { checkThresholdOf, strategySetup } from './strategySetup';
import { healthInput, replicaTarget, routeTarget } from './targets';

/**
 * `progressing`: walks `context.steps` one by one. Two regions: `steps` runs the track, and
 * `background` watches the background gates for as long as the steps run (Argo's
 * `canary.analysis`), so a bad candidate is caught between steps too.
 */

const nextStep = { target: '#stepEntering', actions: 'advanceStep' } as const;

/*
 * Why the decisions below are spelled out on the transitions instead of living in one `planning*`
 * state each: every eventless hop is a full XState microstep (exit and entry sets, a new
 * snapshot), and they were two thirds of a canary run's microsteps. A simulation runs the machine
 * a thousand times per Monte Carlo, so `stepEntering` jumps straight to the substate that has work
 * to do, and an effect's done event goes straight to the next one. The `planning*` states stay as
 * the entry points for the other paths (initial state, rolling batches), with the same guards.
 */

function gatesOf(context: StrategyContext): string[] {
  const step = currentStep(context);
  return step?.kind === 'analysis' || step?.kind === 'check' ? step.gates : [];
}

/** Where the loop stands as a check starts, so its result can say whether the loop carries on. */
function checkOf(context: StrategyContext): AnalysisCheck {
  const step = currentStep(context);
  return { failedChecks: context.failedChecks, threshold: checkThresholdOf(context), intervalMs: step?.kind === 'check' ? step.intervalMs : 0 };
}

/** The route of a step, after the pre-rollout hooks when it is the candidate's first traffic. */
const toRouting = [{ guard: 'preRolloutBeforeTraffic', target: '#stepPreRollingOut' }, { target: 'routing' }] as const;

/**
 * A `set*` step: candidate surged and room made (rolling batches), candidate up and ready, then the route, then stable down. Each part is skipped
 * when the fleet or router is already there, so a step only asks for what changes.
 */
const settingState = strategySetup.createStateConfig({
  initial: 'planningSurge',
  states: {
    // Under engine kubernetes the reply to a new template surges first: the controller creates the
    // new ReplicaSet at its surge and only then scales the old one down, without waiting between.
    planningSurge: {
      always: [{ guard: { type: 'candidateAt', params: { target: 'surge' } }, target: 'planningRoom' }, { target: 'surging' }],
    },
    surging: {
      invoke: { id: 'scale', src: 'scale', input: ({ context }) => ({ role: 'candidate' as const, replicas: replicaTarget(context, 'candidate', 'surge') }) },
      on: { 'scale.done': { target: 'planningRoom', actions: { type: 'assignReplicas', params: { role: 'candidate', target: 'surge' } } } },
    },
    // A rolling batch first retires what maxUnavailable allows, so the surge stays within maxSurge.
    planningRoom: {
      always: [{ guard: { type: 'stableAt', params: { target: 'room' } }, target: 'planningCandidate' }, { target: 'makingRoom' }],
    },
    makingRoom: {
      invoke: { id: 'scale', src: 'scale', input: ({ context }) => ({ role: 'stable' as const, replicas: replicaTarget(context, 'stable', 'room') }) },
      on: {
        'scale.done': [
          { guard: 'stableGrowsToRoom', target: 'awaitingRoom', actions: { type: 'assignReplicas', params: { role: 'stable', target: 'room' } } },
          { target: 'planningCandidate', actions: { type: 'assignReplicas', params: { role: 'stable', target: 'room' } } },
        ],
      },
    },
    // Stable grew first (Argo, before a smaller canary takes less traffic): the new stable pods
    // must be ready before the canary shrinks and traffic moves onto them, as Argo waits for the
    // stable ReplicaSet to be available.
    awaitingRoom: {
      invoke: { id: 'checkHealth', src: 'checkHealth', input: ({ context }) => healthInput(context, 'stable', context.replicas.stable) },
      on: { 'checkHealth.done': 'planningCandidate' },
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
      on: {
        'checkHealth.done': [{ guard: { type: 'routeAt', params: { target: 'step' } }, target: 'planningStable' }, ...toRouting],
      },
    },
    planningRoute: {
      always: [{ guard: { type: 'routeAt', params: { target: 'step' } }, target: 'planningStable' }, ...toRouting],
    },
    routing: {
      id: 'stepRouting',
      invoke: { id: 'setTraffic', src: 'setTraffic', input: ({ context }) => routeTarget(context, 'step') },
      on: {
        // Whether stable is at the step's count does not depend on the route just recorded.
        'setTraffic.done': [
          {
            guard: { type: 'stableAt', params: { target: 'step' } },
            target: '#stepEntering',
            actions: [{ type: 'assignRoute', params: { target: 'step' } }, 'advanceStep'],
          },
          { target: 'scalingStable', actions: { type: 'assignRoute', params: { target: 'step' } } },
        ],
      },
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

/**
 * Flagger's tick, in the order of its scheduler (pkg/controller/scheduler.go `advanceCanary`): wait
 * one interval; if the failed checks already reached the threshold, roll back (or pause) without
 * measuring; else measure every gate over the interval just past. A passing check moves on (the
 * next step sets what the next tick judges); a failing one only counts, and the loop checks the
 * same step again, so the failure that reaches the threshold is acted on at the next tick.
 */
const checkingState = strategySetup.createStateConfig({
  initial: 'waiting',
  states: {
    waiting: {
      after: {
        checkInterval: [
          { guard: and(['failedChecksAtThreshold', 'rollbackOnFailure']), target: '#rollingBack', actions: 'recordFailedChecks' },
          { guard: 'failedChecksAtThreshold', target: '#paused', actions: ['recordFailedChecks', { type: 'assignPauseCause', params: { cause: 'failure' } }] },
          { guard: 'checkHooksDue', target: 'hooking' },
          { target: 'measuring' },
        ],
      },
    },
    hooking: hookingCheckState,
    measuring: {
      invoke: { id: 'runAnalysis', src: 'runAnalysis', input: ({ context }) => ({ gates: gatesOf(context), role: 'candidate' as const, check: checkOf(context) }) },
      on: {
        'runAnalysis.done': [
          { guard: 'analysisSucceeded', target: '#stepEntering', actions: ['recordAnalysis', 'advanceStep'] },
          { guard: 'analysisInconclusive', ...onInconclusive('progressing') },
          { target: 'waiting', actions: ['recordAnalysis', 'countFailedCheck'] },
        ],
      },
    },
  },
});

/** Where a step starts: the first part of it that has work to do. */
function stepChoices(completeTarget: string) {
  return [
    // A background gate stopped before its first successful measurement is inconclusive:
    // no data is never a pass. From `paused`, promote accepts it and promotes.
    { guard: and(['stepsExhausted', 'backgroundUnmeasured']), target: '#paused', actions: 'recordUnmeasuredBackground' },
    { guard: 'stepsExhausted', target: completeTarget },
    { guard: 'holdRequested', target: 'holding' },
    { guard: 'hasPauseDuration', target: 'pausing.timed' },
    { guard: { type: 'stepIs', params: { kinds: ['pause'] } }, target: 'pausing.indefinite' },
    { guard: { type: 'stepIs', params: { kinds: ['analysis'] } }, target: 'analysing' },
    { guard: { type: 'stepIs', params: { kinds: ['check'] } }, target: 'checking' },
    // Every other step sets something: go to the first part that is not in place yet
    // (the order of `setting`), or on to the next step when all of it already is.
    { guard: not({ type: 'candidateAt', params: { target: 'surge' } } as const), target: 'setting.surging' },
    { guard: not({ type: 'stableAt', params: { target: 'room' } } as const), target: 'setting.makingRoom' },
    { guard: not({ type: 'candidateAt', params: { target: 'step' } } as const), target: 'setting.scalingCandidate' },
    { guard: 'preRolloutBeforeTraffic', target: 'preRollingOutBeforeTraffic' },
    { guard: not({ type: 'routeAt', params: { target: 'step' } } as const), target: 'setting.routing' },
    { guard: not({ type: 'stableAt', params: { target: 'step' } } as const), target: 'setting.scalingStable' },
  ] as const;
}

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
            always: [...stepHookChoices, ...stepChoices(completeTarget), { actions: 'advanceStep' }],
          },
          // The same choices once the step's hooks have run, so they run once per step.
          dispatching: {
            id: 'stepDispatching',
            always: [...stepChoices(completeTarget), { target: 'entering', actions: 'advanceStep' }],
          },
          preRollingOut: preRollingOutAtStartState,
          preRollingOutBeforeTraffic: preRollingOutBeforeTrafficState,
          rollingOut: rollingOutState,
          confirmingIncrease: confirmingIncreaseState,
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
            on: { 'watchAnalysis.measured': { actions: 'markBackgroundMeasured' } },
          },
          idle: {},
        },
      },
    },
  });
}
