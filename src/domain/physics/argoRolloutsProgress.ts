import type { ReplicaSet } from './kubernetesRolling';
import type { ReplicaProgressThreshold } from './argoRolloutsWeights';

/**
 * When Argo Rollouts counts a ReplicaSet as "there" (utils/replicaset/canary.go): all desired
 * pods available, or, with canary.replicaProgressThreshold, enough of them.
 */

/** A ReplicaSet whose spec.replicas may be unset, as upstream's pointer may be nil (then it counts as 1). */
export type ReplicaSetWithOptionalSpec = Omit<ReplicaSet, 'replicas'> & { readonly replicas?: number };

/** The float tolerance `ReplicaProgressThresholdMet` allows when comparing percentages. */
const PERCENT_EPSILON = 1e-10;

/**
 * The set has exactly `desired` pods asked for and all of them available (`allDesiredAreAvailable`).
 * A missing set is not; an unset spec.replicas counts as 1 (`GetReplicasOrDefault`).
 *
 * @example
 * allDesiredAreAvailable({ name: 'c', replicas: 10, availableReplicas: 10 }, 10); // true
 * allDesiredAreAvailable({ name: 'c', availableReplicas: 1 }, 1);                 // true (unset spec.replicas is 1)
 * allDesiredAreAvailable(undefined, 10);                                          // false
 */
export function allDesiredAreAvailable(rs: ReplicaSetWithOptionalSpec | undefined, desired: number): boolean {
  return rs !== undefined && desired === (rs.replicas ?? 1) && desired === rs.availableReplicas;
}

/**
 * The set has `desired` pods asked for and that many created (`allDesiredAreCreated`).
 *
 * @example
 * allDesiredAreCreated({ name: 's', replicas: 8, availableReplicas: 0, statusReplicas: 8 }, 8); // true
 */
export function allDesiredAreCreated(rs: ReplicaSet | undefined, desired: number): boolean {
  return rs !== undefined && rs.replicas === desired && (rs.statusReplicas ?? rs.replicas) === desired;
}

/**
 * Enough of the set is available for the next step (`ReplicaProgressThresholdMet`). Without a
 * threshold, without a set, or with a negative value: {@link allDesiredAreAvailable}. `Percent`
 * compares available / desired × 100 with the value, allowing 1e-10 of float error,
 * and is always met when nothing is desired; `Pods` compares available pods with it.
 *
 * @example
 * replicaProgressThresholdMet({ type: 'Percent', value: 90 }, { name: 'c', replicas: 10, availableReplicas: 9 }, 10); // true
 * replicaProgressThresholdMet({ type: 'Pods', value: 8 }, { name: 'c', replicas: 10, availableReplicas: 7 }, 10);         // false
 * replicaProgressThresholdMet(undefined, { name: 'c', replicas: 5, availableReplicas: 10 }, 10);                         // false (spec is 5)
 */
export function replicaProgressThresholdMet(threshold: ReplicaProgressThreshold | undefined, rs: ReplicaSetWithOptionalSpec | undefined, desired: number): boolean {
  if (threshold === undefined || rs === undefined || threshold.value < 0) return allDesiredAreAvailable(rs, desired);
  if (threshold.type === 'Pods') return rs.availableReplicas >= threshold.value;
  if (desired === 0) return true;
  const percent = (rs.availableReplicas / desired) * 100;
  return percent >= threshold.value || Math.abs(percent - threshold.value) <= PERCENT_EPSILON;
}
