import type { ReplicaSet } from './kubernetesRolling';
import { ARGO_DEFAULTS, getAbortScaleDownDelaySecondsOrDefault, hasExplicitAbortScaleDownDelay, maxTrafficWeight } from './argoRolloutsDefaults';
import type { TrafficWeights } from './argoRolloutsTrafficRouted';
import { getDesiredCanaryWeight } from './argoRolloutsWeights';
import type { ArgoRollout, ArgoRolloutStatus } from './argoRolloutsWeights';

/**
 * What an aborted Argo Rollout does with the new set and the router (rollout/replicaset.go
 * `shouldDelayScaleDownOnAbort` and the abort branch of `reconcileNewReplicaSet`,
 * rollout/trafficrouting.go `calculateDesiredWeightOnAbortOrStableRollback`). Time is passed in,
 * in ms.
 */

/** The controller's resync period (controller.go DefaultRolloutResyncPeriod, 15 minutes). */
export const DEFAULT_ROLLOUT_RESYNC_PERIOD_MS = 15 * 60 * 1000;

/**
 * Whether an abort keeps the new set up until a scale-down deadline (`shouldDelayScaleDownOnAbort`):
 * only when aborted, with a stable set, for blue-green or a traffic-routed canary, with a delay
 * that is not 0 (0 leaves the new set up for good), and, under dynamicStableScale, only when the
 * delay is explicit (otherwise the canary shrinks with its traffic instead).
 *
 * @example
 * shouldDelayScaleDownOnAbort({ strategy: 'blueGreen' }, { abort: true }, stable);                                  // true (default 30 s)
 * shouldDelayScaleDownOnAbort({ trafficRouting: true, dynamicStableScale: true }, { abort: true }, stable);         // false
 * shouldDelayScaleDownOnAbort({ trafficRouting: true, abortScaleDownDelaySeconds: 0 }, { abort: true }, stable);    // false
 */
export function shouldDelayScaleDownOnAbort(rollout: ArgoRollout, status: ArgoRolloutStatus, stableRS: ReplicaSet | undefined): boolean {
  if (status.abort !== true || stableRS === undefined) return false;
  const canary = (rollout.strategy ?? 'canary') === 'canary';
  if (canary && rollout.trafficRouting !== true) return false;
  if (getAbortScaleDownDelaySecondsOrDefault(rollout).delaySeconds === undefined) return false;
  return !(canary && rollout.dynamicStableScale === true && !hasExplicitAbortScaleDownDelay(rollout));
}

/** What the controller knows when it reconciles the new set during an abort. */
export interface AbortReconcileInput {
  /** Now, in ms. */
  readonly now: number;
  /** The new set's size by `NewRSNewReplicas` (what it would scale to without the delay). */
  readonly newReplicas: number;
  /**
   * The new set's scale-down-deadline annotation: a time in ms, or the annotation's RFC 3339 text
   * (text that does not parse is ignored with a warning, as upstream).
   */
  readonly scaleDownDeadline?: number | string;
  /** Default {@link DEFAULT_ROLLOUT_RESYNC_PERIOD_MS}. */
  readonly resyncPeriodMs?: number;
}

/** What `reconcileNewReplicaSet` does to the new set. */
export interface AbortReconcileDecision {
  /** The size to scale the new set to; undefined leaves it as it is. */
  readonly replicas: number | undefined;
  /** A deadline to write on the new set now (ms, whole seconds as RFC 3339 keeps them). */
  readonly addScaleDownDeadline?: number;
  /** Reconcile again after this many ms (the deadline falls before the next resync). */
  readonly requeueAfterMs?: number;
  readonly warning?: string;
}

function deadlineMs(deadline: number | string): number {
  return typeof deadline === 'number' ? deadline : Date.parse(deadline);
}

/**
 * The abort branch of `reconcileNewReplicaSet`: once the stable is fully available (at least
 * spec.replicas available), write a deadline of now + delay and hold the new set up; once the
 * deadline has passed, scale it to 0. Before that it stays up, the controller requeueing for the
 * deadline when it comes before the next resync; a deadline further off than the resync period
 * falls through to the normal size, as upstream. Without a delay to apply
 * ({@link shouldDelayScaleDownOnAbort}) the new set simply goes to `newReplicas`.
 *
 * @example
 * // Blue-green, 10 replicas, default delay 30 s; aborted at t=0 with the stable back at 10/10
 * reconcileNewReplicaSet(rollout, { abort: true }, stable10, { now: 0, newReplicas: 10 });                             // { replicas: undefined, addScaleDownDeadline: 30000 }
 * reconcileNewReplicaSet(rollout, { abort: true }, stable10, { now: 10000, newReplicas: 10, scaleDownDeadline: 30000 }); // { replicas: undefined, requeueAfterMs: 20000 }
 * reconcileNewReplicaSet(rollout, { abort: true }, stable10, { now: 30000, newReplicas: 10, scaleDownDeadline: 30000 }); // { replicas: 0 }
 */
export function reconcileNewReplicaSet(rollout: ArgoRollout, status: ArgoRolloutStatus, stableRS: ReplicaSet | undefined, input: AbortReconcileInput): AbortReconcileDecision {
  const delaySeconds = getAbortScaleDownDelaySecondsOrDefault(rollout).delaySeconds;
  if (!shouldDelayScaleDownOnAbort(rollout, status, stableRS) || stableRS === undefined || delaySeconds === undefined) return { replicas: input.newReplicas };
  if (input.scaleDownDeadline !== undefined) {
    const deadline = deadlineMs(input.scaleDownDeadline);
    if (Number.isNaN(deadline)) return { replicas: input.newReplicas, warning: `unable to read the scale-down deadline ${String(input.scaleDownDeadline)}` };
    if (deadline <= input.now) return { replicas: 0 };
    const remaining = deadline - input.now;
    return remaining < (input.resyncPeriodMs ?? DEFAULT_ROLLOUT_RESYNC_PERIOD_MS) ? { replicas: undefined, requeueAfterMs: remaining } : { replicas: input.newReplicas };
  }
  // The deadline scales the new set to 0 whatever happens, so it waits until the stable can take all traffic.
  if (stableRS.availableReplicas < (rollout.replicas ?? ARGO_DEFAULTS.replicas)) return { replicas: undefined };
  return { replicas: undefined, addScaleDownDeadline: Math.floor((input.now + delaySeconds * 1000) / 1000) * 1000 };
}

/**
 * The router's canary weight while aborting (`calculateDesiredWeightOnAbortOrStableRollback`).
 * Without dynamicStableScale, without both sets, or with spec.replicas unset or 0: 0 at once.
 * Otherwise the weight follows the stable's availability: {@link getDesiredCanaryWeight} says
 * which step the canary may drop to, and the stable's available pods say how much traffic it can
 * take (maxWeight − maxWeight × available / replicas, integer division). With no weights recorded
 * yet, the larger of the two. Otherwise the weight never rises again: at the last step (0) it is
 * the smaller of the stable's figure and the current weight; above it, the current weight holds
 * until the stable can carry the rest, then drops to the step.
 *
 * @example
 * // 5 replicas, steps 50, pause; router at 100 to the canary; canary 4/4, stable 3 available
 * calculateDesiredWeightOnAbortOrStableRollback(rollout, { abort: true }, canary4, stable3, { canary: 100, stable: 0 }); // 50
 * // the same with stable 1 available and no setWeight step: 80
 */
export function calculateDesiredWeightOnAbortOrStableRollback(
  rollout: ArgoRollout,
  status: ArgoRolloutStatus,
  newRS: ReplicaSet | undefined,
  stableRS: ReplicaSet | undefined,
  weights?: TrafficWeights,
): number {
  const replicas = rollout.replicas;
  if (rollout.dynamicStableScale !== true || newRS === undefined || stableRS === undefined || replicas === undefined || replicas === 0) return 0;
  const maxWeight = maxTrafficWeight(rollout);
  const desired = getDesiredCanaryWeight(rollout, status, newRS, stableRS);
  const stableWeight = Math.trunc((maxWeight * stableRS.availableReplicas) / replicas);
  const expected = Math.max(0, maxWeight - stableWeight);
  if (weights === undefined) return Math.max(expected, desired);
  // Stable availability can flap (pod restarts): never hand traffic back to the canary.
  if (desired <= 0) return Math.min(expected, weights.canary);
  // The canary shrinks only once traffic has left it, so hold the weight until the stable can take its share.
  if (stableWeight < maxWeight - desired) return weights.canary;
  return Math.min(desired, weights.canary);
}
