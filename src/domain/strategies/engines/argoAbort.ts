import type { Plan, StrategyKind } from '../../plan/schema';
import { calculateDesiredWeightOnAbortOrStableRollback, reconcileNewReplicaSet, shouldDelayScaleDownOnAbort } from '../../physics/argoRolloutsAbort';
import { calculateReplicaCountsForTrafficRoutedCanary } from '../../physics/argoRolloutsTrafficRouted';
import type { ArgoRollout, ArgoRolloutStatus } from '../../physics/argoRolloutsWeights';
import type { ReplicaSet } from '../../physics/kubernetesRolling';
import type { Role } from '../effects';
import { argoRolloutOf } from './argoCanary';

/**
 * An aborted Argo Rollout, as the strategy machine's rollback replays it under engine
 * argo-rollouts. Argo reconciles statelessly: each sync reads the sets' available pods and the
 * router's weights and decides the next move, so the machine asks again after every move (with
 * the pods it asked for available):
 * - a traffic-routed canary with dynamicStableScale steps back down through its setWeight steps
 *   as stable pods come up (`calculateDesiredWeightOnAbortOrStableRollback`, the abort branch of
 *   `calculateReplicaCountsForTrafficRoutedCanary`), instead of sending all traffic back at once;
 * - once all traffic is on a fully available stable, blue-green and a traffic-routed canary keep
 *   the new set up until abortScaleDownDelaySeconds has passed (`reconcileNewReplicaSet`).
 */

/** Where one sync of an abort wants the sets and the router. */
export interface AbortMove {
  stable: number;
  /** The canary's share of traffic, out of 100. */
  weight: number;
  candidate: number;
}

/** What the machine knows: the counts it last set (ready, since it waits for them) and the router's canary weight. */
export interface AbortState {
  replicas: Record<Role, number>;
  weight: number;
}

const ABORTED: ArgoRolloutStatus = { abort: true, stableRS: 'stable', currentPodHash: 'canary' };

function rolloutOf(plan: Plan, kind: StrategyKind): ArgoRollout | undefined {
  if (plan.engine !== 'argo-rollouts') return undefined;
  const delay = plan.policy.abortScaleDownDelaySeconds === undefined ? {} : { abortScaleDownDelaySeconds: plan.policy.abortScaleDownDelaySeconds };
  if (kind === 'blueGreen') return { replicas: plan.replicas, strategy: 'blueGreen', ...delay };
  const canary = plan.strategy.canary;
  if (kind !== 'canary' || !canary?.steps) return undefined;
  return { ...argoRolloutOf(plan.replicas, canary), ...delay };
}

function available(name: string, replicas: number): ReplicaSet {
  return { name, replicas, availableReplicas: replicas };
}

/**
 * Whether the plan's abort steps down under dynamicStableScale (a traffic-routed Argo canary).
 *
 * @example
 * argoAbortStepsDown(plan, 'canary'); // true for engine argo-rollouts, trafficRouting and dynamicStableScale
 */
export function argoAbortStepsDown(plan: Plan, kind: StrategyKind): boolean {
  const rollout = rolloutOf(plan, kind);
  return rollout?.strategy === 'canary' && rollout.trafficRouting === true && rollout.dynamicStableScale === true;
}

/**
 * The next move of an abort that steps down, as one sync computes it: the router's weight from the
 * pods available now (never up), the stable sized for the weights in effect (never down), the
 * canary down to its share (kept up when a delay holds it, as upstream).
 *
 * @example
 * // 10 replicas, steps 20, 50; aborted at 50 with canary 5, stable 5: the weight holds at 50 until stable 8 is up
 * argoAbortMove(plan, 'canary', { replicas: { candidate: 5, stable: 5 }, weight: 50 }); // { stable: 8, weight: 50, candidate: 5 }
 */
export function argoAbortMove(plan: Plan, kind: StrategyKind, state: AbortState): AbortMove {
  const rollout = rolloutOf(plan, kind);
  if (!rollout) return { stable: plan.replicas, weight: 0, candidate: 0 };
  const newRS = available('canary', state.replicas.candidate);
  const stableRS = available('stable', state.replicas.stable);
  const weights = { canary: state.weight, stable: 100 - state.weight };
  const weight = calculateDesiredWeightOnAbortOrStableRollback(rollout, ABORTED, newRS, stableRS, weights);
  const [candidate, stable] = calculateReplicaCountsForTrafficRoutedCanary(rollout, ABORTED, weights, newRS, stableRS);
  const held = shouldDelayScaleDownOnAbort(rollout, ABORTED, stableRS);
  return { stable: Math.max(stable, state.replicas.stable), weight: Math.min(weight, state.weight), candidate: held ? state.replicas.candidate : Math.min(candidate, state.replicas.candidate) };
}

/**
 * What happens to the new set once all traffic is back on a full stable: `{ delayMs }` before it
 * goes to 0 (abortScaleDownDelaySeconds, default 30 s, for blue-green and a traffic-routed canary),
 * 0 at once, or `keep` (an explicit 0 leaves it up, at the size Argo gives it then).
 *
 * @example
 * argoAbortScaleDown(blueGreenPlan, 'blueGreen', 5); // { delayMs: 30000 }
 */
export function argoAbortScaleDown(plan: Plan, kind: StrategyKind, candidate: number): { delayMs: number } | { keep: number } {
  const rollout = rolloutOf(plan, kind);
  if (!rollout) return { delayMs: 0 };
  const stableRS = available('stable', plan.replicas);
  const newReplicas = kind === 'blueGreen' ? candidate : calculateReplicaCountsForTrafficRoutedCanary(rollout, ABORTED, { canary: 0, stable: 100 }, available('canary', candidate), stableRS)[0];
  const decision = reconcileNewReplicaSet(rollout, ABORTED, stableRS, { now: 0, newReplicas });
  if (decision.addScaleDownDeadline !== undefined) return { delayMs: decision.addScaleDownDeadline };
  // No delay to apply: the new set goes to the size Argo gives it (0, unless an explicit 0 keeps a preview or a setCanaryScale up).
  if (decision.replicas !== undefined && decision.replicas > 0) return { keep: decision.replicas };
  return { delayMs: 0 };
}
