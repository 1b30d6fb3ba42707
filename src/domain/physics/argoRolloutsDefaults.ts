import type { ArgoRollout } from './argoRolloutsWeights';

/**
 * Argo Rollouts' defaults and the spec readers that apply them (utils/defaults/defaults.go,
 * utils/weightutil/weight.go). Kept apart from the arithmetic so every module can read them.
 */

/** Argo's defaults: maxSurge and maxUnavailable are the strings "25" (25 %), replicas 1. */
export const ARGO_DEFAULTS = { replicas: 1, maxSurge: '25', maxUnavailable: '25', scaleDownDelaySeconds: 30, abortScaleDownDelaySeconds: 30, maxTrafficWeight: 100 } as const;

/**
 * The total that weights are out of (`MaxTrafficWeight`): trafficRouting.maxTrafficWeight when
 * the canary has a traffic router and sets it, else 100. A basic canary or a blue-green rollout
 * always counts out of 100, whatever the field says.
 *
 * @example
 * maxTrafficWeight({ trafficRouting: true, maxTrafficWeight: 1000 }); // 1000
 * maxTrafficWeight({ maxTrafficWeight: 1000 });                       // 100 (no traffic router)
 */
export function maxTrafficWeight(rollout: ArgoRollout): number {
  const canary = (rollout.strategy ?? 'canary') === 'canary';
  return canary && rollout.trafficRouting === true && rollout.maxTrafficWeight !== undefined ? rollout.maxTrafficWeight : ARGO_DEFAULTS.maxTrafficWeight;
}

/** What `GetAbortScaleDownDelaySecondsOrDefault` answers: the delay (undefined = never scale down) and whether the spec set it. */
export interface AbortScaleDownDelay {
  /** Seconds to wait after an abort before the new set goes to 0; undefined when the spec says 0 (leave it up). */
  readonly delaySeconds: number | undefined;
  readonly wasSet: boolean;
}

/**
 * How long an aborted rollout keeps the new (canary or preview) set up
 * (`GetAbortScaleDownDelaySecondsOrDefault`). Blue-green and a traffic-routed canary default to
 * 30 s; an explicit 0 means never (undefined); a basic canary, or a spec with no strategy, gets 0
 * seconds (it scales down at once, the field unread).
 *
 * @example
 * getAbortScaleDownDelaySecondsOrDefault({ strategy: 'blueGreen' });                                // { delaySeconds: 30, wasSet: false }
 * getAbortScaleDownDelaySecondsOrDefault({ trafficRouting: true, abortScaleDownDelaySeconds: 0 });  // { delaySeconds: undefined, wasSet: true }
 * getAbortScaleDownDelaySecondsOrDefault({ abortScaleDownDelaySeconds: 60 });                        // { delaySeconds: 0, wasSet: false } (basic canary)
 */
export function getAbortScaleDownDelaySecondsOrDefault(rollout: ArgoRollout): AbortScaleDownDelay {
  const strategy = rollout.strategy ?? 'canary';
  const applies = strategy === 'blueGreen' || (strategy === 'canary' && rollout.trafficRouting === true);
  if (!applies) return { delaySeconds: 0, wasSet: false };
  const set = rollout.abortScaleDownDelaySeconds;
  if (set === undefined) return { delaySeconds: ARGO_DEFAULTS.abortScaleDownDelaySeconds, wasSet: false };
  return { delaySeconds: set === 0 ? undefined : set, wasSet: true };
}

/**
 * The spec asks for a delayed scale-down on abort: set, and not 0 (`HasExplicitAbortScaleDownDelay`).
 *
 * @example
 * hasExplicitAbortScaleDownDelay({ trafficRouting: true, abortScaleDownDelaySeconds: 30 }); // true
 * hasExplicitAbortScaleDownDelay({ trafficRouting: true, abortScaleDownDelaySeconds: 0 });  // false
 * hasExplicitAbortScaleDownDelay({ trafficRouting: true });                                  // false (the default is not explicit)
 */
export function hasExplicitAbortScaleDownDelay(rollout: ArgoRollout): boolean {
  const { delaySeconds, wasSet } = getAbortScaleDownDelaySecondsOrDefault(rollout);
  return wasSet && delaySeconds !== undefined;
}
