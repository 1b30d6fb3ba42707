import type { StrategyKind } from '../plan/schema';
import { initialContext } from './context';
import { finalStates, pausedState, rollingBackState } from './failureStates';
import { promotingState, provisioningState } from './phaseStates';
import { progressingState } from './progressingState';
import { outputOf, strategySetup } from './strategySetup';

/**
 * The shape canary, rolling, A/B and shadow share: provision, walk the steps, promote. What makes
 * each strategy itself is its track (`steps.ts`): weights, batches, header routes or mirroring,
 * and interval checks.
 *
 * @example
 * const machine = createSteppedMachine('canary');
 * createActor(machine.provide({ actors }), { input: { plan } }).start();
 */
export function createSteppedMachine(kind: Exclude<StrategyKind, 'blueGreen' | 'recreate'>) {
  return strategySetup.createMachine({
    id: kind,
    context: ({ input }) => initialContext(input.plan, kind),
    initial: 'provisioning',
    states: {
      provisioning: provisioningState,
      progressing: progressingState('#promoting'),
      promoting: promotingState,
      paused: pausedState('#provisioning'),
      rollingBack: rollingBackState,
      ...finalStates,
    },
    output: ({ context }) => outputOf(context),
  });
}
