import { createSteppedMachine } from './steppedMachine';

/**
 * Canary: explicit steps (Argo Rollouts: setWeight, pause, analysis, setCanaryScale,
 * setHeaderRoute, setMirrorRoute) or linear increments (Flagger: stepWeight or stepWeights up to
 * maxWeight, one check of the gates per interval, failed checks counted against threshold).
 * With explicit steps, `canary.analysis` runs in the background for all of `progressing`.
 */
export const canaryMachine = createSteppedMachine('canary');
