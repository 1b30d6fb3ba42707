import type { IntOrPercent } from '../../plan/schema';
import { resolveFenceposts, rolloutRolling } from '../../physics/kubernetesRolling';
import type { Deployment, ReplicaSet } from '../../physics/kubernetesRolling';
import type { RollingBatch } from '../fleetArithmetic';

/**
 * The Kubernetes Deployment controller's rolling update as a list of batches, one per *wave*.
 *
 * The controller syncs again as soon as it has scaled a ReplicaSet (the ReplicaSet update is an
 * event), long before new pods are ready. So it runs `rolloutRolling` sync after sync (scale the
 * new set up as far as maxSurge allows; only when that does nothing, scale old sets down as far
 * as minAvailable allows, new unready pods not counting) until a sync changes nothing; then it
 * waits for pods to become available. A wave is that run of syncs, and its batch replays them in
 * their order: new up to `candidateBefore` when the wave's first sync grows the new set before an
 * old one shrinks (only the reply to the template change does: the controller creates the new set
 * at its surge, `NewRSNewReplicas` in sync.go's getNewReplicaSet, and then scales the old one
 * down), old down to `stableBefore`, new up to `candidate`, then wait until ready. After the first
 * wave the new set can only grow once old pods have gone (the pod total is at its maximum), so a
 * wave is "old down, new up"; `stable` equals `stableBefore`, as the old side only moves again in
 * the next wave.
 *
 * Assumption (the only one): all pods of a wave become available together, which is what the
 * machine waits for. The real controller also reacts to each single pod turning ready, so with
 * uneven boot times its intermediate counts interleave more finely; the state it settles in once
 * a wave's pods are all available is the same (test/conformance/kubernetes.test.ts compares both).
 *
 * @example
 * // 10 replicas, 25%/25% (surge 3, unavailable 2, minAvailable 8):
 * // sync new 0->3, old 10->8, new 3->5 | ready | old 8->3, new 5->10 | ready | old 3->0
 * kubernetesRollingBatches(10, '25%', '25%');
 * // [{ candidateBefore: 3, stableBefore: 8, candidate: 5, stable: 8 }, { stableBefore: 3, candidate: 10, stable: 3 },
 * //  { stableBefore: 0, candidate: 10, stable: 0 }]
 * kubernetesRollingBatches(3, 1, 0);
 * // [{ 3, 1, 3 }, { 2, 2, 2 }, { 1, 3, 1 }, { 0, 3, 0 }] (as stableBefore, candidate, stable)
 */
export function kubernetesRollingBatches(replicas: number, maxSurge: IntOrPercent, maxUnavailable: IntOrPercent): RollingBatch[] | undefined {
  if (!resolveFenceposts(maxSurge, maxUnavailable, replicas).ok) return undefined;
  const deployment: Deployment = { replicas, maxSurge, maxUnavailable };
  let newRs: ReplicaSet = { name: 'new', replicas: 0, availableReplicas: 0 };
  let oldRss: readonly ReplicaSet[] = [{ name: 'old', replicas, availableReplicas: replicas }];
  const batches: RollingBatch[] = [];
  // Each wave moves at least one pod, so 2 * replicas + 2 waves always suffice.
  for (let wave = 0; wave <= 2 * replicas + 2; wave++) {
    const settled = syncUntilBlocked(deployment, newRs, oldRss);
    if (settled === undefined) break;
    newRs = available(settled.newReplicaSet);
    oldRss = settled.oldReplicaSets.map(available);
    const old = oldCount(oldRss);
    const surgeFirst = surgeBeforeRoom(settled.moves);
    batches.push({ ...(surgeFirst === undefined ? {} : { candidateBefore: surgeFirst }), stableBefore: old, candidate: newRs.replicas, stable: old });
  }
  return batches;
}

interface Settled {
  newReplicaSet: ReplicaSet;
  oldReplicaSets: readonly ReplicaSet[];
  /** The sync-by-sync moves of the wave: which side each sync scaled, and the new set's size after it. */
  moves: readonly { action: 'newReplicaSetScaled' | 'oldReplicaSetsScaled'; newReplicas: number }[];
}

/** The new set's size after the wave's first sync when that sync grew it and an old set shrank after it. */
function surgeBeforeRoom(moves: Settled['moves']): number | undefined {
  const [first, second] = moves;
  return first?.action === 'newReplicaSetScaled' && second?.action === 'oldReplicaSetsScaled' ? first.newReplicas : undefined;
}

/** Syncs until the controller waits for availability; undefined when the first sync moves nothing. */
function syncUntilBlocked(deployment: Deployment, newRs: ReplicaSet, oldRss: readonly ReplicaSet[]): Settled | undefined {
  let state: Settled = { newReplicaSet: newRs, oldReplicaSets: oldRss, moves: [] };
  for (let sync = 0; sync <= 4 * deployment.replicas + 4; sync++) {
    const result = rolloutRolling(deployment, state.newReplicaSet, state.oldReplicaSets);
    if (result.action === 'none') break;
    // Pods removed are gone at once; pods added are not available yet.
    const move = { action: result.action, newReplicas: result.newReplicaSet.replicas };
    state = { newReplicaSet: result.newReplicaSet, oldReplicaSets: result.oldReplicaSets.map(clampAvailable), moves: [...state.moves, move] };
  }
  return state.moves.length > 0 ? state : undefined;
}

function clampAvailable(rs: ReplicaSet): ReplicaSet {
  return { ...rs, availableReplicas: Math.min(rs.availableReplicas, rs.replicas) };
}

function available(rs: ReplicaSet): ReplicaSet {
  return { ...rs, availableReplicas: rs.replicas };
}

function oldCount(oldRss: readonly ReplicaSet[]): number {
  return oldRss.reduce((sum, rs) => sum + rs.replicas, 0);
}
