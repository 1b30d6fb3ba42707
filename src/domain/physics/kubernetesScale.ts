import { roundToInt32 } from './intOrPercent';
import { getReplicaCountForReplicaSets, maxSurge } from './kubernetesRolling';
import type { Deployment, ReplicaSet } from './kubernetesRolling';

/**
 * Proportional scaling: what the Deployment controller does when spec.replicas changes while a
 * rollout is in progress or paused (sync.go `scale`, util `GetProportion`). Each active replica
 * set grows or shrinks in proportion to its share, judged by its max-replicas annotation, and the
 * rounding leftover goes to the largest set.
 *
 * Replica-set lists are in creation order, oldest first.
 */

/**
 * Whether spec.replicas changed since the active replica sets were last sized
 * (`isScalingEvent`): some active set's desired-replicas annotation differs from it.
 *
 * @example
 * isScalingEvent({ replicas: 12 }, [{ name: 'v1', replicas: 10, availableReplicas: 10, desiredReplicasAnnotation: 10 }]); // true
 */
export function isScalingEvent(deployment: Deployment, allReplicaSets: readonly ReplicaSet[]): boolean {
  return allReplicaSets.some((rs) => rs.replicas > 0 && rs.desiredReplicasAnnotation !== undefined && rs.desiredReplicasAnnotation !== deployment.replicas);
}

/**
 * The change this replica set would need to keep its share of the new allowed size
 * (`getReplicaSetFraction`): round(size * (replicas + maxSurge) / max-replicas) - size. Without the
 * annotation, or with one of 0 or that does not parse, the deployment's status.replicas stands in
 * (and when that is 0 too, nothing changes). Scaling to zero removes the whole set.
 *
 * @example
 * // deployment 5 -> 10 (surge 0), set of 3 annotated max-replicas 5: round(3 * 10 / 5) - 3 = 3
 * getReplicaSetFraction({ name: 'v1', replicas: 3, availableReplicas: 3, maxReplicasAnnotation: 5 }, { replicas: 10, maxSurge: 0 }, 5); // 3
 */
export function getReplicaSetFraction(rs: ReplicaSet, deployment: Deployment, deploymentStatusReplicas: number): number {
  if (deployment.replicas === 0) return -rs.replicas;
  const deploymentReplicas = deployment.replicas + maxSurge(deployment);
  const fromAnnotation = maxReplicasOf(rs.maxReplicasAnnotation);
  const annotated = fromAnnotation === undefined || fromAnnotation === 0 ? deploymentStatusReplicas : fromAnnotation;
  if (annotated === 0) return 0;
  return roundToInt32((rs.replicas * deploymentReplicas) / annotated) - rs.replicas;
}

/** The max-replicas annotation as the controller reads it (`getMaxReplicasAnnotation`: strconv.Atoi), or undefined. */
function maxReplicasOf(annotation: number | string | undefined): number | undefined {
  if (typeof annotation === 'number') return Number.isInteger(annotation) ? annotation : undefined;
  return annotation !== undefined && /^[+-]?\d+$/.test(annotation) ? Number.parseInt(annotation, 10) : undefined;
}

/**
 * This replica set's share of the replicas still to add (or remove, when negative)
 * (`GetProportion`): its fraction, capped so the running total never passes `replicasToAdd`.
 *
 * @example
 * getProportion(v1, { replicas: 10, maxSurge: 0 }, 5, 0, 5); // 3 (fraction 3, 5 allowed)
 * getProportion(v2, { replicas: 10, maxSurge: 0 }, 5, 3, 5); // 2 (fraction 2, 2 allowed)
 */
export function getProportion(rs: ReplicaSet | undefined, deployment: Deployment, replicasToAdd: number, replicasAdded: number, deploymentStatusReplicas: number): number {
  if (rs === undefined || rs.replicas === 0 || replicasToAdd === 0 || replicasToAdd === replicasAdded) return 0;
  const fraction = getReplicaSetFraction(rs, deployment, deploymentStatusReplicas);
  const allowed = replicasToAdd - replicasAdded;
  return replicasToAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Replica sets after a scaling event, sizes and replica annotations updated. */
export interface ScaleResult {
  readonly newReplicaSet: ReplicaSet | undefined;
  readonly oldReplicaSets: readonly ReplicaSet[];
}

interface Ranked {
  readonly rs: ReplicaSet;
  /** Creation rank: higher is newer. */
  readonly age: number;
}

function annotate(rs: ReplicaSet, replicas: number, deployment: Deployment): ReplicaSet {
  return { ...rs, replicas, desiredReplicasAnnotation: deployment.replicas, maxReplicasAnnotation: deployment.replicas + maxSurge(deployment) };
}

function splitBack(sized: ReadonlyMap<string, ReplicaSet>, newReplicaSet: ReplicaSet | undefined, oldReplicaSets: readonly ReplicaSet[]): ScaleResult {
  return {
    newReplicaSet: newReplicaSet === undefined ? undefined : (sized.get(newReplicaSet.name) ?? newReplicaSet),
    oldReplicaSets: oldReplicaSets.map((rs) => sized.get(rs.name) ?? rs),
  };
}

/** `FindActiveOrLatest`: the only active set, or the newest when none is active; undefined when several are. */
function findActiveOrLatest(all: readonly Ranked[], newReplicaSet: ReplicaSet | undefined): ReplicaSet | undefined {
  const active = all.filter((r) => r.rs.replicas > 0);
  if (active.length === 1) return active[0]?.rs;
  if (active.length > 1) return undefined;
  return newReplicaSet ?? [...all].sort((a, b) => b.age - a.age)[0]?.rs;
}

function isSaturated(deployment: Deployment, rs: ReplicaSet | undefined): boolean {
  return rs !== undefined && rs.replicas === deployment.replicas && rs.desiredReplicasAnnotation === deployment.replicas && rs.availableReplicas === deployment.replicas;
}

function sortForScaling(active: readonly Ranked[], replicasToAdd: number): Ranked[] {
  // Larger sets first; among equals, newer first when adding (ReplicaSetsBySizeNewer) and older
  // first when removing (ReplicaSetsBySizeOlder), so growth lands on the newest and cuts on the oldest.
  return [...active].sort((a, b) => {
    if (a.rs.replicas !== b.rs.replicas) return b.rs.replicas - a.rs.replicas;
    return replicasToAdd > 0 ? b.age - a.age : a.age - b.age;
  });
}

function proportionalSizes(deployment: Deployment, active: readonly Ranked[], deploymentStatusReplicas: number): Map<string, ReplicaSet> {
  const allowedSize = deployment.replicas > 0 ? deployment.replicas + maxSurge(deployment) : 0;
  const replicasToAdd = allowedSize - getReplicaCountForReplicaSets(active.map((r) => r.rs));
  const ordered = sortForScaling(active, replicasToAdd);
  let added = 0;
  const sizes = ordered.map(({ rs }) => {
    if (replicasToAdd === 0) return rs.replicas;
    const proportion = getProportion(rs, deployment, replicasToAdd, added, deploymentStatusReplicas);
    added += proportion;
    return rs.replicas + proportion;
  });
  const first = sizes[0];
  if (first !== undefined && replicasToAdd !== 0) sizes[0] = Math.max(0, first + replicasToAdd - added);
  return new Map(ordered.map(({ rs }, i) => [rs.name, annotate(rs, sizes[i] ?? rs.replicas, deployment)]));
}

/**
 * Resizes replica sets after spec.replicas changed (`scale`): a lone active set (or the newest,
 * when none is active) takes spec.replicas; a saturated new set lets old sets go to zero; else,
 * for RollingUpdate, every active set scales in proportion, leftover to the largest.
 * `deploymentStatusReplicas` (status.replicas) stands in for a missing max-replicas annotation.
 *
 * @example
 * // 5 -> 10 replicas, surge 0: old v1 3 and new v2 2 (both annotated max-replicas 5) become 6 and 4.
 * scale({ replicas: 10, maxSurge: 0 }, v2, [v1], 5);
 * // { newReplicaSet: { ...v2, replicas: 4 }, oldReplicaSets: [{ ...v1, replicas: 6 }] }
 */
export function scale(deployment: Deployment, newReplicaSet: ReplicaSet | undefined, oldReplicaSets: readonly ReplicaSet[], deploymentStatusReplicas: number): ScaleResult {
  const all: Ranked[] = [...oldReplicaSets, ...(newReplicaSet === undefined ? [] : [newReplicaSet])].map((rs, age) => ({ rs, age }));
  const lone = findActiveOrLatest(all, newReplicaSet);
  if (lone !== undefined) {
    if (lone.replicas === deployment.replicas) return { newReplicaSet, oldReplicaSets };
    return splitBack(new Map([[lone.name, annotate(lone, deployment.replicas, deployment)]]), newReplicaSet, oldReplicaSets);
  }
  if (isSaturated(deployment, newReplicaSet)) {
    const emptied = oldReplicaSets.filter((rs) => rs.replicas > 0).map((rs) => [rs.name, annotate(rs, 0, deployment)] as const);
    return splitBack(new Map(emptied), newReplicaSet, oldReplicaSets);
  }
  if ((deployment.strategy ?? 'RollingUpdate') !== 'RollingUpdate') return { newReplicaSet, oldReplicaSets };
  const active = all.filter((r) => r.rs.replicas > 0);
  return splitBack(proportionalSizes(deployment, active, deploymentStatusReplicas), newReplicaSet, oldReplicaSets);
}
