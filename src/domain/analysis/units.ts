import type { AnalysisGate } from '../plan/schema';

export type MetricUnit = NonNullable<AnalysisGate['unit']>;
type Metric = AnalysisGate['metric'];

/** The units a gate on each built-in metric may judge in; the first is the default, and what the simulator's model speaks. */
export const UNITS_OF_METRIC: Record<Metric, readonly MetricUnit[]> = {
  errorRate: ['ratio', 'percent'],
  latencyP50: ['ms', 's'],
  latencyP99: ['ms', 's'],
  requestRate: ['rps'],
};

const PER_MODEL_UNIT: Record<MetricUnit, number> = { ratio: 1, percent: 100, ms: 1, s: 0.001, rps: 1 };

/**
 * The unit a gate judges in: the one it declares, else its metric's default.
 *
 * @example
 * unitOf({ metric: 'latencyP99' });            // 'ms'
 * unitOf({ metric: 'latencyP99', unit: 's' }); // 's'
 */
export function unitOf(gate: Pick<AnalysisGate, 'metric' | 'unit'>): MetricUnit {
  return gate.unit ?? UNITS_OF_METRIC[gate.metric][0] ?? 'ratio';
}

/**
 * A value of the simulator's model (errors as a ratio, latency in ms, rates in rps) in the gate's
 * unit, so a gate written for a query that returns seconds judges seconds in a simulation too.
 *
 * @example
 * toGateUnit(62, { metric: 'latencyP99', unit: 's' }); // 0.062
 */
export function toGateUnit(modelValue: number, gate: Pick<AnalysisGate, 'metric' | 'unit'>): number {
  return modelValue * PER_MODEL_UNIT[unitOf(gate)];
}

/**
 * A value in the gate's unit as the model speaks it: for charts drawn in ms and ratios.
 *
 * @example
 * toModelUnit(0.5, { metric: 'latencyP99', unit: 's' }); // 500
 */
export function toModelUnit(gateValue: number, gate: Pick<AnalysisGate, 'metric' | 'unit'>): number {
  return gateValue / PER_MODEL_UNIT[unitOf(gate)];
}

/** Bounds beyond which a threshold is almost surely written in another unit, with the unit it looks like. */
const PLAUSIBLE: Record<MetricUnit, { min?: number; max?: number; looksLike: string } | undefined> = {
  ratio: { max: 1, looksLike: 'percent (declare unit: percent, or write it as a fraction)' },
  percent: { max: 100, looksLike: 'something other than a percentage' },
  ms: { min: 1, looksLike: 'seconds (declare unit: s, or write it in milliseconds)' },
  s: { max: 60, looksLike: 'milliseconds (declare unit: ms, or write it in seconds)' },
  rps: undefined,
};

/**
 * Why a threshold is implausible for the gate's unit, or undefined when it is plausible: a latency
 * bound of 400 on a gate that judges seconds, or 0.5 on one that judges milliseconds.
 *
 * @example
 * implausibleThreshold(400, { metric: 'latencyP99', unit: 's' });
 * // "400 s is not a plausible latency bound; it looks like milliseconds (declare unit: ms, or write it in seconds)"
 */
export function implausibleThreshold(value: number, gate: Pick<AnalysisGate, 'metric' | 'unit'>): string | undefined {
  const unit = unitOf(gate);
  const bounds = PLAUSIBLE[unit];
  if (!bounds || value === 0) return undefined;
  const outside = (bounds.max !== undefined && Math.abs(value) > bounds.max) || (bounds.min !== undefined && Math.abs(value) < bounds.min);
  if (!outside) return undefined;
  const what = gate.metric === 'errorRate' ? 'error-rate' : 'latency';
  return `${value} ${unit === 'ratio' ? '(as a ratio)' : unit} is not a plausible ${what} bound; it looks like ${bounds.looksLike}`;
}

/**
 * A value with its unit, for timelines and panels.
 *
 * @example
 * withUnit('0.062', 's');   // "0.062 s"
 * withUnit('0.01', 'ratio'); // "0.01"
 */
export function withUnit(value: string, unit: MetricUnit): string {
  if (unit === 'ratio') return value;
  if (unit === 'percent') return `${value}%`;
  return `${value} ${unit}`;
}
