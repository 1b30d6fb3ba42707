import { getValueFromIntOrPercent } from './intOrPercent';
import type { IntOrString } from './intOrPercent';
import type { ReplicaSet } from './kubernetesRolling';
import { ARGO_DEFAULTS, hasExplicitAbortScaleDownDelay, maxTrafficWeight } from './argoRolloutsDefaults';

/**
 * Argo Rollouts' canary replica arithmetic (utils/replicaset/canary.go, replicaset.go,
 * utils/defaults). Percent strings are read the lenient Argo way: `"25"` is 25 %, where
 * Kubernetes would reject it (see intOrPercent.ts). Weights are out of
 * {@link maxTrafficWeight} (trafficRouting.maxTrafficWeight, default 100), as upstream.
 */

export { ARGO_DEFAULTS };

/** One canary step, as far as replica counts care (plan CanarySteps fit). */
export interface ArgoCanaryStep {
  readonly setWeight?: number;
  readonly setCanaryScale?: { readonly weight?: number; readonly replicas?: number; readonly matchTrafficWeight?: boolean };
}

/**
 * spec.strategy.canary.replicaProgressThreshold: how much of a set must be available before a
 * step counts as done (`Percent` of the desired count, or a number of `Pods`; the field's own values).
 */
export interface ReplicaProgressThreshold {
  readonly type: 'Percent' | 'Pods';
  readonly value: number;
}

/** The parts of a Rollout spec the arithmetic reads. */
export interface ArgoRollout {
  /** spec.replicas; default 1. */
  readonly replicas?: number;
  /**
   * Default canary. `none` stands for a spec with neither strategy, which only the controller's
   * guards (`NewRSNewReplicas`' error, the abort delay's 0) care about; plans always have one.
   */
  readonly strategy?: 'canary' | 'blueGreen' | 'none';
  /** Canary only; default "25". */
  readonly maxSurge?: IntOrString;
  /** Default "25". */
  readonly maxUnavailable?: IntOrString;
  readonly steps?: readonly ArgoCanaryStep[];
  /** spec.strategy.canary.trafficRouting is set. */
  readonly trafficRouting?: boolean;
  readonly dynamicStableScale?: boolean;
  readonly minPodsPerReplicaSet?: number;
  /** Default 30 with traffic routing (and blue-green); 0 keeps the canary scaled up after an abort. */
  readonly abortScaleDownDelaySeconds?: number;
  /** trafficRouting.maxTrafficWeight: the total weights are out of; default 100, read only with traffic routing. */
  readonly maxTrafficWeight?: number;
  /** canary.replicaProgressThreshold; unset means every desired pod must be available. */
  readonly replicaProgressThreshold?: ReplicaProgressThreshold;
  /** blueGreen.previewReplicaCount; unset means the preview runs at full size. */
  readonly previewReplicaCount?: number;
}

/** The parts of a Rollout's status the arithmetic reads. ReplicaSets are named by pod hash. */
export interface ArgoRolloutStatus {
  readonly currentStepIndex?: number;
  readonly abort?: boolean;
  readonly promoteFull?: boolean;
  /** Name of the stable ReplicaSet; absent before the first rollout completes. */
  readonly stableRS?: string;
  /** Name of the ReplicaSet of the current pod template. */
  readonly currentPodHash?: string;
}

function specReplicas(rollout: ArgoRollout): number {
  return rollout.replicas ?? ARGO_DEFAULTS.replicas;
}

/**
 * Argo's `resolveFenceposts`: like Kubernetes (surge up, unavailable down, both 0 gives
 * unavailable 1) but with the lenient parser, so `"25"` is 25 %. A value that is not a number
 * once its `%` is dropped is an error, and then both are 0 (MaxSurge and MaxUnavailable ignore
 * the error, "caught by validation", and so read 0).
 *
 * @example
 * resolveFenceposts('25', '25', 10);  // { maxSurge: 3, maxUnavailable: 2 }
 * resolveFenceposts('0%', '0%', 10);  // { maxSurge: 0, maxUnavailable: 1 }
 * resolveFenceposts('x', '25%', 10);  // { maxSurge: 0, maxUnavailable: 0, error: 'invalid value for IntOrString: ...' }
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { maxSurge: number; maxUnavailable: number; error?: string } {
  const surge = getValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  if (!surge.ok) return { maxSurge: 0, maxUnavailable: 0, error: surge.error };
  const unavailable = getValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (!unavailable.ok) return { maxSurge: 0, maxUnavailable: 0, error: unavailable.error };
  return surge.value === 0 && unavailable.value === 0 ? { maxSurge: 0, maxUnavailable: 1 } : { maxSurge: surge.value, maxUnavailable: unavailable.value };
}

/**
 * Pods above spec.replicas a canary may run (`MaxSurge`); 0 for blue-green.
 *
 * @example
 * maxSurge({ replicas: 10 });                  // 3 (default "25" is 25 %, rounded up)
 * maxSurge({ replicas: 10, maxSurge: '20%' }); // 2
 */
export function maxSurge(rollout: ArgoRollout): number {
  if ((rollout.strategy ?? 'canary') !== 'canary') return 0;
  return resolveFenceposts(rollout.maxSurge ?? ARGO_DEFAULTS.maxSurge, rollout.maxUnavailable ?? ARGO_DEFAULTS.maxUnavailable, specReplicas(rollout)).maxSurge;
}

/**
 * Pods that may be unavailable (`MaxUnavailable`), at most spec.replicas. Canary resolves it
 * with the surge (fenceposts); blue-green simply rounds the percentage down.
 *
 * @example
 * maxUnavailable({ replicas: 10 });                                        // 2
 * maxUnavailable({ replicas: 10, maxSurge: 0, maxUnavailable: 0 });        // 1
 * maxUnavailable({ replicas: 10, strategy: 'blueGreen', maxUnavailable: 0 }); // 0
 */
export function maxUnavailable(rollout: ArgoRollout): number {
  const replicas = specReplicas(rollout);
  if (replicas === 0) return 0;
  const value =
    (rollout.strategy ?? 'canary') === 'canary'
      ? resolveFenceposts(rollout.maxSurge ?? ARGO_DEFAULTS.maxSurge, rollout.maxUnavailable ?? ARGO_DEFAULTS.maxUnavailable, replicas).maxUnavailable
      : getValueFromIntOrPercent(rollout.maxUnavailable ?? ARGO_DEFAULTS.maxUnavailable, replicas, false).value;
  return Math.min(value, replicas);
}

function currentStepIndex(rollout: ArgoRollout, status: ArgoRolloutStatus): number | undefined {
  const steps = rollout.steps ?? [];
  if (steps.length === 0) return undefined;
  const index = status.currentStepIndex ?? 0;
  return index < steps.length ? index : undefined;
}

/**
 * The weight in force (`GetCurrentSetWeight`): the last setWeight at or before the current
 * step; 0 before any; the whole of maxTrafficWeight (100 by default) past the last step or with
 * no steps; 0 once aborted.
 *
 * @example
 * getCurrentSetWeight({ steps: [{ setWeight: 20 }, {}, { setWeight: 50 }] }, { currentStepIndex: 1 }); // 20
 * getCurrentSetWeight({ trafficRouting: true, maxTrafficWeight: 1000, steps: [{ setWeight: 200 }] }, { currentStepIndex: 1 }); // 1000
 */
export function getCurrentSetWeight(rollout: ArgoRollout, status: ArgoRolloutStatus): number {
  if (status.abort === true) return 0;
  const index = currentStepIndex(rollout, status);
  if (index === undefined) return maxTrafficWeight(rollout);
  for (let i = index; i >= 0; i--) {
    const weight = rollout.steps?.[i]?.setWeight;
    if (weight !== undefined) return weight;
  }
  return 0;
}

/**
 * The setCanaryScale in force (`UseSetCanaryScale`): only with traffic routing, not after a
 * matchTrafficWeight step, and not after an abort unless abortScaleDownDelaySeconds is 0.
 *
 * @example
 * useSetCanaryScale({ trafficRouting: true, steps: [{ setCanaryScale: { replicas: 2 } }, { setWeight: 10 }] }, { currentStepIndex: 1 }); // { replicas: 2 }
 */
export function useSetCanaryScale(rollout: ArgoRollout, status: ArgoRolloutStatus): ArgoCanaryStep['setCanaryScale'] {
  if (rollout.trafficRouting !== true) return undefined;
  if (status.abort === true && rollout.abortScaleDownDelaySeconds !== 0) return undefined;
  const index = currentStepIndex(rollout, status);
  if (index === undefined) return undefined;
  for (let i = index; i >= 0; i--) {
    const scs = rollout.steps?.[i]?.setCanaryScale;
    if (scs === undefined) continue;
    return scs.matchTrafficWeight === true ? undefined : scs;
  }
  return undefined;
}

/**
 * Replicas that carry `weight` of `maxWeight` of the traffic, rounded up (`trafficWeightToReplicas`).
 *
 * @example
 * trafficWeightToReplicas(10, 25);         // 3
 * trafficWeightToReplicas(3, 10);          // 1
 * trafficWeightToReplicas(10, 250, 1000);  // 3 (weights out of 1000)
 */
export function trafficWeightToReplicas(replicas: number, weight: number, maxWeight: number = ARGO_DEFAULTS.maxTrafficWeight): number {
  return Math.ceil((weight * replicas) / maxWeight);
}

/**
 * The canary weight to size by (`GetDesiredCanaryWeight`). Normally the current setWeight; but
 * aborting with dynamicStableScale (and both sets known), the weight walks back down the setWeight
 * steps as stable pods come up, so the stable never has to jump to full size at once: the canary
 * still needs `replicas - stable.available` pods (or its available pods, if more, so its
 * scale-down waits for the stable's scale-up); the answer is the last setWeight step, searching
 * from the end, whose rounded-up replica count is below that, else 0. With an explicit non-zero
 * abortScaleDownDelaySeconds the canary's own pods do not count: it stays at full size until its
 * deadline, which is only set once the stable is full, so counting them would deadlock the abort.
 *
 * @example
 * // 10 replicas, steps 10, 50; aborted; canary 5 available, stable 9 available
 * getDesiredCanaryWeight(rollout, status, canary5, stable9);                                  // 10 (5 canaries still up: 10 % needs 1 < 5)
 * getDesiredCanaryWeight({ ...rollout, abortScaleDownDelaySeconds: 30 }, status, canary5, stable9); // 0 (only 1 expected: no step is below 1)
 */
export function getDesiredCanaryWeight(rollout: ArgoRollout, status: ArgoRolloutStatus, newRS?: ReplicaSet, stableRS?: ReplicaSet): number {
  if (status.abort !== true || rollout.dynamicStableScale !== true || newRS === undefined || stableRS === undefined) return getCurrentSetWeight(rollout, status);
  const replicas = specReplicas(rollout);
  const maxWeight = maxTrafficWeight(rollout);
  const expectedCanary = replicas - stableRS.availableReplicas;
  const canary = hasExplicitAbortScaleDownDelay(rollout) ? expectedCanary : Math.max(expectedCanary, newRS.availableReplicas);
  const steps = rollout.steps ?? [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const weight = steps[i]?.setWeight;
    if (weight !== undefined && trafficWeightToReplicas(replicas, weight, maxWeight) < canary) return weight;
  }
  return 0;
}

/**
 * Either a fixed canary replica count or the weight to size by (`GetCanaryReplicasOrWeight`).
 * A full promotion, a missing stable set, or a stable set that is the current one mean the whole
 * of maxTrafficWeight; otherwise setCanaryScale, else {@link getDesiredCanaryWeight} (which needs
 * the new and stable sets to walk an abort back down the steps).
 *
 * @example
 * getCanaryReplicasOrWeight({ steps: [{ setWeight: 30 }] }, { stableRS: 'v1', currentPodHash: 'v2' }); // { weight: 30 }
 */
export function getCanaryReplicasOrWeight(rollout: ArgoRollout, status: ArgoRolloutStatus, newRS?: ReplicaSet, stableRS?: ReplicaSet): { replicas?: number; weight: number } {
  if (status.promoteFull === true || status.stableRS === undefined || status.stableRS === '' || status.currentPodHash === status.stableRS) return { weight: maxTrafficWeight(rollout) };
  const scs = useSetCanaryScale(rollout, status);
  if (scs?.replicas !== undefined) return { replicas: scs.replicas, weight: 0 };
  if (scs?.weight !== undefined) return { weight: scs.weight };
  return { weight: getDesiredCanaryWeight(rollout, status, newRS, stableRS) };
}

function weightDelta(desiredWeight: number, maxWeight: number, canary: number, total: number): number {
  return Math.abs((canary * maxWeight) / total - desiredWeight);
}

function floorCeilingTied(desiredWeight: number, maxWeight: number, totalReplicas: number): boolean {
  const product = totalReplicas * (desiredWeight / maxWeight);
  return product - Math.trunc(product) === 0.5;
}

/**
 * Canary and stable counts that come closest to a weight when the split follows replica
 * counts (`approximateWeightedCanaryStableReplicaCounts`). Candidates are the weight rounded up
 * and down over spec.replicas and, when surge is allowed, over spec.replicas + 1; the closest
 * wins, earlier candidates win ties. For weights 1-99 neither side drops to 0 unless there is only
 * one replica and no surge. Weights are out of `maxWeight` (upstream passes it before the surge;
 * here it comes last, default 100, so existing callers read the same).
 *
 * @example
 * approximateWeightedCanaryStableReplicaCounts(3, 10, 0);  // [1, 2] (33 %)
 * approximateWeightedCanaryStableReplicaCounts(10, 25, 1); // [3, 8] (27 % beats 20 %)
 * approximateWeightedCanaryStableReplicaCounts(3, 50, 0);  // [2, 1] (tie: the larger canary)
 * approximateWeightedCanaryStableReplicaCounts(3, 500, 0, 1000); // [2, 1] (the same, out of 1000)
 */
export function approximateWeightedCanaryStableReplicaCounts(
  replicas: number,
  desiredWeight: number,
  surge: number,
  maxWeight: number = ARGO_DEFAULTS.maxTrafficWeight,
): [canary: number, stable: number] {
  if (replicas === 0) return [0, 0];
  const ceil = Math.ceil((replicas * desiredWeight) / maxWeight);
  const floor = Math.floor((replicas * desiredWeight) / maxWeight);
  const zeroAllowed = desiredWeight === maxWeight || desiredWeight === 0 || (replicas === 1 && surge === 0);
  const options: { canary: number; total: number }[] = [];
  if (ceil < replicas || zeroAllowed) options.push({ canary: ceil, total: replicas });
  if (!floorCeilingTied(desiredWeight, maxWeight, replicas) && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas });
  if (surge > 0) {
    options.push({ canary: ceil, total: replicas + 1 });
    if (!floorCeilingTied(desiredWeight, maxWeight, replicas + 1) && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas + 1 });
  }
  const [first, ...rest] = options;
  if (first === undefined) return [0, replicas];
  let best = first;
  for (const option of rest) {
    if (weightDelta(desiredWeight, maxWeight, option.canary, option.total) < weightDelta(desiredWeight, maxWeight, best.canary, best.total)) best = option;
  }
  return [best.canary, best.total - best.canary];
}
