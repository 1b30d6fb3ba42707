/**
 * Engine semantics ("physics"): each controller's exact replica and weight arithmetic, as pure
 * functions. One namespace per engine, since the engines share function names (maxSurge,
 * resolveFenceposts) but not always their rules.
 *
 * @example
 * import { kubernetes, argoRollouts, flagger } from '../physics';
 * kubernetes.resolveFenceposts('25%', '25%', 10);        // { ok: true, maxSurge: 3, maxUnavailable: 2 }
 * argoRollouts.approximateWeightedCanaryStableReplicaCounts(3, 10, 0); // [1, 2]
 * flagger.flaggerTimeline({ stepWeight: 25 });
 */
export * as kubernetes from './kubernetes';
export * as argoRollouts from './argoRollouts';
export * as flagger from './flagger';
export { getScaledValueFromIntOrPercent, getValueFromIntOrPercent, roundToInt32 } from './intOrPercent';
export type { IntOrString, Scaled } from './intOrPercent';
