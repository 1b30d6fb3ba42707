/**
 * Which of the simulator's metrics stands for a metric a manifest queries from a provider. The
 * simulation has no Prometheus or Datadog: a gate measures the scenario's error rate or latency,
 * chosen from what the metric is called and what it asks.
 */

export interface MetricReading {
  metric: 'errorRate' | 'latencyP99';
  unit: 'ratio' | 'percent' | 'ms' | 's';
  /** The metric is a success rate: the simulation measures 1 − errorRate (or 100 − it, in percent). */
  success: boolean;
  /** What the choice was made from, for the note. */
  from: string;
}

const SUCCESS = /success|availability|apdex/;
const ERRORS = /error|5xx|5\.\.|5\.\*|fail|exception|not[-_ ]?found|4xx|404|restart|crash/;
const LATENCY = /latency|duration|response[-_ ]?time|p9[059]|percentile|quantile|_bucket/;
const PERCENT_NAME = /percent|pct/;
const TIMES_100 = /\*\s*100(?![\d.])|(?<![\d.])100\s*\*/;

/**
 * The simulated metric of a gate, from the metric's name first, then its query: a success rate
 * is judged on the error rate turned around, errors and 5xx on errorRate, latency and durations
 * on latencyP99, anything else on errorRate. Percent when the name says so or the query
 * multiplies by 100; seconds when the latency query reads a `_seconds` series (or divides
 * milliseconds by 1000).
 *
 * @example
 * chooseMetric('success-rate', 'sum(rate(http_requests_total{code!~"5.*"}[5m])) / sum(rate(http_requests_total[5m]))');
 * // { metric: 'errorRate', unit: 'ratio', success: true, from: 'its name "success-rate"' }
 * chooseMetric('p99', 'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket[1m])) by (le))');
 * // { metric: 'latencyP99', unit: 's', success: false, from: 'its name "p99"' }
 * chooseMetric('cpu', 'avg(container_cpu_usage_seconds_total)'); // errorRate, ratio, from 'neither its name nor its query'
 */
export function chooseMetric(name: string, query: string | undefined): MetricReading {
  const lowerName = name.toLowerCase();
  const lowerQuery = (query ?? '').toLowerCase();
  for (const [text, from] of [
    [lowerName, `its name "${name}"`],
    [lowerQuery, 'its query'],
  ] as const) {
    if (SUCCESS.test(text)) return { metric: 'errorRate', unit: errorUnit(lowerName, lowerQuery), success: true, from };
    if (ERRORS.test(text)) return { metric: 'errorRate', unit: errorUnit(lowerName, lowerQuery), success: false, from };
    if (LATENCY.test(text)) return { metric: 'latencyP99', unit: latencyUnit(`${lowerName} ${lowerQuery}`), success: false, from };
  }
  return { metric: 'errorRate', unit: errorUnit(lowerName, lowerQuery), success: false, from: 'neither its name nor its query' };
}

/** A `_seconds` series is in seconds unless multiplied by 1000; a `_milliseconds` one in ms unless divided by it. */
function latencyUnit(text: string): 'ms' | 's' {
  if (text.includes('milliseconds')) return /\/\s*1000(?![\d.])/.test(text) ? 's' : 'ms';
  if (text.includes('seconds')) return /\*\s*1000(?![\d.])/.test(text) ? 'ms' : 's';
  return 'ms';
}

function errorUnit(name: string, query: string): 'ratio' | 'percent' {
  return PERCENT_NAME.test(name) || TIMES_100.test(query) ? 'percent' : 'ratio';
}

/**
 * A rate in ratio is at most 1: a condition that compares a success or error rate with 90 counts
 * in percent, whatever the name and query said.
 *
 * @example
 * withUnitFromConditions(chooseMetric('success-rate', undefined), ['results[0] >= 90.000000']).unit; // 'percent'
 * withUnitFromConditions(chooseMetric('success-rate', undefined), ['result[0] >= 0.95']).unit;        // 'ratio'
 */
export function withUnitFromConditions(reading: MetricReading, conditions: readonly (string | undefined)[]): MetricReading {
  if (reading.metric !== 'errorRate' || reading.unit !== 'ratio') return reading;
  const thresholds = conditions.flatMap((condition) => (condition ?? '').replace(/\[\s*\d+\s*\]/g, '').match(/(?<![\w.])\d+(?:\.\d+)?/g) ?? []).map(Number);
  const above = thresholds.find((threshold) => threshold > 1);
  return above === undefined ? reading : { ...reading, unit: 'percent', from: `${reading.from}; percent, as its threshold ${above} is above 1` };
}

/** `errorRate (ratio)`, `1 − errorRate (ratio)`, `latencyP99 (s)`: what a note says a gate measures. */
export function describeReading(reading: MetricReading): string {
  const full = reading.unit === 'percent' ? '100' : '1';
  return `${reading.success ? `${full} − ` : ''}${reading.metric} (${reading.unit})`;
}
