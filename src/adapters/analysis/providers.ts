import type { AnalysisPort, PortResult } from '../../domain/ports';
import type { AnalysisGate, Plan } from '../../domain/plan/schema';
import { execArgv, templateArgs } from '../command/exec';
import { authHeaders } from './auth';
import { httpMeasure } from './http';
import { prometheusQuery } from './prometheus';
import { kubeClient, type KubeClient } from '../kubernetes/client';
import { measurePods } from '../kubernetes/podHealth';

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * Measures a gate with its `provider`: Prometheus, HTTP, a command, or the cluster of
 * targets.kubernetes (the candidate's pods). The gate's `metric` is what
 * a simulation uses; a real run needs a provider, and a gate without one is an error a user fixes
 * in the plan.
 */
export function analysisProviders(plan: Plan): AnalysisPort {
  let cluster: KubeClient | undefined;
  return {
    measure: async (gate: AnalysisGate, version: string): Promise<PortResult<number>> => {
      const values = { version, service: plan.service };
      const provider = gate.provider;
      if (provider?.prometheus) return prometheusQuery(provider.prometheus.address, provider.prometheus.query, values, DEFAULT_TIMEOUT_MS, authHeaders(provider.prometheus.address));
      if (provider?.http) return httpMeasure(provider.http.url, provider.http.jsonPath, values, provider.http.timeout ?? DEFAULT_TIMEOUT_MS, authHeaders(provider.http.url));
      if (provider?.command) {
        const result = await execArgv(templateArgs(provider.command.command, values), { timeoutMs: provider.command.timeout ?? DEFAULT_TIMEOUT_MS });
        if (!result.ok) return result;
        const value = Number(result.value.stdout.trim());
        return Number.isFinite(value) ? { ok: true, value } : { ok: false, error: `gate ${gate.name}: command printed "${result.value.stdout.trim()}", not a number` };
      }
      if (provider?.kubernetes) {
        const target = plan.targets?.kubernetes;
        if (!target) return { ok: false, error: `gate ${gate.name} reads the cluster (provider.kubernetes), and the plan has no targets.kubernetes` };
        try {
          cluster ??= kubeClient(target);
        } catch (error) {
          return { ok: false, error: `gate ${gate.name}: cannot load the kubeconfig: ${error instanceof Error ? error.message : String(error)}` };
        }
        const measured = await measurePods(cluster, target, provider.kubernetes.measure);
        return measured.ok ? measured : { ok: false, error: `gate ${gate.name}: ${measured.error}` };
      }
      return { ok: false, error: `gate ${gate.name} has no provider: add provider.prometheus, provider.http, provider.command or provider.kubernetes to measure it in a real run` };
    },
  };
}
