import type { Plan } from '../domain/plan/schema';

/** What a real run of the plan will act on, one line per target, for the confirmation and the log. */
export function describeTargets(plan: Plan): { router: string; instances: string; analysis: string } {
  const kubernetes = plan.targets?.kubernetes;
  if (kubernetes) {
    const deployment = `deployment ${kubernetes.namespace}/${kubernetes.deployment}`;
    const cluster = `${kubernetes.context ? `context ${kubernetes.context}` : 'the current context'} of ${kubernetes.kubeconfig ?? 'the default kubeconfig'}`;
    const service = `Service ${kubernetes.namespace}/${kubernetes.service ?? kubernetes.deployment}`;
    const { strategy } = plan;
    const router = strategy.blueGreen
      ? `${service}'s selector, switched from stable pods to ${kubernetes.deployment}-canary's all at once`
      : strategy.canary || strategy.abTest || strategy.shadow
        ? `HTTPRoute ${kubernetes.namespace}/${kubernetes.route ?? kubernetes.deployment} between ${service} and ${kubernetes.service ?? kubernetes.deployment}-canary`
        : `the Service in front of ${deployment} (traffic follows ready pods)`;
    return {
      router,
      instances: `Kubernetes ${deployment} in ${cluster}, to ${kubernetes.image.replaceAll('{{version}}', plan.version ?? 'candidate')}`,
      analysis: describeProviders(plan),
    };
  }
  const router = plan.targets?.router;
  const instances = plan.targets?.instances;
  return {
    router: router?.haproxy
      ? `HAProxy backend ${router.haproxy.backend} via ${router.haproxy.socket} (${router.haproxy.stableServer} / ${router.haproxy.candidateServer})`
      : router?.nginx
        ? `nginx at ${router.nginx.prefix}, upstream ${router.nginx.upstream} in ${router.nginx.upstreamFile}`
        : router?.command
          ? `command: ${router.command.setWeights.join(' ')}`
          : 'none (add targets.router)',
    instances: instances?.process
      ? `processes: ${instances.process.command.join(' ')} on 127.0.0.1:${instances.process.basePort} and up`
      : instances?.command
        ? `command: ${instances.command.scale.join(' ')}`
        : 'none (add targets.instances)',
    analysis: describeProviders(plan),
  };
}

function describeProviders(plan: Plan): string {
  if (plan.analysis.length === 0) return 'none (no gates)';
  const providers = new Set<string>();
  for (const gate of plan.analysis) {
    const provider = gate.provider;
    if (provider?.prometheus) providers.add(`Prometheus ${provider.prometheus.address}`);
    else if (provider?.http) providers.add(`HTTP ${provider.http.url}`);
    else if (provider?.command) providers.add(`command: ${provider.command.command.join(' ')}`);
    else if (provider?.kubernetes) providers.add(`the cluster (the candidate's pods: ${provider.kubernetes.measure})`);
    else providers.add(`gate ${gate.name} has no provider (it will fail)`);
  }
  return [...providers].join('; ');
}
