import type { AnalysisPort, HookPort, InstancesPort, RouterPort } from '../domain/ports';
import type { Plan } from '../domain/plan/schema';
import { analysisProviders } from './analysis/providers';
import { commandHooks } from './command/hooks';
import { commandInstances } from './command/instances';
import { commandRouter } from './command/router';
import { haproxyRouter } from './haproxy/router';
import { nginxRouter } from './nginx/router';
import { processInstances } from './process/instances';
import { targetLockKeys } from './targetKeys';

export interface Ports {
  router: RouterPort;
  instances: InstancesPort;
  analysis: AnalysisPort;
  hooks: HookPort;
}

export type PortsResult = { ok: true; ports: Ports; lockKeys: string[] } | { ok: false; error: string };

/**
 * The real ports a plan's `targets` describe. A plan without a router or instances cannot run:
 * the error says which key to add.
 */
export function portsForPlan(plan: Plan, runDir: string): PortsResult {
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
  return { ok: true, ports: { router: routerPort, instances: instancesPort, analysis: analysisProviders(plan), hooks: commandHooks(plan) }, lockKeys: targetLockKeys(plan) };
}
