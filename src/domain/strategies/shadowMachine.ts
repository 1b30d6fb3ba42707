import { createSteppedMachine } from './steppedMachine';

/**
 * Shadow: the candidate at full size receives a mirrored copy (`mirrorPercent`) of live traffic
 * whose responses are dropped, `iterations` checks every `interval`, then promotion.
 */
export const shadowMachine = createSteppedMachine('shadow');
