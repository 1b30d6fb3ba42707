import type { ReplicaSet } from './kubernetesRolling';
import { calculateReplicaCountsForBasicCanary } from './argoRolloutsBasicCanary';
import { newRSNewReplicasForBlueGreen } from './argoRolloutsBlueGreen';
import type { ArgoBlueGreenStatus } from './argoRolloutsBlueGreen';
import { calculateReplicaCountsForTrafficRoutedCanary } from './argoRolloutsTrafficRouted';
import type { TrafficWeights } from './argoRolloutsTrafficRouted';
import type { ArgoRollout, ArgoRolloutStatus } from './argoRolloutsWeights';

/**
 * The new ReplicaSet's size whatever the strategy, and the pause check built on it
 * (`NewRSNewReplicas` in utils/replicaset/replicaset.go, `ReadyForPause` in
 * utils/replicaset/bluegreen.go). ReplicaSets are named by pod hash.
 */

/** A Rollout's status as `NewRSNewReplicas` reads it: the canary fields and the blue-green ones. */
export type ArgoNewRSStatus = ArgoRolloutStatus & ArgoBlueGreenStatus;

/** A size, or the controller's error when the spec has no strategy. */
export type NewReplicas = { readonly ok: true; readonly replicas: number } | { readonly ok: false; readonly error: string };

/**
 * The stable set among `allRSs` (`GetStableRS`): the one named by status.stableRS, the new set
 * first; none before the first rollout completes.
 *
 * @example
 * getStableRS({ stableRS: 'v1' }, v2, [v1, v2]); // v1
 */
export function getStableRS(status: ArgoRolloutStatus, newRS: ReplicaSet | undefined, allRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (status.stableRS === undefined || status.stableRS === '') return undefined;
  if (newRS?.name === status.stableRS) return newRS;
  return allRSs.find((rs) => rs.name === status.stableRS);
}

/**
 * Every set but the new and the stable one (`GetOtherRSs`).
 *
 * @example
 * getOtherRSs(v3, v1, [v1, v2, v3]); // [v2]
 */
export function getOtherRSs(newRS: ReplicaSet | undefined, stableRS: ReplicaSet | undefined, allRSs: readonly ReplicaSet[]): ReplicaSet[] {
  return allRSs.filter((rs) => rs.name !== stableRS?.name && rs.name !== newRS?.name);
}

/**
 * How big the new set should be now (`NewRSNewReplicas`): blue-green's preview sizing, or the
 * canary's count (basic or traffic-routed). A spec with neither strategy is an error: "no rollout
 * strategy provided".
 *
 * @example
 * newRSNewReplicas({ replicas: 5, strategy: 'blueGreen', previewReplicaCount: 1 }, { activeSelector: 'v1', currentPodHash: 'v2' }, [v1, v2], v2); // { ok: true, replicas: 1 }
 * newRSNewReplicas({ strategy: 'none' }, {}, [], v2); // { ok: false, error: 'no rollout strategy provided' }
 */
export function newRSNewReplicas(rollout: ArgoRollout, status: ArgoNewRSStatus, allRSs: readonly ReplicaSet[], newRS: ReplicaSet, weights?: TrafficWeights): NewReplicas {
  const strategy = rollout.strategy ?? 'canary';
  if (strategy === 'blueGreen') return { ok: true, replicas: newRSNewReplicasForBlueGreen(rollout, rollout.previewReplicaCount, status, newRS, allRSs) };
  if (strategy === 'none') return { ok: false, error: 'no rollout strategy provided' };
  const stableRS = getStableRS(status, newRS, allRSs);
  const [replicas] =
    rollout.trafficRouting === true
      ? calculateReplicaCountsForTrafficRoutedCanary(rollout, status, weights, newRS, stableRS)
      : calculateReplicaCountsForBasicCanary(rollout, status, newRS, stableRS, getOtherRSs(newRS, stableRS, allRSs));
  return { ok: true, replicas };
}

/**
 * Whether the new set is at its size and fully available, so the rollout may pause (blue-green's
 * pre-promotion pause, and the active-service switch) (`ReadyForPause`). Its size comes from
 * {@link newRSNewReplicas} without router weights; when that is an error, or there is no new set,
 * the answer is false.
 *
 * @example
 * readyForPause({ strategy: 'blueGreen', replicas: 1 }, {}, { name: 'v2', replicas: 1, availableReplicas: 1 }, [v2]); // true
 * readyForPause({ strategy: 'none' }, {}, undefined, []);                                                              // false
 */
export function readyForPause(rollout: ArgoRollout, status: ArgoNewRSStatus, newRS: ReplicaSet | undefined, allRSs: readonly ReplicaSet[]): boolean {
  if (newRS === undefined) return false;
  const desired = newRSNewReplicas(rollout, status, allRSs, newRS);
  return desired.ok && newRS.replicas === desired.replicas && newRS.availableReplicas === desired.replicas;
}
