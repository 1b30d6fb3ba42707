import { initialContext } from './context';
import { finalStates, pausedState, rollingBackState } from './failureStates';
import { awaitingPromotionState, promotingState, provisioningState } from './phaseStates';
import { progressingState } from './progressingState';
import { outputOf, strategySetup } from './strategySetup';

/**
 * Blue-green (Argo Rollouts): preview at previewReplicaCount, ready, optional pre-promotion
 * analysis (the steps), then auto-promotion (after autoPromotionSeconds) or an operator's
 * approval. Promotion scales the candidate to full, switches all traffic, runs post-promotion
 * analysis while the old stable still runs, waits scaleDownDelaySeconds, then scales it to 0.
 */
export const blueGreenMachine = strategySetup.createMachine({
  id: 'blueGreen',
  context: ({ input }) => initialContext(input.plan, 'blueGreen'),
  initial: 'provisioning',
  states: {
    provisioning: provisioningState,
    progressing: progressingState('#awaitingPromotion'),
    awaitingPromotion: awaitingPromotionState,
    promoting: promotingState,
    paused: pausedState('#provisioning'),
    rollingBack: rollingBackState,
    ...finalStates,
  },
  output: ({ context }) => outputOf(context),
});
