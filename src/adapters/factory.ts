import type { AnalysisPort, HookPort, InstancesPort, PortResult, RouterPort } from '../domain/ports';
import type { Plan } from '../domain/plan/schema';
import type { RunEventData, TargetWrite } from '../domain/run/events';
import { analysisProviders } from './analysis/providers';
import { hookCaller } from './hooks/call';
import { commandInstances } from './command/instances';
import { commandRouter } from './command/router';
import { haproxyRouter } from './haproxy/router';
import { kubernetesCanaryPorts } from './kubernetes/canaryTarget';
import { kubernetesPorts } from './kubernetes/deploymentTarget';
import { nginxRouter } from './nginx/router';
import { processInstances } from './process/instances';
import { targetLockKeys } from './targetKeys';
import { refusedPlanPath } from './kubernetes/refusedField';
import type { PlanPath } from '../domain/plan/diagnostics';

export interface Ports {
  router: RouterPort;
  instances: InstancesPort;
  analysis: AnalysisPort;
  hooks: HookPort;
  /** Checks the whole release with the target before anything changes (a Kubernetes server-side dry run); lines say what was checked. */
  preflight?(): Promise<PortResult<string[]>>;
  /** The plan key a refusal of the preflight is about, so it is shown on the plan's line. */
  refusedAt?(error: string): PlanPath;
  /** Where the release acts, for the confirmation ("context c, namespace n, deployment d"). */
  where?: string;
  /** Releases what the ports hold open (watches), once the run is over. */
  close?(): void;
  /** Claims the target for one run beyond this machine (a Kubernetes Lease); the claim's release gives it back. */
  claim?(runDir: string, isUnfinished: (runDir: string) => boolean): Promise<PortResult<{ release(): Promise<PortResult>; keep(): void }>>;
  /** Gives the ports the journal's sink for each write they make to a target's API. */
  observeWrites?(record: (write: TargetWrite) => void): void;
  /** Gives the ports the journal's sink for the pods a workload's controller reports. */
  observeFleet?(record: (fleet: RunEventData['instances.observed']) => void): void;
  /**
   * What the target still has to do once the machine has promoted (a Kubernetes canary whose
   * stable Deployment was scaled down: it takes the candidate's template at full size, then the
   * canary goes). Safe to call again after an interruption.
   */
  finishPromotion?(): Promise<PortResult<string | undefined>>;
}

export type PortsResult = { ok: true; ports: Ports; lockKeys: string[] } | { ok: false; error: string };

/**
 * The real ports a plan's `targets` describe. A plan without a router or instances cannot run:
 * the error says which key to add.
 */
export function portsForPlan(plan: Plan, runDir: string): PortsResult {
  if (plan.targets?.kubernetes) return kubernetesPortsForPlan(plan, plan.targets.kubernetes);
  const router = plan.targets?.router;
  const instances = plan.targets?.instances;
  if (!router || (!router.haproxy && !router.nginx && !router.command)) {
    return { ok: false, error: `${plan.service}: targets.router is missing: add targets.router.haproxy, .nginx or .command to run this plan for real` };
  }
  if (!instances || (!instances.process && !instances.command)) {
    return { ok: false, error: `${plan.service}: targets.instances is missing: add targets.instances.process or .command to run this plan for real` };
  }
  const routerPort = router.haproxy ? haproxyRouter(router.haproxy) : router.nginx ? nginxRouter(router.nginx) : router.command ? commandRouter(router.command) : undefined;
  const instancesPort = instances.process ? processInstances(instances.process, plan, runDir) : instances.command ? commandInstances(instances.command, plan) : undefined;
  if (!routerPort || !instancesPort) return { ok: false, error: 'unreachable: targets checked above' };
  return { ok: true, ports: { router: routerPort, instances: instancesPort, analysis: analysisProviders(plan), hooks: hookCaller() }, lockKeys: targetLockKeys(plan) };
}

function kubernetesPortsForPlan(plan: Plan, target: NonNullable<NonNullable<Plan['targets']>['kubernetes']>): PortsResult {
  const beside = plan.strategy.canary ?? plan.strategy.abTest ?? plan.strategy.shadow ?? plan.strategy.blueGreen;
  let kube: ReturnType<typeof kubernetesPorts>;
  try {
    kube = beside ? kubernetesCanaryPorts(target, plan) : kubernetesPorts(target, plan);
  } catch (error) {
    return { ok: false, error: `${plan.service}: targets.kubernetes: cannot load the kubeconfig: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    ok: true,
    ports: { router: kube.router, instances: kube.instances, analysis: analysisProviders(plan), hooks: hookCaller(), preflight: kube.preflight, refusedAt: (error) => refusedPlanPath(error, target, plan.version ?? 'candidate'), where: kube.where, close: kube.close, observeWrites: kube.observeWrites, observeFleet: kube.observeFleet, claim: kube.claim, ...(kube.finishPromotion ? { finishPromotion: kube.finishPromotion } : {}) },
    lockKeys: [kube.lockKey],
  };
}
