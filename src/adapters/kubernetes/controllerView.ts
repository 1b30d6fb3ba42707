import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import { rolloutRolling, scale, type Deployment, type ReplicaSet } from '../../domain/physics/kubernetes';
import type { Role } from '../../domain/strategies/effects';
import type { WorkloadState } from './workloadWatch';

/** How the runner tells the candidate's pod template from any other. */
export interface CandidateTemplate {
  container: string | undefined;
  image: string;
  labels: Record<string, string>;
}

/** The container a release changes: the named one, else the template's first. */
export function containerOf(template: V1PodTemplateSpec | undefined, name: string | undefined) {
  const containers = template?.spec?.containers ?? [];
  return name === undefined ? containers[0] : containers.find((container) => container.name === name);
}

/** Whether a pod template is the candidate's: its image, and every label the plan adds. */
export function isCandidate(template: V1PodTemplateSpec | undefined, candidate: CandidateTemplate): boolean {
  if (containerOf(template, candidate.container)?.image !== candidate.image) return false;
  const labels = template?.metadata?.labels ?? {};
  return Object.entries(candidate.labels).every(([key, value]) => labels[key] === value);
}

/** A role's ReplicaSets: the candidate's template, or any other (what runs now, however many revisions). */
export function setsOf(state: WorkloadState, role: Role, candidate: CandidateTemplate): V1ReplicaSet[] {
  return state.replicaSets.filter((set) => isCandidate(set.spec?.template, candidate) === (role === 'candidate'));
}

export function specReplicas(sets: readonly V1ReplicaSet[]): number {
  return sets.reduce((sum, set) => sum + (set.spec?.replicas ?? 0), 0);
}

export function availableReplicas(sets: readonly V1ReplicaSet[]): number {
  return sets.reduce((sum, set) => sum + (set.status?.availableReplicas ?? 0), 0);
}

export function readyReplicas(sets: readonly V1ReplicaSet[]): number {
  return sets.reduce((sum, set) => sum + (set.status?.readyReplicas ?? 0), 0);
}

/** The Deployment controller's view of one ReplicaSet, for the physics in src/domain/physics. */
function physicsSet(set: V1ReplicaSet): ReplicaSet {
  const annotations = set.metadata?.annotations ?? {};
  const desired = annotations['deployment.kubernetes.io/desired-replicas'];
  const max = annotations['deployment.kubernetes.io/max-replicas'];
  return {
    name: set.metadata?.name ?? '',
    replicas: set.spec?.replicas ?? 0,
    availableReplicas: set.status?.availableReplicas ?? 0,
    readyReplicas: set.status?.readyReplicas ?? 0,
    statusReplicas: set.status?.replicas ?? 0,
    ...(desired !== undefined && Number.isFinite(Number(desired)) ? { desiredReplicasAnnotation: Number(desired) } : {}),
    ...(max !== undefined ? { maxReplicasAnnotation: max } : {}),
  };
}

function physicsDeployment(deployment: V1Deployment): Deployment {
  const rolling = deployment.spec?.strategy?.rollingUpdate;
  return {
    replicas: deployment.spec?.replicas ?? 1,
    strategy: deployment.spec?.strategy?.type === 'Recreate' ? 'Recreate' : 'RollingUpdate',
    ...(rolling?.maxSurge !== undefined ? { maxSurge: rolling.maxSurge } : {}),
    ...(rolling?.maxUnavailable !== undefined ? { maxUnavailable: rolling.maxUnavailable } : {}),
  };
}

/** The ReplicaSet of the Deployment's current template (its revision), and the others. */
function splitByRevision(state: WorkloadState): { newSet: V1ReplicaSet | undefined; oldSets: V1ReplicaSet[] } {
  const revision = state.deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  const newSet = state.replicaSets.find((set) => set.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision);
  return { newSet, oldSets: state.replicaSets.filter((set) => set !== newSet) };
}

/**
 * Whether the controller has done all it can until more pods become available: one more sync of
 * its rolling update (`rolloutRolling`) would change nothing. Only then is a batch boundary
 * reached; a pause before it would leave a wave half done.
 */
export function rolloutWaits(state: WorkloadState): boolean {
  if (state.deployment.status?.observedGeneration !== state.deployment.metadata?.generation) return false;
  const { newSet, oldSets } = splitByRevision(state);
  if (!newSet) return false;
  const deployment = physicsDeployment(state.deployment);
  if (deployment.strategy === 'Recreate') return true;
  return rolloutRolling(deployment, physicsSet(newSet), oldSets.map(physicsSet)).action === 'none';
}

/**
 * Whether pausing now leaves the ReplicaSets as they are. A paused Deployment's controller runs
 * its proportional scaling (`scale`), which fills the total up to replicas + maxSurge: pausing with
 * the new set at full size and fewer old pods than the surge would give the largest set extra
 * pods. Where that would happen the rollout is left to finish instead.
 */
export function pauseKeepsSizes(state: WorkloadState): boolean {
  const { newSet, oldSets } = splitByRevision(state);
  const deployment = physicsDeployment(state.deployment);
  const before = [...oldSets, ...(newSet ? [newSet] : [])].map(physicsSet);
  const after = scale(deployment, newSet ? physicsSet(newSet) : undefined, oldSets.map(physicsSet), state.deployment.status?.replicas ?? 0);
  const sized = [...after.oldReplicaSets, ...(after.newReplicaSet ? [after.newReplicaSet] : [])];
  return before.every((set) => sized.find((other) => other.name === set.name)?.replicas === set.replicas);
}
