import { judgeConditions, thresholdRangeCondition } from './conditions';
import type { ManifestContext } from './context';
import type { Fields } from './fields';
import { chooseMetric, describeReading, withUnitFromConditions } from './metricChoice';
import type { MetricReading } from './metricChoice';

/** Flagger's built-in metrics: the success rate in percent and the request duration in ms (its P99). */
const BUILT_IN: Readonly<Record<string, MetricReading>> = {
  'request-success-rate': { metric: 'errorRate', unit: 'percent', success: true, from: "Flagger's built-in request-success-rate" },
  'request-duration': { metric: 'latencyP99', unit: 'ms', success: false, from: "Flagger's built-in request-duration" },
};

/** Flagger's MetricInterval: the query window of a metric that sets no interval of its own. */
const FLAGGER_METRIC_INTERVAL_SECONDS = 60;

/**
 * The gates of a Canary's `analysis.metrics`: each metric is measured once per check (count 1),
 * over its own `interval` ending at the check (Flagger's query window, "1m" when unset, as
 * scheduler_metrics.go defaults it), and fails the check outside its thresholdRange; a metric from a `MetricTemplate` (templateRef)
 * is measured on the simulated metric its name or query points to. A templateRef to a template
 * that is not in the file is an error: Flagger could not run the check.
 *
 * @example
 * // metrics: [{ name: request-success-rate, thresholdRange: { min: 99 }, interval: 1m }]
 * flaggerMetricGates(analysis, context);
 * // ['request-success-rate']; the gate judges errorRate in percent: successCondition 'result <= 1'
 */
export function flaggerMetricGates(analysis: Fields, context: ManifestContext): string[] {
  const names: string[] = [];
  for (const metric of analysis.has(['metrics']) ? analysis.list(['metrics']) : []) {
    const name = metric.string(['name']);
    if (name === undefined) {
      metric.error([], 'a metric needs a name');
      continue;
    }
    const measured = readingOf(metric, name, context);
    if (!measured) continue;
    const range = writtenRange(metric, measured.reading);
    const reading = withUnitFromConditions(measured.reading, [range]);
    measured.note(reading);
    const gate = context.gates.add(JSON.stringify([metric.document.index, metric.base]), [name], (gateName, index) => {
      context.trace.link(['analysis', index], metric);
      const conditions = judgeConditions({ successCondition: range }, reading);
      for (const note of conditions.notes) metric.note([metric.has(['thresholdRange']) ? 'thresholdRange' : 'threshold'], note.text, 'manifest.condition');
      return {
        name: gateName,
        metric: reading.metric,
        unit: reading.unit,
        interval: metric.duration(['interval']) ?? FLAGGER_METRIC_INTERVAL_SECONDS,
        count: 1,
        ...(conditions.successCondition === undefined ? {} : { successCondition: conditions.successCondition }),
        ...(conditions.failureCondition === undefined ? {} : { failureCondition: conditions.failureCondition }),
      };
    });
    if (!names.includes(gate)) names.push(gate);
  }
  return names;
}

interface Measured {
  reading: MetricReading;
  /** Says where the measurements come from, once the unit is settled. */
  note: (reading: MetricReading) => void;
}

/** What a metric measures: a built-in one, its MetricTemplate's query, or its own inline query. */
function readingOf(metric: Fields, name: string, context: ManifestContext): Measured | undefined {
  const said = (reading: MetricReading) => `measurements come from the scenario, as ${describeReading(reading)}, chosen from ${reading.from}`;
  const ref = metric.map(['templateRef']);
  if (!ref) {
    const query = metric.string(['query']);
    const reading = query === undefined ? (BUILT_IN[name] ?? chooseMetric(name, undefined)) : chooseMetric(name, query);
    return { reading, note: (final) => metric.note([query === undefined ? 'name' : 'query'], said(final), 'manifest.provider') };
  }
  const templateName = ref.string(['name']);
  const namespace = ref.string(['namespace']) ?? metric.document.namespace;
  metric.consume(['templateVariables']);
  const document = templateName === undefined ? undefined : context.find(['MetricTemplate'], templateName, namespace);
  if (!document) {
    ref.error(['name'], `no MetricTemplate "${templateName ?? ''}" in this file, so Flagger could not check this metric; rehearse this file together with the template`, 'manifest.missingTemplate');
    return undefined;
  }
  const spec = context.fields(document).at(['spec']);
  const provider = spec.peek(['provider', 'type']);
  return {
    reading: chooseMetric(name, spec.string(['query'])),
    note: (final) => spec.note(['provider'], `provider ${typeof provider === 'string' ? provider : 'prometheus'}: ${said(final)}`, 'manifest.provider'),
  };
}

/** thresholdRange, or the deprecated threshold: a minimum for a success rate, a maximum otherwise. */
function writtenRange(metric: Fields, reading: MetricReading): string | undefined {
  const range = thresholdRangeCondition(metric.number(['thresholdRange', 'min']), metric.number(['thresholdRange', 'max']));
  if (range !== undefined) return range;
  const threshold = metric.number(['threshold']);
  if (threshold === undefined) return undefined;
  const side = reading.success ? 'min' : 'max';
  metric.note(['threshold'], `threshold (deprecated) is read as thresholdRange ${side} ${threshold}`, 'manifest.threshold');
  return reading.success ? `result >= ${threshold}` : `result <= ${threshold}`;
}
