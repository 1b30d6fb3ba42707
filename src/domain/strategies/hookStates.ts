import { and } from 'xstate';
import { hookMoment } from './hookGuards';
import { strategySetup } from './strategySetup';

/**
 * The states that call the plan's hooks inside `progressing.steps`, in the order Flagger's
 * scheduler calls its webhooks (pkg/controller/scheduler.go `advanceCanary`): pre-rollout once
 * before the candidate has traffic, then at each step the rollback and rollout hooks, then
 * confirm-traffic-increase before a weight goes up. A failing pre-rollout or rollout hook is a
 * failed check: counted, and acted on at the threshold; a rollback hook's yes rolls back at once.
 */

/** After the step's hooks: the step itself (`dispatching` walks the same choices as `entering`, hooks aside). */
const toStep = { target: '#stepDispatching' } as const;
const toIncrease = { guard: 'trafficIncreaseDue', target: '#stepConfirmingIncrease' } as const;

/** A rollback hook said yes: the plan's policy, at once. */
const rollbackAsked = [
  { guard: and(['rollbackRequested', 'rollbackOnFailure']), target: '#rollingBack', actions: { type: 'recordFailure', params: { phase: 'progressing' } } },
  {
    guard: 'rollbackRequested',
    target: '#paused',
    actions: [{ type: 'recordFailure', params: { phase: 'progressing' } }, { type: 'assignPauseCause', params: { cause: 'failure' } }],
  },
] as const;

/** At the threshold of failed checks: roll back (or pause), as a check step does. */
const thresholdReached = [
  { guard: and(['failedChecksAtThreshold', 'rollbackOnFailure']), target: '#rollingBack', actions: 'recordFailedChecks' },
  { guard: 'failedChecksAtThreshold', target: '#paused', actions: ['recordFailedChecks', { type: 'assignPauseCause', params: { cause: 'failure' } }] },
] as const;

/**
 * Pre-rollout: a failure counts as a failed check, and it is called again after the loop's
 * interval. As the steps begin it goes on to the step's own hooks; before a first route, to the route.
 */
function preRollingOutState(atStart: boolean) {
  return strategySetup.createStateConfig({
    initial: 'calling',
    states: {
      calling: {
        invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'pre-rollout', 'progressing') },
        on: {
          'runHook.done': atStart ? [{ guard: 'rolloutDue', target: '#stepRollingOut' }, toIncrease, toStep] : '#stepRouting',
          'runHook.failed': { target: 'retrying', actions: ['recordHookCheck', 'countFailedCheck'] },
        },
      },
      retrying: { after: { hookRetryInterval: [...thresholdReached, { target: 'calling' }] } },
    },
  });
}

export const preRollingOutAtStartState = preRollingOutState(true);
export const preRollingOutBeforeTrafficState = { id: 'stepPreRollingOut', ...preRollingOutState(false) };

/** The rollback and rollout hooks of a step (outside a Flagger-style loop): a failure goes to the policy. */
export const rollingOutState = strategySetup.createStateConfig({
  id: 'stepRollingOut',
  invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'rollout', 'progressing') },
  on: { 'runHook.done': [toIncrease, toStep] },
});

/** confirm-traffic-increase: the driver asks until yes; its deadline fails through the policy. */
export const confirmingIncreaseState = strategySetup.createStateConfig({
  id: 'stepConfirmingIncrease',
  invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'confirm-traffic-increase', 'progressing') },
  on: { 'runHook.done': toStep },
});

/** Inside a check of a Flagger-style loop: the rollback and rollout hooks before the metrics. */
export const hookingCheckState = strategySetup.createStateConfig({
  invoke: { id: 'runHook', src: 'runHook', input: ({ context }) => hookMoment(context, 'rollout', 'progressing') },
  on: {
    'runHook.done': 'measuring',
    'runHook.failed': [...rollbackAsked, { target: 'waiting', actions: ['recordHookCheck', 'countFailedCheck'] }],
  },
});

/** Where `entering` goes first when hooks are due; `undefined` guards fall through to the step. */
export const stepHookChoices = [
  { guard: 'preRolloutAtStart', target: 'preRollingOut' },
  { guard: 'rolloutDue', target: 'rollingOut' },
  { guard: 'trafficIncreaseDue', target: 'confirmingIncrease' },
] as const;
