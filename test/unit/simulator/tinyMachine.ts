import { assign, fromCallback, setup, type EventObject } from 'xstate';
import type { EffectInputs, Outcome, StrategyEvent } from '../../../src/domain/strategies/effects';

/** Placeholders the simulator replaces; they only give the machine its effect names and inputs. */
const effect = <Name extends keyof EffectInputs>() => fromCallback<EventObject, EffectInputs[Name]>(() => undefined);

/**
 * A small release machine using the effect contract, independent of the real strategies:
 * provision → health → 50 % → analysis → (approval) → 100 %, rolling back on any failure.
 */
export const tinyMachine = setup({
  actors: {
    provision: effect<'provision'>(),
    checkHealth: effect<'checkHealth'>(),
    setTraffic: effect<'setTraffic'>(),
    runAnalysis: effect<'runAnalysis'>(),
    awaitApproval: effect<'awaitApproval'>(),
  },
  types: { events: {} as StrategyEvent, input: {} as { plan: { replicas: number } }, context: {} as { replicas: number; reason: string; outcome: Outcome }, output: {} as { outcome: Outcome; reason: string } },
}).createMachine({
  id: 'tiny',
  context: ({ input }) => ({ replicas: input.plan.replicas, reason: '', outcome: 'failed' as Outcome }),
  initial: 'provisioning',
  states: {
    provisioning: {
      invoke: { src: 'provision', input: ({ context }) => ({ role: 'candidate' as const, replicas: context.replicas }) },
      on: { 'provision.done': 'health' },
    },
    health: {
      invoke: { src: 'checkHealth', input: ({ context }) => ({ role: 'candidate' as const, replicas: context.replicas, minReadyMs: 0, deadlineMs: 600_000 }) },
      on: { 'checkHealth.done': 'half', 'checkHealth.failed': { target: 'rollingBack', actions: assign({ reason: ({ event }) => event.reason }) } },
    },
    half: {
      invoke: { src: 'setTraffic', input: { weights: { stable: 50, candidate: 50 } } },
      on: { 'setTraffic.done': 'analysing', 'setTraffic.failed': 'rollingBack' },
    },
    analysing: {
      invoke: { src: 'runAnalysis', input: { gates: ['error-rate'], role: 'candidate' } },
      on: {
        'runAnalysis.done': [
          { guard: ({ event }) => event.output.phase === 'successful', target: 'approval' },
          { target: 'rollingBack', actions: assign({ reason: ({ event }) => event.output.message }) },
        ],
        'runAnalysis.failed': 'rollingBack',
      },
    },
    approval: {
      invoke: { src: 'awaitApproval', input: { reason: 'pause without duration' } },
      on: { 'awaitApproval.done': 'full', 'operator.promote': 'full' },
    },
    full: {
      invoke: { src: 'setTraffic', input: { weights: { stable: 0, candidate: 100 } } },
      on: { 'setTraffic.done': 'promoted' },
    },
    rollingBack: {
      invoke: { src: 'setTraffic', input: { weights: { stable: 100, candidate: 0 } } },
      on: { 'setTraffic.done': 'rolledBack' },
    },
    promoted: { type: 'final', entry: assign({ outcome: 'promoted', reason: 'promoted' }) },
    rolledBack: { type: 'final', entry: assign({ outcome: 'rolledBack' }) },
  },
  output: ({ context }) => ({ outcome: context.outcome, reason: context.reason }),
});
