import type { CanaryStrategy } from '../../plan/schema';
import { calculateReplicaCountsForBasicCanary } from '../../physics/argoRolloutsBasicCanary';
import { calculateReplicaCountsForTrafficRoutedCanary } from '../../physics/argoRolloutsTrafficRouted';
import type { TrafficWeights } from '../../physics/argoRolloutsTrafficRouted';
import type { ArgoRollout, ArgoRolloutStatus } from '../../physics/argoRolloutsWeights';
import type { ReplicaSet } from '../../physics/kubernetesRolling';

/**
 * Argo Rollouts' canary replica counts per plan step, from the physics functions, for the
 * strategy machine to replay.
 *
 * Argo reconciles a step in syncs: each sync computes (canary, stable) with
 * `CalculateReplicaCountsForCanary`, scales the stable ReplicaSet if it differs, else the canary
 * one, and resyncs at once; a step completes when both are at their desired counts and available.
 * With traffic routing the counts never depend on availability, so a step is one move. Without
 * it (basic canary) the counts are bounded by maxSurge and by available pods, so a step can take
 * several *waves*: syncs until Argo waits for pods, then pods become available, then more syncs.
 * Each wave becomes one sub-step with the same weight: scale stable to `stableBefore` (Argo
 * scales the stable side first), then the canary, then wait until ready. So total pods never
 * exceed replicas + maxSurge and available pods never drop below replicas - maxUnavailable, as
 * in Argo. Assumption: all pods of a wave become available together.
 */

/** One move of a step: stable to `stableBefore` first, canary to `canary`, stable to `stable` once routed. */
export interface ArgoMove {
  canary: number;
  stableBefore: number;
  stable: number;
}

/** Replica moves per plan step, aligned with `canary.steps`; empty for steps that move nothing. */
export type ArgoStepMoves = ArgoMove[][];

type CanarySettings = Pick<CanaryStrategy, 'steps' | 'trafficRouting' | 'maxSurge' | 'maxUnavailable' | 'dynamicStableScale'>;

/**
 * The Rollout spec our plan stands for. Plan percentages keep their `%`, so Argo's lenient parser
 * reads them as Kubernetes would.
 */
export function argoRolloutOf(replicas: number, canary: CanarySettings): ArgoRollout {
  return {
    replicas,
    strategy: 'canary',
    maxSurge: canary.maxSurge,
    maxUnavailable: canary.maxUnavailable,
    steps: (canary.steps ?? []).map((step) => ({
      ...(step.setWeight === undefined ? {} : { setWeight: step.setWeight }),
      ...(step.setCanaryScale === undefined ? {} : { setCanaryScale: step.setCanaryScale }),
    })),
    trafficRouting: canary.trafficRouting,
    dynamicStableScale: canary.dynamicStableScale,
  };
}

function statusAt(stepIndex: number): ArgoRolloutStatus {
  return { currentStepIndex: stepIndex, stableRS: 'stable', currentPodHash: 'canary' };
}

/**
 * The moves of every step of an Argo canary.
 *
 * @example
 * // 10 replicas, basic canary, maxSurge 25% (3), maxUnavailable 0, steps setWeight 50:
 * argoCanaryMoves(10, { steps: [{ setWeight: 50 }], trafficRouting: false, maxSurge: '25%', maxUnavailable: 0, dynamicStableScale: false });
 * // [[{ canary: 3, stableBefore: 10, stable: 10 },   canary up to the surge, stable kept
 * //   { canary: 5, stableBefore: 7, stable: 7 },     3 canaries ready: stable 10->7, canary 3->5
 * //   { canary: 5, stableBefore: 5, stable: 5 }]]    5 canaries ready: stable 7->5
 * // Traffic routing, dynamicStableScale, setWeight 20: canary 2, stable 10 until the router moves, then 8.
 * // [[{ canary: 2, stableBefore: 10, stable: 8 }]]
 */
export function argoCanaryMoves(replicas: number, canary: CanarySettings): ArgoStepMoves {
  const rollout = argoRolloutOf(replicas, canary);
  let counts = { canary: 0, stable: replicas };
  let routerWeight = 0;
  return (canary.steps ?? []).map((step, index) => {
    if (step.setWeight === undefined && step.setCanaryScale === undefined) return [];
    const status = statusAt(index);
    const nextWeight = step.setWeight ?? routerWeight;
    const moves = canary.trafficRouting ? [routedMove(rollout, status, routerWeight, nextWeight)] : basicWaves(rollout, status, counts);
    routerWeight = nextWeight;
    const last = moves.at(-1);
    if (last === undefined) return [{ canary: counts.canary, stableBefore: counts.stable, stable: counts.stable }];
    counts = { canary: last.canary, stable: last.stable };
    return moves;
  });
}

/**
 * Argo's basic canary once its steps are done: past the last step the weight is the whole, and
 * the same syncs take the canary to full size and the stable to 0 within maxSurge and
 * maxUnavailable before the Rollout is promoted (a canary of 5 with maxSurge 1 at 60% goes 4/2,
 * 5/1, 5/0, never 5/2). With a traffic router the promotion is the machine's own (canary to
 * full, route, stable down), so there are no moves here.
 *
 * @example
 * argoPromotionMoves(5, { steps: [{ setWeight: 60 }], trafficRouting: false, maxSurge: 1, maxUnavailable: 0, dynamicStableScale: false });
 * // [{ canary: 4, stableBefore: 2, stable: 2 }, { canary: 5, stableBefore: 1, stable: 1 }, { canary: 5, stableBefore: 0, stable: 0 }]
 */
export function argoPromotionMoves(replicas: number, canary: CanarySettings, stepMoves: ArgoStepMoves): ArgoMove[] {
  if (canary.trafficRouting) return [];
  const last = stepMoves.flat().at(-1);
  const start = last ? { canary: last.canary, stable: last.stable } : { canary: 0, stable: replicas };
  return basicWaves(argoRolloutOf(replicas, canary), statusAt(canary.steps?.length ?? 0), start);
}

function weightsOf(canaryWeight: number): TrafficWeights {
  return { canary: canaryWeight, stable: 100 - canaryWeight };
}

/** Stable is sized for the router's current weights before the move and for the new ones after it. */
function routedMove(rollout: ArgoRollout, status: ArgoRolloutStatus, fromWeight: number, toWeight: number): ArgoMove {
  const [canary, stableBefore] = calculateReplicaCountsForTrafficRoutedCanary(rollout, status, weightsOf(fromWeight));
  const [, stable] = calculateReplicaCountsForTrafficRoutedCanary(rollout, status, weightsOf(toWeight));
  return { canary, stableBefore, stable };
}

function resize(rs: ReplicaSet, replicas: number): ReplicaSet {
  return { ...rs, replicas, availableReplicas: Math.min(rs.availableReplicas, replicas) };
}

function allAvailable(rs: ReplicaSet): ReplicaSet {
  return { ...rs, availableReplicas: rs.replicas };
}

/** Basic canary: waves of syncs (stable first, then canary), pods available between waves. */
function basicWaves(rollout: ArgoRollout, status: ArgoRolloutStatus, start: { canary: number; stable: number }): ArgoMove[] {
  let canaryRs: ReplicaSet = { name: 'canary', replicas: start.canary, availableReplicas: start.canary };
  let stableRs: ReplicaSet = { name: 'stable', replicas: start.stable, availableReplicas: start.stable };
  const moves: ArgoMove[] = [];
  const limit = 4 * ((rollout.replicas ?? 1) + 2);
  for (let wave = 0; wave < limit; wave++) {
    let moved = false;
    for (let sync = 0; sync < limit; sync++) {
      const [canary, stable] = calculateReplicaCountsForBasicCanary(rollout, status, canaryRs, stableRs, []);
      if (stable !== stableRs.replicas) stableRs = resize(stableRs, stable);
      else if (canary !== canaryRs.replicas) canaryRs = resize(canaryRs, canary);
      else break;
      moved = true;
    }
    if (!moved) break;
    moves.push({ canary: canaryRs.replicas, stableBefore: stableRs.replicas, stable: stableRs.replicas });
    canaryRs = allAvailable(canaryRs);
    stableRs = allAvailable(stableRs);
  }
  return moves;
}
