import type { AnalysisGate } from '../plan/schema';

/**
 * A gate's conditions as Flagger's thresholdRange: `result < 0.01` is a max of 0.01. Flagger has
 * no inconclusive band, so between a success bound and a failure bound the stricter one holds.
 */
export function thresholdRange(gate: AnalysisGate): { min?: number; max?: number } | undefined {
  const range: { min?: number; max?: number } = {};
  const read = (condition: string | undefined, passing: boolean): boolean => {
    if (condition === undefined) return true;
    const match = /^\s*result\s*(<=?|>=?)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i.exec(condition);
    if (!match) return false;
    const below = match[1]?.startsWith('<') === passing;
    const value = Number(match[2]);
    if (below) range.max = Math.min(range.max ?? value, value);
    else range.min = Math.max(range.min ?? value, value);
    return true;
  };
  if (!read(gate.successCondition, true) || !read(gate.failureCondition, false)) return undefined;
  return Object.keys(range).length > 0 ? range : undefined;
}

/** The query a gate's Prometheus provider runs, with the plan's placeholders in the target's words. */
export function queryOf(gate: AnalysisGate, service: string, version: string): string | undefined {
  return gate.provider?.prometheus?.query.replaceAll('{{service}}', service).replaceAll('{{version}}', version);
}

/** What a gate with no provider a controller can run still needs: the TODO it is exported with. */
export function missingProvider(gate: AnalysisGate): string {
  if (gate.provider?.kubernetes) return `gate ${gate.name} reads the cluster (provider.kubernetes: ${gate.provider.kubernetes.measure}), which the controller cannot: exported as a Prometheus query marked TODO; kube-state-metrics has the same figures`;
  if (gate.provider?.command) return `gate ${gate.name} runs a command (${gate.provider.command.command.join(' ')}), which the controller cannot: exported as a Prometheus query marked TODO`;
  return `gate ${gate.name} has no provider (a simulation judges its metric ${gate.metric}): exported as a Prometheus query marked TODO`;
}

export const TODO_ADDRESS = 'http://prometheus.monitoring:9090';
export const todoQuery = (gate: AnalysisGate): string => `TODO: the ${gate.metric} of the canary for gate ${gate.name}`;
