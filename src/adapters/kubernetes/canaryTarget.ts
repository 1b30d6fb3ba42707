import { PatchStrategy, type KubernetesObject, type V1Deployment, type V1Service } from '@kubernetes/client-node';
import type { InstancesPort, PortResult, RouterPortOf } from '../../domain/ports';
import type { HeaderMatch, KubernetesTarget, Plan } from '../../domain/plan/schema';
import type { RunEventData, TargetWrite } from '../../domain/run/events';
import type { Role, Weights } from '../../domain/strategies/effects';
import { apiError, FIELD_MANAGER, kubeClient, type KubeClient } from './client';
import { containerOf } from './controllerView';
import { applyDeployment, readDeployment, type WorkloadRef } from './deployment';
import type { KubernetesPorts } from './deploymentTarget';
import { claimLease } from './lease';
import { routeRules, type RouteRule } from './httpRouteRules';
import { WorkloadWatch } from './workloadWatch';

const OK: PortResult = { ok: true, value: undefined };
const ROUTE_SPLIT = { weights: true, headerRoutes: true, mirror: true, members: false } as const;
const SELECTOR_SWITCH = { weights: true, headerRoutes: false, mirror: false, members: false } as const;
const REPLICA_RATIO = { weights: true, headerRoutes: false, mirror: false, members: false } as const;
/** The stable Deployment's size is written by a manager of its own, so its applies never drop the template fields the release manager owns. */
const SCALE_MANAGER = `${FIELD_MANAGER}-scale`;
const TRACK = 'switchyard.dev/track';
const HASH = 'pod-template-hash';

interface BackendRef {
  name: string;
  port?: number;
  weight?: number;
  [key: string]: unknown;
}
interface HttpRoute extends KubernetesObject {
  spec?: { rules?: { backendRefs?: BackendRef[]; [key: string]: unknown }[]; [key: string]: unknown };
}

/**
 * A traffic-routed canary on Kubernetes, as Argo Rollouts does it with the Gateway API: the
 * candidate is a Deployment of its own (`<deployment>-canary`, the stable's spec with the
 * candidate's image and the label switchyard.dev/track=canary) behind a Service of its own
 * (`<service>-canary`); the stable Service is pinned to the stable ReplicaSet's
 * pod-template-hash, so it never selects canary pods; and the HTTPRoute's backendRefs to the
 * stable Service become a weighted pair. Promotion rolls the stable Deployment to the candidate's
 * template through its own controller, points the route back at the stable Service alone and
 * removes the canary; a rollback routes every request to stable first, then removes the canary.
 * The route's rules as found are what abort and rollback restore. A blue-green uses the same
 * candidate Deployment, previewed by its Service, and switches users by the stable Service's
 * selector instead of a route: on the stable pods (pinned) or on the candidate's, all at once.
 * A canary without trafficRouting splits by replica ratio, as Argo Rollouts' basic canary does:
 * the stable Service stays unpinned and selects both Deployments' pods, the stable Deployment is
 * scaled down as the canary grows, and promotion finishes once the machine is done
 * (finishPromotion): the stable Deployment takes the candidate's template at full size, then the
 * canary goes. dynamicStableScale shrinks the stable the same way behind an HTTPRoute.
 *
 * @example
 * const ports = kubernetesCanaryPorts(plan.targets.kubernetes, plan);
 * await ports.router.setWeights({ stable: 90, candidate: 10 }); // the HTTPRoute splits 90/10
 */
export function kubernetesCanaryPorts(target: KubernetesTarget, plan: Plan, client: KubeClient = kubeClient(target)): KubernetesPorts {
  // A blue-green switches all users at once by the stable Service's selector; the others split by the HTTPRoute.
  const switchBySelector = plan.strategy.blueGreen !== undefined;
  // A canary by replica ratio: one Service in front of both Deployments, no route to write.
  const byRatio = plan.strategy.canary?.trafficRouting === false;
  // Where the stable Deployment is scaled during the steps, scaling it to 0 is not the promotion.
  const stableShrinks = byRatio || plan.strategy.canary?.dynamicStableScale === true;
  const namespace = target.namespace;
  const stableRef: WorkloadRef = { namespace, name: target.deployment };
  const canaryRef: WorkloadRef = { namespace, name: `${target.deployment}-canary` };
  const serviceName = target.service ?? target.deployment;
  const canaryService = `${serviceName}-canary`;
  const routeName = target.route ?? target.deployment;
  const version = plan.version ?? 'candidate';
  const fill = (text: string): string => text.replaceAll('{{version}}', version);
  const image = fill(target.image);
  const name = `deployment ${namespace}/${target.deployment}`;
  const routeWhere = `HTTPRoute ${namespace}/${routeName}`;
  const deadlineMs = plan.policy.progressDeadlineSeconds * 1000;
  let record: ((write: TargetWrite) => void) | undefined;
  let fleetRecord: ((fleet: RunEventData['instances.observed']) => void) | undefined;
  let weights: Weights = { stable: 100, candidate: 0 };
  let originalRules: unknown;
  const watches: Partial<Record<Role, Promise<PortResult<WorkloadWatch>>>> = {};

  const write = async <T>(verb: string, object: string, send: () => Promise<T>, versionOf: (value: T) => string | undefined = (value) => (value as KubernetesObject | undefined)?.metadata?.resourceVersion): Promise<PortResult<T>> => {
    record?.({ phase: 'intent', verb, object });
    try {
      const value = await send();
      const resourceVersion = versionOf(value);
      record?.({ phase: 'done', verb, object, ...(resourceVersion ? { resourceVersion } : {}) });
      return { ok: true, value };
    } catch (error) {
      const message = `${verb} ${object}: ${apiError(error)}`;
      record?.({ phase: 'failed', verb, object, error: message });
      return { ok: false, error: message };
    }
  };
  const apply = (verb: string, object: KubernetesObject & { metadata: { name?: string } }, dryRun = false) =>
    write(verb, `${object.kind} ${namespace}/${object.metadata.name ?? ''}`, () => client.objects.patch(object, undefined, dryRun ? 'All' : undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply));

  const watchOf = (role: Role): Promise<PortResult<WorkloadWatch>> => {
    const existing = watches[role];
    if (existing) return existing;
    const opened = WorkloadWatch.open(client, role === 'stable' ? stableRef : canaryRef).then((result) => {
      if (result.ok) {
        const report = (): void => {
          const deployment = result.value.state().deployment;
          const ready = deployment.status?.availableReplicas ?? 0;
          const wanted = deployment.spec?.replicas ?? 0;
          const pods = deployment.status?.replicas ?? 0;
          fleetRecord?.({ role, ready, starting: Math.max(0, Math.min(pods, wanted) - ready), draining: Math.max(0, pods - wanted), failed: 0 });
        };
        result.value.onChange(report);
        report();
      } else delete watches[role];
      return result;
    });
    watches[role] = opened;
    return opened;
  };

  const readRoute = async (): Promise<PortResult<HttpRoute>> => {
    try {
      return { ok: true, value: (await client.objects.read({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: routeName, namespace } })) as HttpRoute };
    } catch (error) {
      return { ok: false, error: `read ${routeWhere}: ${apiError(error)}` };
    }
  };
  const names = { stable: serviceName, canary: canaryService };
  let routes: HeaderMatch[] = [];
  let mirror = 0;
  /** The route's rules for the split in effect, from the rules as found. */
  const rulesFor = (split: Weights) => routeRules((originalRules as RouteRule[] | undefined) ?? [], { weights: split, headerRoutes: routes, mirrorPercent: mirror }, names);
  const applyRules = (verb: string, rules: unknown) => apply(verb, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: routeName, namespace }, spec: { rules } } as KubernetesObject & { metadata: { name: string } });

  const readService = async (service: string): Promise<PortResult<V1Service>> => {
    try {
      return { ok: true, value: await client.core.readNamespacedService({ name: service, namespace }) };
    } catch (error) {
      return { ok: false, error: `read Service ${namespace}/${service}: ${apiError(error)}` };
    }
  };
  /** The stable ReplicaSet's pod-template-hash: what pins the stable Service to stable pods. */
  const stableHash = async (): Promise<PortResult<string>> => {
    const opened = await watchOf('stable');
    if (!opened.ok) return opened;
    const state = opened.value.state();
    const revision = state.deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'];
    const current = state.replicaSets.find((set) => set.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision);
    const hash = current?.metadata?.labels?.[HASH];
    return hash ? { ok: true, value: hash } : { ok: false, error: `${name}: no ReplicaSet of its current revision yet` };
  };
  /** The Service's own selector: without the stable pin and the candidate switch a release adds to it. */
  const ownSelector = (service: V1Service): Record<string, string> => {
    const { [HASH]: _pin, [TRACK]: _switch, ...own } = service.spec?.selector ?? {};
    return own;
  };
  const NO_SELECTOR = `Service ${namespace}/${serviceName} selects no pods by label: a ${switchBySelector ? 'blue-green' : 'canary'} needs a Service with a selector`;
  /**
   * A Service's selector is one atomic map: it is applied whole, the Service's own selector with
   * the stable hash added (pin), the canary's track label added (a blue-green's switch), or with
   * neither (unpin), never a part of it.
   */
  const selectFor = async (pick: { hash: string } | 'canary' | undefined): Promise<PortResult> => {
    const service = await readService(serviceName);
    if (!service.ok) return service;
    const selector = ownSelector(service.value);
    if (Object.keys(selector).length === 0) return { ok: false, error: NO_SELECTOR };
    const wanted = pick === 'canary' ? { ...selector, [TRACK]: 'canary' } : pick ? { ...selector, [HASH]: pick.hash } : selector;
    if (JSON.stringify(wanted) === JSON.stringify(service.value.spec?.selector ?? {})) return OK;
    const verb = pick === 'canary' ? 'switch Service to the candidate' : pick ? 'pin stable Service' : 'unpin stable Service';
    const pinned = await apply(verb, { apiVersion: 'v1', kind: 'Service', metadata: { name: serviceName, namespace }, spec: { selector: wanted } } as KubernetesObject & { metadata: { name: string } });
    return pinned.ok ? OK : pinned;
  };
  const pinStable = (hash: string | undefined): Promise<PortResult> => selectFor(hash === undefined || byRatio ? undefined : { hash });

  const canaryDeployment = (stable: V1Deployment, replicas: number): PortResult<V1Deployment> => {
    const template = structuredClone(stable.spec?.template ?? {});
    const container = containerOf(template, target.container);
    if (!container) return { ok: false, error: `${name} has no container ${target.container ?? ''}`.trim() };
    container.image = image;
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...Object.fromEntries(Object.entries(target.podLabels).map(([key, value]) => [key, fill(value)])), [TRACK]: 'canary' }, annotations: { ...template.metadata?.annotations, ...Object.fromEntries(Object.entries(target.podAnnotations).map(([key, value]) => [key, fill(value)])) } };
    return {
      ok: true,
      value: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: canaryRef.name, namespace, labels: { [TRACK]: 'canary' } },
        spec: {
          replicas,
          minReadySeconds: plan.checks.minReadySeconds,
          progressDeadlineSeconds: plan.policy.progressDeadlineSeconds,
          selector: { matchLabels: { ...stable.spec?.selector?.matchLabels, [TRACK]: 'canary' } },
          template,
        },
      },
    };
  };

  const ensureCanaryService = async (): Promise<PortResult> => {
    const stable = await readService(serviceName);
    if (!stable.ok) return stable;
    const selector = ownSelector(stable.value);
    const ports = (stable.value.spec?.ports ?? []).map(({ name: port, port: number, targetPort, protocol }) => ({ ...(port ? { name: port } : {}), port: number, ...(targetPort !== undefined ? { targetPort } : {}), ...(protocol ? { protocol } : {}) }));
    const applied = await apply('apply canary Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: canaryService, namespace, labels: { [TRACK]: 'canary' } }, spec: { selector: { ...selector, [TRACK]: 'canary' }, ports } } as KubernetesObject & { metadata: { name: string } });
    return applied.ok ? OK : applied;
  };

  const canaryExists = async (): Promise<boolean> => (await readDeployment(client, canaryRef)).ok;

  const deleteCanary = async (): Promise<PortResult> => {
    for (const [verb, remove] of [
      ['delete canary Deployment', () => client.apps.deleteNamespacedDeployment({ name: canaryRef.name, namespace })],
      ['delete canary Service', () => client.core.deleteNamespacedService({ name: canaryService, namespace })],
    ] as const) {
      const removed = await write<unknown>(verb, verb.endsWith('Deployment') ? `Deployment ${namespace}/${canaryRef.name}` : `Service ${namespace}/${canaryService}`, remove, () => undefined);
      if (!removed.ok && !/not found/i.test(removed.error)) return removed;
    }
    void watches.candidate?.then((opened) => opened.ok && opened.value.close());
    delete watches.candidate;
    // Its watch is closed: say the candidate is gone, so the panel does not keep its last pods.
    fleetRecord?.({ role: 'candidate', ready: 0, starting: 0, draining: 0, failed: 0 });
    return OK;
  };

  /**
   * The route as found, the canary gone, then the stable Service unpinned: what is left after a
   * rollback or a promotion. The canary goes before the unpin, so the Service's own selector
   * (which matches canary pods too) never sends a user to one.
   */
  const cleanUp = async (): Promise<PortResult> => {
    if (originalRules !== undefined) {
      const restored = await applyRules('restore route', originalRules);
      if (!restored.ok) return restored;
      routes = [];
      mirror = 0;
    }
    weights = { stable: 100, candidate: 0 };
    const deleted = await deleteCanary();
    if (!deleted.ok) return deleted;
    return pinStable(undefined);
  };

  const awaitDeployment = async (role: Role, until: (deployment: V1Deployment) => boolean | string, what: string, timeoutMs: number, signal?: AbortSignal): Promise<PortResult> => {
    const opened = await watchOf(role);
    if (!opened.ok) return opened;
    const reached = await opened.value.until((state) => until(state.deployment), timeoutMs, what, signal);
    return reached.ok ? OK : reached;
  };

  /** Promotion: the stable Deployment rolled to the candidate's template by its own controller, the route back to it alone, the canary removed. */
  const promote = async (): Promise<PortResult> => {
    const stable = await readDeployment(client, stableRef);
    if (!stable.ok) return stable;
    const container = containerOf(stable.value.spec?.template, target.container);
    const template = { metadata: { labels: Object.fromEntries(Object.entries(target.podLabels).map(([key, value]) => [key, fill(value)])), annotations: Object.fromEntries(Object.entries(target.podAnnotations).map(([key, value]) => [key, fill(value)])) }, spec: { containers: [{ name: container?.name ?? '', image }] } };
    const applied = await write('apply', `Deployment ${namespace}/${target.deployment}`, async () => {
      const result = await applyDeployment(client, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: stableRef.name, namespace }, spec: { template } as V1Deployment['spec'] });
      if (!result.ok) throw new Error(result.error);
      return result.value;
    });
    if (!applied.ok) return applied;
    // A stable scaled down during the steps comes back to full size with the candidate's template.
    const sized = stableShrinks ? await scaleStable(plan.replicas) : { ok: true as const, value: applied.value };
    if (!sized.ok) return sized;
    const generation = Math.max(applied.value.metadata?.generation ?? 0, sized.value?.metadata?.generation ?? 0);
    const rolled = await awaitDeployment(
      'stable',
      (deployment) => {
        const status = deployment.status;
        const replicas = deployment.spec?.replicas ?? 1;
        return (status?.observedGeneration ?? 0) >= generation && status?.updatedReplicas === replicas && status.replicas === replicas && status.availableReplicas === replicas;
      },
      `rolled out to ${image}`,
      deadlineMs,
    );
    if (!rolled.ok) return rolled;
    const hash = await stableHash();
    if (!hash.ok) return hash;
    // Users are on the canary: pin the stable Service to the new pods, send them back to it, then remove the canary.
    const pinned = await pinStable(hash.value);
    if (!pinned.ok) return pinned;
    return cleanUp();
  };

  /** The stable Deployment's spec.replicas, written only when it differs; the Deployment as it stands after. */
  async function scaleStable(replicas: number): Promise<PortResult<V1Deployment | undefined>> {
    const stable = await readDeployment(client, stableRef);
    if (!stable.ok) return stable;
    if ((stable.value.spec?.replicas ?? 1) === replicas) return { ok: true, value: stable.value };
    return write(`scale stable → ${replicas}`, `Deployment ${namespace}/${target.deployment}`, async () => {
      const result = await applyDeployment(client, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: stableRef.name, namespace }, spec: { replicas } as V1Deployment['spec'] }, { fieldManager: SCALE_MANAGER });
      if (!result.ok) throw new Error(result.error);
      return result.value;
    });
  }

  const scaleTo = async (role: Role, replicas: number): Promise<PortResult> => {
    if (role === 'stable') {
      // A stable kept whole through the steps goes only at promotion: then 0 means promote.
      if (replicas === 0 && !stableShrinks) return promote();
      const scaled = await scaleStable(replicas);
      return scaled.ok ? OK : scaled;
    }
    if (replicas === 0) {
      if (weights.candidate > 0) return { ok: false, error: `${routeWhere} still sends ${weights.candidate}% to the canary: route it to stable first` };
      // Nothing made yet (provisioning asks for no pods): nothing to take down.
      if (weights.candidate === 0 && routes.length === 0 && mirror === 0 && !(await canaryExists())) return OK;
      return cleanUp();
    }
    // Before any canary pod exists: the stable Service pinned to stable pods, the canary's Service made
    // (by replica ratio, the one Service selects both, by design).
    if (!byRatio) {
      const hash = await stableHash();
      if (!hash.ok) return hash;
      const pinned = await pinStable(hash.value);
      if (!pinned.ok) return pinned;
      const service = await ensureCanaryService();
      if (!service.ok) return service;
    }
    const stable = await readDeployment(client, stableRef);
    if (!stable.ok) return stable;
    const manifest = canaryDeployment(stable.value, replicas);
    if (!manifest.ok) return manifest;
    const applied = await apply(`scale canary → ${replicas}`, manifest.value as KubernetesObject & { metadata: { name: string } });
    return applied.ok ? OK : applied;
  };

  const instances: InstancesPort = {
    name: `${name} and its canary ${canaryRef.name}`,
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
      const opened = await watchOf(role);
      if (!opened.ok) return opened;
      const deployment = opened.value.state().deployment;
      return { ok: true, value: { ready: deployment.status?.availableReplicas ?? 0, total: deployment.spec?.replicas ?? 0 } };
    },
    awaitAvailable: (role, replicas, timeoutMs, signal) =>
      awaitDeployment(
        role,
        (deployment) => {
          const progressing = deployment.status?.conditions?.find((condition) => condition.type === 'Progressing');
          if (progressing?.status === 'False') return `${role === 'stable' ? name : `deployment ${namespace}/${canaryRef.name}`}: ${progressing.reason}: ${progressing.message}`;
          return (deployment.status?.availableReplicas ?? 0) >= replicas && (deployment.status?.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0);
        },
        `${replicas} ${role} pod(s) available`,
        timeoutMs,
        signal,
      ),
  };

  const serviceWhere = `Service ${namespace}/${serviceName}`;
  /** A blue-green's dry run: the candidate Deployment and the Service switched to its pods, as the API server would take them. */
  const preflightSwitch = async (stable: V1Deployment): Promise<PortResult<string[]>> => {
    const service = await readService(serviceName);
    if (!service.ok) return service;
    const selector = ownSelector(service.value);
    if (Object.keys(selector).length === 0) return { ok: false, error: NO_SELECTOR };
    const manifest = canaryDeployment(stable, 1);
    if (!manifest.ok) return manifest;
    const dry = await apply('dry run: apply candidate Deployment', manifest.value as KubernetesObject & { metadata: { name: string } }, true);
    if (!dry.ok) return dry;
    const switched = await apply('dry run: switch Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: serviceName, namespace }, spec: { selector: { ...selector, [TRACK]: 'canary' } } } as KubernetesObject & { metadata: { name: string } }, true);
    if (!switched.ok) return switched;
    return { ok: true, value: [`server-side dry run accepted: Deployment ${namespace}/${canaryRef.name} at ${image} beside ${name}, previewed by Service ${namespace}/${canaryService}, ${serviceWhere} switched by its selector`] };
  };
  /** A canary by replica ratio's dry run: the Service selects both Deployments' pods, the canary Deployment as the API server would take it. */
  const preflightRatio = async (stable: V1Deployment): Promise<PortResult<string[]>> => {
    const selects = await ratioRouter.verify({ stable: 100, candidate: 0 });
    if (!selects.ok) return selects;
    const manifest = canaryDeployment(stable, 1);
    if (!manifest.ok) return manifest;
    const service = await readService(serviceName);
    if (!service.ok) return service;
    const labels = manifest.value.spec?.template?.metadata?.labels ?? {};
    const unmatched = Object.entries(ownSelector(service.value)).filter(([key, value]) => labels[key] !== value);
    if (unmatched.length > 0) return { ok: false, error: `${serviceWhere} would not select the canary's pods (${unmatched.map(([key, value]) => `${key}=${value}`).join(', ')} not on ${name}'s pod template)` };
    const dry = await apply('dry run: apply canary Deployment', manifest.value as KubernetesObject & { metadata: { name: string } }, true);
    if (!dry.ok) return dry;
    return { ok: true, value: [`server-side dry run accepted: Deployment ${namespace}/${canaryRef.name} at ${image} beside ${name}, split by replica ratio behind ${serviceWhere}`] };
  };
  /** A blue-green's router: the stable Service's selector, on the stable pods or on the candidate's, all users at once. */
  const selectorRouter: RouterPortOf<typeof SELECTOR_SWITCH> = {
    name: `${serviceWhere} (stable pods / ${canaryRef.name} pods)`,
    capabilities: SELECTOR_SWITCH,
    setWeights: async (next) => {
      if (next.candidate !== 0 && next.stable !== 0) return { ok: false, error: `${serviceWhere} switches all users at once: ${next.stable}/${next.candidate} is not a blue-green's split` };
      if (next.candidate > 0) {
        const switched = await selectFor('canary');
        if (!switched.ok) return switched;
      } else {
        const hash = await stableHash();
        if (!hash.ok) return hash;
        const pinned = await pinStable(hash.value);
        if (!pinned.ok) return pinned;
      }
      weights = next;
      return OK;
    },
    verify: async (expected) => {
      const service = await readService(serviceName);
      if (!service.ok) return service;
      const onCandidate = service.value.spec?.selector?.[TRACK] === 'canary';
      if (onCandidate !== expected.candidate > 0) return { ok: false, error: `${serviceWhere} selects ${onCandidate ? 'the candidate' : 'stable'} pods, not ${expected.candidate > 0 ? 'the candidate' : 'stable'}'s` };
      return OK;
    },
    snapshot: async () => {
      const service = await readService(serviceName);
      if (!service.ok) return service;
      return { ok: true, value: { router: 'service', weights: { stable: 100, candidate: 0 }, data: { selector: service.value.spec?.selector ?? {} } } };
    },
    adoptRoute: (route) => {
      weights = route.weights;
    },
    // Back on the stable pods, pinned while a candidate pod may exist; the clean-up unpins once it is gone.
    restore: async (snapshot) => selectorRouter.setWeights(snapshot.weights.candidate > 0 ? { stable: 0, candidate: 100 } : { stable: 100, candidate: 0 }),
  };

  /**
   * A canary by replica ratio: users follow the pods behind the one Service, so the machine's
   * weights (from the step's replica counts) need no write; the Service must select both
   * Deployments' pods, never a pinned half.
   */
  const ratioRouter: RouterPortOf<typeof REPLICA_RATIO> = {
    name: `${serviceWhere} (split by the ready pods of ${target.deployment} and ${canaryRef.name})`,
    capabilities: REPLICA_RATIO,
    setWeights: async (next) => {
      const checked = await ratioRouter.verify(next);
      if (!checked.ok) return checked;
      weights = next;
      return OK;
    },
    verify: async () => {
      const service = await readService(serviceName);
      if (!service.ok) return service;
      if (Object.keys(ownSelector(service.value)).length === 0) return { ok: false, error: NO_SELECTOR };
      const selector = service.value.spec?.selector ?? {};
      const pinnedTo = [HASH, TRACK].filter((key) => selector[key] !== undefined);
      if (pinnedTo.length > 0) return { ok: false, error: `${serviceWhere} selects by ${pinnedTo.join(' and ')}: a canary by replica ratio needs it to select the pods of both Deployments` };
      return OK;
    },
    snapshot: async () => {
      const checked = await ratioRouter.verify({ stable: 100, candidate: 0 });
      return checked.ok ? { ok: true, value: { router: 'service-ratio', weights: { stable: 100, candidate: 0 }, data: null } } : checked;
    },
    adoptRoute: (route) => {
      weights = route.weights;
    },
    // Nothing to write: users leave the canary as the machine grows the stable and removes the canary.
    restore: async (snapshot) => {
      weights = snapshot.weights;
      return OK;
    },
  };

  const routeRouter: RouterPortOf<typeof ROUTE_SPLIT> = {
    name: `${routeWhere} (${serviceName} / ${canaryService})`,
    capabilities: ROUTE_SPLIT,
    setWeights: async (next) => {
      const route = await readRoute();
      if (!route.ok) return route;
      originalRules ??= route.value.spec?.rules ?? [];
      const applied = await applyRules(`route ${next.stable}/${next.candidate}`, rulesFor(next));
      if (!applied.ok) return applied;
      weights = next;
      return OK;
    },
    setHeaderRoutes: async (next) => {
      const previous = routes;
      routes = [...next];
      const applied = await applyRules(next.length > 0 ? `route ${next.length} header match(es) to the canary` : 'route no header matches', rulesFor(weights));
      if (!applied.ok) routes = previous;
      return applied.ok ? OK : applied;
    },
    setMirror: async (percent) => {
      const previous = mirror;
      mirror = percent;
      const applied = await applyRules(`mirror ${percent}% to the canary`, rulesFor(weights));
      if (!applied.ok) mirror = previous;
      return applied.ok ? OK : applied;
    },
    verify: async (expected) => {
      const route = await readRoute();
      if (!route.ok) return route;
      for (const rule of route.value.spec?.rules ?? []) {
        const refs = rule.backendRefs ?? [];
        if (!refs.some((ref) => ref.name === serviceName)) continue;
        const stable = refs.find((ref) => ref.name === serviceName)?.weight ?? 1;
        const canary = refs.find((ref) => ref.name === canaryService)?.weight ?? 0;
        if (stable !== expected.stable || canary !== expected.candidate) return { ok: false, error: `${routeWhere} has ${serviceName} ${stable} / ${canaryService} ${canary}, not ${expected.stable} / ${expected.candidate}` };
      }
      return OK;
    },
    snapshot: async () => {
      const route = await readRoute();
      if (!route.ok) return route;
      originalRules ??= route.value.spec?.rules ?? [];
      return { ok: true, value: { router: 'httproute', weights: { stable: 100, candidate: 0 }, data: { rules: originalRules } } };
    },
    adoptSafe: (snapshot) => {
      originalRules ??= (snapshot.data as { rules?: unknown } | null)?.rules;
    },
    adoptRoute: (route) => {
      weights = route.weights;
      routes = [...(route.headerRoutes ?? [])];
      mirror = route.mirrorPercent ?? 0;
    },
    restore: async (snapshot) => {
      const rules = (snapshot.data as { rules?: unknown } | null)?.rules;
      originalRules ??= rules;
      routes = [];
      mirror = 0;
      const restored = await applyRules('restore route', routeRules((rules as RouteRule[] | undefined) ?? [], { weights: snapshot.weights }, names));
      if (!restored.ok) return restored;
      weights = snapshot.weights;
      return OK;
    },
  };

  return {
    instances,
    router: switchBySelector ? selectorRouter : byRatio ? ratioRouter : routeRouter,
    where: `context ${client.config.getCurrentContext()}, namespace ${namespace}, ${name}, ${switchBySelector || byRatio ? serviceWhere : routeWhere}`,
    finishPromotion: async () => {
      if (!stableShrinks || !(await canaryExists())) return { ok: true, value: undefined };
      const promoted = await promote();
      return promoted.ok ? { ok: true, value: `promotion finished: ${name} rolled to ${image} at ${plan.replicas} replica(s), ${canaryRef.name} removed` } : promoted;
    },
    lockKey: `kubernetes ${client.config.getCurrentCluster()?.server ?? client.config.getCurrentContext()} ${name}`,
    claim: (runDir, isUnfinished) => claimLease(client, namespace, target.deployment, runDir, isUnfinished),
    observeWrites: (next) => {
      record = next;
    },
    observeFleet: (next) => {
      fleetRecord = next;
    },
    close: () => {
      for (const opened of Object.values(watches)) void opened?.then((result) => result.ok && result.value.close());
    },
    preflight: async () => {
      const stable = await readDeployment(client, stableRef);
      if (!stable.ok) return stable;
      const replicas = stable.value.spec?.replicas ?? 1;
      if (replicas !== plan.replicas) return { ok: false, error: `${name} has ${replicas} replica(s) and the plan says ${plan.replicas}: set replicas: ${replicas} in the plan` };
      if (switchBySelector) return preflightSwitch(stable.value);
      if (byRatio) return preflightRatio(stable.value);
      const route = await readRoute();
      if (!route.ok) return route;
      if (!(route.value.spec?.rules ?? []).some((rule) => (rule.backendRefs ?? []).some((ref) => ref.name === serviceName))) return { ok: false, error: `${routeWhere} sends nothing to Service ${serviceName}: name the route and the Service in front of ${name} (targets.kubernetes.route, .service)` };
      const service = await readService(serviceName);
      if (!service.ok) return service;
      const manifest = canaryDeployment(stable.value, 1);
      if (!manifest.ok) return manifest;
      const dry = await apply('dry run: apply canary Deployment', manifest.value as KubernetesObject & { metadata: { name: string } }, true);
      if (!dry.ok) return dry;
      const rules = await apply('dry run: route', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: routeName, namespace }, spec: { rules: routeRules((route.value.spec?.rules ?? []) as RouteRule[], { weights: { stable: 90, candidate: 10 } }, names) } } as KubernetesObject & { metadata: { name: string } }, true);
      if (!rules.ok) return rules;
      return { ok: true, value: [`server-side dry run accepted: Deployment ${namespace}/${canaryRef.name} at ${image}, ${routeWhere} split between ${serviceName} and ${canaryService}`] };
    },
  };
}
