import { initialContext } from './context';
import { finalStates, pausedState, rollingBackState } from './failureStates';
import { promotingState, provisioningState, stoppingStableState } from './phaseStates';
import { progressingState } from './progressingState';
import { outputOf, strategySetup } from './strategySetup';

/**
 * Recreate: stable to 0, candidate at full size and ready, all traffic to it, optional analysis.
 * Rolling back brings the stable back to full size before traffic returns to it.
 */
export const recreateMachine = strategySetup.createMachine({
  id: 'recreate',
  context: ({ input }) => initialContext(input.plan, 'recreate'),
  initial: 'stoppingStable',
  states: {
    stoppingStable: stoppingStableState,
    provisioning: provisioningState,
    progressing: progressingState('#promoting'),
    promoting: promotingState,
    paused: pausedState('#stoppingStable'),
    rollingBack: rollingBackState,
    ...finalStates,
  },
  output: ({ context }) => outputOf(context),
});
