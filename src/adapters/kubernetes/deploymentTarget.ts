import type { V1Deployment } from '@kubernetes/client-node';
import type { InstancesPort, PortResult, RouterPort, RouterPortOf } from '../../domain/ports';
import type { KubernetesTarget, Plan } from '../../domain/plan/schema';
import type { RunEventData, TargetWrite } from '../../domain/run/events';

export type ObservedFleet = RunEventData['instances.observed'];
import type { Role, Weights } from '../../domain/strategies/effects';
import { kubeClient, type KubeClient } from './client';
import { availableReplicas, isCandidate, pauseKeepsSizes, readyReplicas, rolloutWaits, setsOf, specReplicas, type CandidateTemplate } from './controllerView';
import { applyDeployment, setPaused, undoDeployment, type WorkloadRef } from './deployment';
import { claimLease, type LeaseClaim } from './lease';
import { WorkloadWatch, type WorkloadState } from './workloadWatch';

const OK: PortResult = { ok: true, value: undefined };
const SERVICE_SPLIT = { weights: true, headerRoutes: false, mirror: false, members: false } as const;

/** What a Kubernetes target gives a run: the Deployment as instances, its Service as the router. */
export interface KubernetesPorts {
  instances: InstancesPort;
  router: RouterPort;
  /** The whole release sent once as a server-side dry run: the API server validates it, nothing changes. */
  preflight(): Promise<PortResult<string[]>>;
  /** Stops the watches. */
  close(): void;
  /** The workload's Lease for this run (src/adapters/kubernetes/lease.ts): one release at a time, across machines. */
  claim(runDir: string, isUnfinished: (runDir: string) => boolean): Promise<PortResult<LeaseClaim>>;
  /** Where each API write is recorded, before it is sent and after the server answered. */
  observeWrites(record: (write: TargetWrite) => void): void;
  /** Where each role's pods are reported whenever the watches see them change. */
  observeFleet(record: (fleet: ObservedFleet) => void): void;
  /** "context kwok-switchyard, namespace shop, deployment demo": what a confirmation names. */
  readonly where: string;
  /** The workload by its cluster's address, so two plans naming it through different kubeconfigs share one lock. */
  readonly lockKey: string;
  /** What is left after the machine promoted (see Ports.finishPromotion); a line for the log when it did something. */
  finishPromotion?(): Promise<PortResult<string | undefined>>;
}

/**
 * A rolling or recreate release through the Deployment's own controller.
 *
 * Roles are pod templates: the candidate's ReplicaSets have the plan's image (and pod labels),
 * every other ReplicaSet is stable. Growing the candidate or shrinking stable applies the
 * candidate template (a server-side apply of only the fields a release owns: image, pod labels
 * and annotations, strategy, minReadySeconds, progressDeadlineSeconds) or resumes the
 * Deployment, waits from the watches until the controller has reached the count and has nothing
 * more to do until pods become available, and pauses it there, so the plan's gates judge a batch
 * before the next. Growing stable or shrinking the candidate (rollback, abort) restores the
 * previous template as `kubectl rollout undo` does and lets the controller finish, unpaused.
 *
 * @example
 * const ports = kubernetesPorts(plan.targets.kubernetes, plan);
 * await ports.instances.scaleTo?.('stable', 8); // v2 applied; paused once the first wave is done
 */
export function kubernetesPorts(target: KubernetesTarget, plan: Plan, client: KubeClient = kubeClient(target)): KubernetesPorts {
  const ref: WorkloadRef = { namespace: target.namespace, name: target.deployment };
  const version = plan.version ?? 'candidate';
  const fill = (text: string): string => text.replaceAll('{{version}}', version);
  const candidate: CandidateTemplate = { container: target.container, image: fill(target.image), labels: mapValues(target.podLabels, fill) };
  const deadlineMs = plan.policy.progressDeadlineSeconds * 1000;
  const name = `deployment ${ref.namespace}/${ref.name}`;
  let opened: Promise<PortResult<WorkloadWatch>> | undefined;
  let record: ((write: TargetWrite) => void) | undefined;
  const object = `apps/v1 Deployment ${ref.namespace}/${ref.name}`;
  /** A write, journaled before it is sent (with the resourceVersion last seen) and after, with the server's. */
  const write = async <T extends { metadata?: { resourceVersion?: string }; resourceVersion?: string }>(verb: string, seen: WorkloadState, send: () => Promise<PortResult<T>>): Promise<PortResult<T>> => {
    const resourceVersion = seen.deployment.metadata?.resourceVersion;
    record?.({ phase: 'intent', verb, object, ...(resourceVersion ? { resourceVersion } : {}) });
    const result = await send();
    const answered = result.ok ? (result.value.metadata?.resourceVersion ?? result.value.resourceVersion) : undefined;
    record?.(result.ok ? { phase: 'done', verb, object, ...(answered ? { resourceVersion: answered } : {}) } : { phase: 'failed', verb, object, error: result.error });
    return result;
  };
  let fleetRecord: ((fleet: ObservedFleet) => void) | undefined;
  const watch = (): Promise<PortResult<WorkloadWatch>> =>
    (opened ??= WorkloadWatch.open(client, ref).then((result) => {
      if (result.ok) followFleet(result.value);
      return result;
    }));
  /** Each role's pods, journaled when they change: what the panel draws as the fleet. */
  const followFleet = (workload: WorkloadWatch): void => {
    const last: Partial<Record<Role, string>> = {};
    const report = (): void => {
      if (!fleetRecord) return;
      const state = workload.state();
      for (const role of ['stable', 'candidate'] as const) {
        const fleet = fleetOf(state, role, candidate);
        const key = JSON.stringify(fleet);
        if (last[role] === key) continue;
        last[role] = key;
        fleetRecord(fleet);
      }
    };
    workload.onChange(report);
    report();
  };

  const candidateManifest = (current: V1Deployment): PortResult<V1Deployment> => {
    const containers = current.spec?.template?.spec?.containers ?? [];
    const container = target.container ?? containers[0]?.name;
    if (!container || !containers.some((each) => each.name === container)) return { ok: false, error: `${name} has no container ${target.container ?? ''}`.trim() };
    const rolling = plan.strategy.rolling;
    if (!rolling && !plan.strategy.recreate) return { ok: false, error: `${name}: only rolling and recreate plans run through a Deployment` };
    if (plan.strategy.recreate && current.spec?.strategy?.type !== 'Recreate') {
      return { ok: false, error: `${name} uses the ${current.spec?.strategy?.type ?? 'RollingUpdate'} strategy and the plan says recreate: set spec.strategy.type: Recreate in its manifest (a release does not remove another manager's rollingUpdate)` };
    }
    return {
      ok: true,
      value: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: ref.name, namespace: ref.namespace },
        spec: {
          minReadySeconds: plan.checks.minReadySeconds,
          progressDeadlineSeconds: plan.policy.progressDeadlineSeconds,
          ...(rolling ? { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: rolling.maxSurge, maxUnavailable: rolling.maxUnavailable } } } : {}),
          template: {
            metadata: { labels: candidate.labels, annotations: mapValues(target.podAnnotations, fill) },
            spec: { containers: [{ name: container, image: candidate.image }] },
          },
        } as V1Deployment['spec'],
      },
    };
  };

  const scaleTo = async (role: Role, replicas: number): Promise<PortResult> => {
    const opening = await watch();
    if (!opening.ok) return opening;
    const workload = opening.value;
    const state = workload.state();
    const current = specReplicas(setsOf(state, role, candidate));
    if (current === replicas) return resumeWhenDone(state);
    const growing = replicas > current;
    const forward = (role === 'candidate') === growing;
    const onCandidate = isCandidate(state.deployment.spec?.template, candidate);
    if (forward && !onCandidate) {
      const manifest = candidateManifest(state.deployment);
      if (!manifest.ok) return manifest;
      const applied = await write(`apply ${candidate.image}`, state, () => applyDeployment(client, manifest.value));
      if (!applied.ok) return applied;
    }
    if (!forward && onCandidate) {
      const undone = await write('undo (previous template)', state, () => undoDeployment(client, ref));
      if (!undone.ok) return undone;
    }
    if (state.deployment.spec?.paused) {
      const resumed = await write('resume', workload.state(), () => setPaused(client, ref, false));
      if (!resumed.ok) return resumed;
    }
    const reached = await workload.until(
      (now) => {
        const count = specReplicas(setsOf(now, role, candidate));
        return ((growing ? count >= replicas : count <= replicas) && rolloutWaits(now)) || stalled(now) || false;
      },
      deadlineMs,
      `at ${replicas} ${role} pod(s)`,
    );
    if (!reached.ok) return { ok: false, error: `${reached.error} (${counts(workload.state(), candidate)})` };
    // Only a release moving forward stops between batches; a rollback runs to its end. With the
    // candidate at full size there is nothing to hold: once its pods are available the controller
    // scales the old ones to 0 even when paused.
    const holding = specReplicas(setsOf(reached.value, 'stable', candidate)) > 0 && specReplicas(setsOf(reached.value, 'candidate', candidate)) < plan.replicas;
    if (forward && plan.strategy.rolling && holding && pauseKeepsSizes(reached.value)) {
      const paused = await write('pause', reached.value, () => setPaused(client, ref, true));
      if (!paused.ok) return paused;
    }
    return OK;
  };

  // A paused Deployment whose new pods are all available scales its old ones to 0 by itself;
  // once nothing of stable is left the release must not leave it paused.
  const resumeWhenDone = async (state: WorkloadState): Promise<PortResult> => {
    if (!state.deployment.spec?.paused || specReplicas(setsOf(state, 'stable', candidate)) > 0) return OK;
    const resumed = await write('resume', state, () => setPaused(client, ref, false));
    return resumed.ok ? OK : resumed;
  };

  const instances: InstancesPort = {
    name,
    members: () => [],
    surplus: () => [],
    scaleUp: async (role, replicas) => {
      const result = await scaleTo(role, replicas);
      return result.ok ? { ok: true, value: [] } : result;
    },
    scaleDown: async (role, replicas) => {
      const result = await scaleTo(role, replicas);
      return result.ok ? { ok: true, value: [] } : result;
    },
    scaleTo,
    health: async (role) => {
      const opening = await watch();
      if (!opening.ok) return opening;
      const sets = setsOf(opening.value.state(), role, candidate);
      return { ok: true, value: { ready: availableReplicas(sets), total: specReplicas(sets) } };
    },
    awaitAvailable: async (role, replicas, timeoutMs, signal) => {
      const opening = await watch();
      if (!opening.ok) return opening;
      const workload = opening.value;
      const reached = await workload.until((now) => availableReplicas(setsOf(now, role, candidate)) >= replicas || stalled(now) || false, timeoutMs, `${replicas} ${role} pod(s) available`, signal);
      if (!reached.ok) return { ok: false, error: `${reached.error} (${counts(workload.state(), candidate)})` };
      return OK;
    },
  };

  let weights: Weights = { stable: 100, candidate: 0 };
  const router: RouterPortOf<typeof SERVICE_SPLIT> = {
    name: `the Service in front of ${name} (traffic follows ready pods)`,
    capabilities: SERVICE_SPLIT,
    // Behind one Service each ready pod takes an equal share: the split is the pods' ratio,
    // which the strategy's batches set. There is nothing else to change.
    setWeights: async (next) => {
      weights = next;
      return OK;
    },
    verify: async () => OK,
    snapshot: async () => ({ ok: true, value: { router: 'kubernetes-service', weights, data: {} } }),
    restore: async (snapshot) => {
      weights = snapshot.weights;
      return OK;
    },
  };

  return {
    instances,
    router,
    where: `context ${client.config.getCurrentContext()}, namespace ${ref.namespace}, ${name}`,
    lockKey: `kubernetes ${client.config.getCurrentCluster()?.server ?? client.config.getCurrentContext()} ${name}`,
    claim: (runDir, isUnfinished) => claimLease(client, ref.namespace, ref.name, runDir, isUnfinished),
    observeFleet: (next) => {
      fleetRecord = next;
    },
    observeWrites: (next) => {
      record = next;
    },
    close: () => {
      void opened?.then((result) => result.ok && result.value.close());
    },
    preflight: async () => {
      const opening = await watch();
      if (!opening.ok) return opening;
      const state = opening.value.state();
      if (isCandidate(state.deployment.spec?.template, candidate) && specReplicas(setsOf(state, 'stable', candidate)) === 0) {
        return { ok: false, error: `${name} already runs ${candidate.image}: nothing to release` };
      }
      const replicas = state.deployment.spec?.replicas ?? 1;
      if (replicas !== plan.replicas) return { ok: false, error: `${name} has ${replicas} replica(s) and the plan says ${plan.replicas}: set replicas: ${replicas} in the plan, so its batches are the controller's` };
      const manifest = candidateManifest(state.deployment);
      if (!manifest.ok) return manifest;
      const applied = await applyDeployment(client, manifest.value, { dryRun: true });
      if (!applied.ok) return applied;
      const paused = await setPaused(client, ref, true, { dryRun: true });
      if (!paused.ok) return paused;
      return { ok: true, value: [`server-side dry run accepted: ${name} to ${candidate.image}${plan.strategy.rolling ? ` (RollingUpdate maxSurge ${plan.strategy.rolling.maxSurge}, maxUnavailable ${plan.strategy.rolling.maxUnavailable})` : ' (Recreate)'}, pause and resume`] };
    },
  };
}

/** The controller's own verdict that the rollout will not progress (its progress deadline passed). */
function stalled(state: WorkloadState): string | undefined {
  const progressing = state.deployment.status?.conditions?.find((condition) => condition.type === 'Progressing');
  return progressing?.status === 'False' ? `deployment ${state.deployment.metadata?.namespace}/${state.deployment.metadata?.name}: ${progressing.reason}: ${progressing.message}` : undefined;
}

/** A role's pods: available, not yet available, and beyond the spec's count (terminating), from its ReplicaSets' status. */
function fleetOf(state: WorkloadState, role: Role, candidate: CandidateTemplate): ObservedFleet {
  const sets = setsOf(state, role, candidate);
  const pods = sets.reduce((sum, set) => sum + (set.status?.replicas ?? 0), 0);
  const ready = availableReplicas(sets);
  const wanted = specReplicas(sets);
  return { role, ready, starting: Math.max(0, Math.min(pods, wanted) - ready), draining: Math.max(0, pods - wanted), failed: 0 };
}

function counts(state: WorkloadState, candidate: CandidateTemplate): string {
  const describe = (role: Role): string => {
    const sets = setsOf(state, role, candidate);
    return `${role} ${specReplicas(sets)} desired, ${readyReplicas(sets)} ready, ${availableReplicas(sets)} available`;
  };
  return `${describe('candidate')}; ${describe('stable')}`;
}

function mapValues(record: Record<string, string>, fill: (text: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fill(value)]));
}
