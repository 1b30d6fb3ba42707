import { ROUTER_CAPABILITIES, ROUTER_KINDS } from '../../targets/capabilities';
import { problem } from './context';
import type { Rule } from './context';

/**
 * Header routes (A/B, setHeaderRoute) and mirroring (shadow, setMirrorRoute) need a router that
 * can do them (as its adapter declares, in ROUTER_CAPABILITIES): said before the run starts, at the
 * router, rather than by a failed step mid-run.
 */
export const routerCanRoute: Rule = (context) => {
  const router = context.plan.targets?.router;
  const kind = router && ROUTER_KINDS.find((name) => router[name] !== undefined);
  if (!kind) return [];
  const { strategy } = context.plan;
  const steps = strategy.canary?.steps ?? [];
  const needsMirror = strategy.shadow !== undefined || steps.some((step) => step.setMirrorRoute !== undefined);
  const needsHeaders = strategy.abTest !== undefined || steps.some((step) => step.setHeaderRoute !== undefined);
  const can = ROUTER_CAPABILITIES[kind];
  const what = strategy.shadow ? 'a shadow release mirrors traffic' : 'setMirrorRoute mirrors traffic';
  return [
    ...(needsMirror && !can.mirror ? [problem(context, 'error', 'plan.routerCannotMirror', ['targets', 'router', kind], `${what}, which ${kind} cannot do; use the nginx router (its mirror directive)`, { target: 'key' })] : []),
    ...(needsHeaders && !can.headerRoutes
      ? [problem(context, 'error', 'plan.routerCannotRouteHeaders', ['targets', 'router', kind], `${strategy.abTest ? 'an A/B test routes' : 'setHeaderRoute routes'} by header or cookie, which a ${kind} router cannot do; use the haproxy or nginx router`, { target: 'key' })]
      : []),
  ];
};

/**
 * A Kubernetes target releases through the Deployment's own controller: rolling (its maxSurge and
 * maxUnavailable) or recreate, with the Deployment as both the instances and, behind its Service,
 * the router. What it cannot do is said at the plan's key, before anything runs.
 */
export const kubernetesTargetFits: Rule = (context) => {
  const targets = context.plan.targets;
  if (!targets?.kubernetes) return [];
  const { strategy, engine } = context.plan;
  const at = ['targets', 'kubernetes'];
  return [
    ...(targets.router || targets.instances
      ? [problem(context, 'error', 'plan.kubernetesTargetAlone', at, 'a Kubernetes Deployment is the instances and, behind its Service, the router: remove targets.router and targets.instances', { target: 'key' })]
      : []),
    ...(strategy.rolling?.batchSize !== undefined
      ? [problem(context, 'error', 'plan.kubernetesNoFixedBatches', ['strategy', 'rolling', 'batchSize'], 'a Deployment rolls by maxSurge and maxUnavailable, not fixed batches: remove batchSize', { target: 'key' })]
      : []),
    ...((strategy.rolling || strategy.recreate) && engine !== 'kubernetes'
      ? [problem(context, 'warning', 'plan.kubernetesTargetEngine', at, 'set `engine: kubernetes`, so a simulation\'s batches are the ones the Deployment controller makes', { target: 'key' })]
      : []),
  ];
};

/** A gate that reads the cluster (provider.kubernetes) reads the plan's Kubernetes target: without one there is nothing to read. */
export const clusterGateHasCluster: Rule = (context) => {
  if (context.plan.targets?.kubernetes) return [];
  return context.plan.analysis.flatMap((gate, index) =>
    gate.provider?.kubernetes
      ? [problem(context, 'error', 'plan.kubernetesGateWithoutCluster', ['analysis', index, 'provider', 'kubernetes'], 'reads the candidate\'s pods on the cluster of targets.kubernetes, and the plan has none: add targets.kubernetes or measure with prometheus, http or command', { target: 'key' })]
      : [],
  );
};
