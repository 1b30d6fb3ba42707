import { createSteppedMachine } from './steppedMachine';

/**
 * A/B test (Flagger): the candidate at full size gets only requests matching `match` (weights
 * stay 100% stable), `iterations` checks every `interval`, failed checks counted against
 * `threshold`, then promotion.
 */
export const abTestMachine = createSteppedMachine('abTest');
