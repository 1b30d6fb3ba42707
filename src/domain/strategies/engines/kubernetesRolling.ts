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
 * waits for pods to become available. A wave is that run of syncs: its net effect is old down to
 * `stable` and new up to `candidate`. The strategy machine replays a wave as "old down to
 * `stableBefore`, new up, wait until ready", which reaches the same counts and breaks neither
 * bound: the old-side count of a wave never depends on the new pods it creates (they are not
 * available), and scaling old down first only lowers the pod total.
 *
 * Assumption (the only one): all pods of a wave become available together, which is what the
 * machine waits for. The real controller also reacts to each single pod turning ready, so with
 * uneven boot times its intermediate counts interleave more finely; the bounds are the same.
 *
 * @example
 * // 10 replicas, 25%/25% (surge 3, unavailable 2, minAvailable 8):
 * // sync new 0->3, old 10->8, new 3->5 | ready | old 8->3, new 5->10 | ready | old 3->0
 * kubernetesRollingBatches(10, '25%', '25%');
 * // [{ stableBefore: 8, candidate: 5, stable: 8 }, { stableBefore: 3, candidate: 10, stable: 3 },
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
    batches.push({ stableBefore: old, candidate: newRs.replicas, stable: old });
  }
  return batches;
}

interface Settled {
  newReplicaSet: ReplicaSet;
  oldReplicaSets: readonly ReplicaSet[];
}

/** Syncs until the controller waits for availability; undefined when the first sync moves nothing. */
function syncUntilBlocked(deployment: Deployment, newRs: ReplicaSet, oldRss: readonly ReplicaSet[]): Settled | undefined {
  let state: Settled = { newReplicaSet: newRs, oldReplicaSets: oldRss };
  let moved = false;
  for (let sync = 0; sync <= 4 * deployment.replicas + 4; sync++) {
    const result = rolloutRolling(deployment, state.newReplicaSet, state.oldReplicaSets);
    if (result.action === 'none') break;
    moved = true;
    // Pods removed are gone at once; pods added are not available yet.
    state = { newReplicaSet: result.newReplicaSet, oldReplicaSets: result.oldReplicaSets.map(clampAvailable) };
  }
  return moved ? state : undefined;
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
