import { judgeConditions } from './conditions';
import type { ManifestContext } from './context';
import type { Fields } from './fields';
import { chooseMetric, describeReading, withUnitFromConditions } from './metricChoice';

/** How a gate is used: run to its count (a step, pre- or post-promotion) or in the background. */
export type GateMode = 'run' | 'watch';

export interface MetricGate {
  name: string;
  /** The metric has an interval and no count: Argo measures it until it fails, never completing. */
  indefinite: boolean;
}

/**
 * One metric of an AnalysisTemplate as a plan gate: interval, count, initialDelay, limits and
 * conditions as written (conditions made numeric, see conditions.ts), measured on the simulated
 * metric its name or query points to. `metric` reads the template with its arguments filled in.
 *
 * Argo's counts: neither count nor interval is one measurement; an interval without a count
 * measures until the metric fails. Run to completion (a step), such a metric never completes, so
 * it is rehearsed to failureLimit + 1 measurements, the least that can fail it, and the caller
 * waits for an operator after it, where Argo would still be measuring.
 *
 * @example
 * // metrics: [{ name: success-rate, interval: 1m, count: 5, successCondition: result[0] >= 0.95, provider: { prometheus: {...} } }]
 * argoMetricGate(metric, 'success-rate', 'run', context, '{}');
 * // { name: 'success-rate', indefinite: false }; context.gates.gates[0] is
 * // { name: 'success-rate', metric: 'errorRate', unit: 'ratio', interval: 60, count: 5, successCondition: 'result <= 0.05', ... }
 */
export function argoMetricGate(metric: Fields, templateName: string, mode: GateMode, context: ManifestContext, argsKey: string): MetricGate | undefined {
  const name = metric.string(['name']);
  if (name === undefined) {
    metric.error(['name'], 'a metric needs a name');
    return undefined;
  }
  const interval = metric.duration(['interval']);
  const writtenCount = metric.integer(['count']);
  const count = writtenCount === 0 ? undefined : writtenCount;
  const indefinite = count === undefined && interval !== undefined;
  const failureLimit = metric.integer(['failureLimit'], -1);
  const key = JSON.stringify([metric.document.index, metric.base, argsKey, indefinite && mode === 'run']);
  const gateName = context.gates.add(key, [name, `${templateName}.${name}`], (gateName, index) => {
    context.trace.link(['analysis', index], metric);
    const provider = metric.map(['provider']);
    const providerType = provider?.keys()[0] ?? 'none';
    const written = { successCondition: metric.string(['successCondition']), failureCondition: metric.string(['failureCondition']) };
    const reading = withUnitFromConditions(chooseMetric(name, JSON.stringify(provider?.peek() ?? '')), [written.successCondition, written.failureCondition]);
    metric.consume(['provider']);
    metric.note(provider ? ['provider', providerType] : ['provider'], `measurements come from the scenario, as ${describeReading(reading)}, chosen from ${reading.from}`, 'manifest.provider');
    const conditions = judgeConditions(written, reading);
    for (const note of conditions.notes) metric.note([note.field ?? writtenField(metric)], note.text, 'manifest.condition');
    const runCount = indefinite && mode === 'run' ? Math.max(0, failureLimit ?? 0) + 1 : count ?? (interval === undefined ? 1 : undefined);
    if (indefinite && mode === 'run') {
      metric.note(['interval'], `no count: Argo Rollouts measures every ${String(metric.peek(['interval']))} until the metric fails and never completes this analysis; rehearsed with ${runCount} measurement${runCount === 1 ? '' : 's'}, then the release waits for an operator where Argo would still be measuring`, 'manifest.indefiniteMetric');
    }
    if (failureLimit !== undefined && failureLimit < 0) metric.note(['failureLimit'], 'failureLimit -1 (only consecutiveSuccessLimit decides) is not modelled; failures count against failureLimit 0', 'manifest.notModelled');
    if (metric.has(['consecutiveSuccessLimit'])) metric.note(['consecutiveSuccessLimit'], 'not modelled: the gate passes on its count, not on successes in a row', 'manifest.notModelled');
    return {
      name: gateName,
      metric: reading.metric,
      unit: reading.unit,
      ...(interval === undefined ? {} : { interval }),
      ...(runCount === undefined ? {} : { count: runCount }),
      ...optional('initialDelay', metric.duration(['initialDelay'])),
      ...optional('successCondition', conditions.successCondition),
      ...optional('failureCondition', conditions.failureCondition),
      ...optional('failureLimit', failureLimit !== undefined && failureLimit >= 0 ? failureLimit : undefined),
      ...optional('inconclusiveLimit', metric.integer(['inconclusiveLimit'])),
      ...optional('consecutiveErrorLimit', metric.integer(['consecutiveErrorLimit'])),
    };
  });
  return { name: gateName, indefinite };
}

/** Where a note about both conditions goes: the one written, else the metric's name. */
function writtenField(metric: Fields): string {
  return metric.has(['successCondition']) ? 'successCondition' : metric.has(['failureCondition']) ? 'failureCondition' : 'name';
}

/** `{ [key]: value }`, or nothing when the value is absent. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
