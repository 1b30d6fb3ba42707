import type { AnalysisGate } from '../plan/schema';
import type { Measurement } from '../strategies/effects';
import { parseCondition } from './condition';
import { inconclusiveReason } from './conditionWords';
import { classifyMeasurement, type ConditionEvaluator, type ValuePhase } from './measurementPhase';
import type { GateLimits } from './gateTally';
import { formatValue } from './summary';

/** What a provider or the simulated metrics gave for one measurement: a value, or why there is none. */
export type GateReading = { ok: true; value: number } | { ok: false; error: string };

/** A gate whose conditions are parsed once and ready to judge values. */
export interface CompiledGate {
  gate: AnalysisGate;
  limits: GateLimits;
  classify(value: number): ValuePhase;
  /**
   * One measurement from a reading. A reading without a usable value (an error, NaN, ±Infinity)
   * is an `error` measurement, never a success or a failure.
   */
  judge(reading: GateReading, at: number): Measurement;
  /** The condition to quote in a summary: the failure condition, else the success condition. */
  conditionText: string | undefined;
}

export type GateCompilation = { ok: true; compiled: CompiledGate } | { ok: false; error: string };

/**
 * Parse a gate's conditions. A condition that does not parse is an error a user can meet, so it
 * comes back as a value naming the gate, the field and the column.
 *
 * @example
 * const result = compileGate({ name: 'error-rate', metric: 'errorRate', interval: 60_000, count: 3,
 *   failureCondition: 'result >= 0.05', failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 4 });
 * if (result.ok) result.compiled.classify(0.08); // 'failed'
 * if (result.ok) result.compiled.judge({ ok: true, value: Number.NaN }, 60_000).phase; // 'error'
 */
export function compileGate(gate: AnalysisGate): GateCompilation {
  const success = compileCondition(gate.name, 'successCondition', gate.successCondition);
  if (!success.ok) return success;
  const failure = compileCondition(gate.name, 'failureCondition', gate.failureCondition);
  if (!failure.ok) return failure;
  const limits: GateLimits = {
    failureLimit: gate.failureLimit,
    inconclusiveLimit: gate.inconclusiveLimit,
    consecutiveErrorLimit: gate.consecutiveErrorLimit,
    count: gate.count,
  };
  const conditionText = gate.failureCondition !== undefined ? `failure when ${gate.failureCondition}` : gate.successCondition !== undefined ? `success when ${gate.successCondition}` : undefined;
  const classify = (value: number): ValuePhase => classifyMeasurement(value, success.evaluator, failure.evaluator);
  const judge = (reading: GateReading, at: number): Measurement => {
    const base = { gate: gate.name, at };
    if (!reading.ok) return { ...base, value: null, phase: 'error', message: reading.error };
    if (!Number.isFinite(reading.value)) return { ...base, value: null, phase: 'error', message: `the metric returned ${String(reading.value)}, not a number` };
    const phase = classify(reading.value);
    if (phase !== 'inconclusive' || gate.successCondition === undefined || gate.failureCondition === undefined) return { ...base, value: reading.value, phase };
    return { ...base, value: reading.value, phase, message: inconclusiveReason(formatValue(reading.value), gate.successCondition, gate.failureCondition) };
  };
  return { ok: true, compiled: { gate, limits, conditionText, classify, judge } };
}

type ConditionCompilation = { ok: true; evaluator: ConditionEvaluator | undefined } | { ok: false; error: string };

function compileCondition(gateName: string, field: string, source: string | undefined): ConditionCompilation {
  if (source === undefined) return { ok: true, evaluator: undefined };
  const parsed = parseCondition(source);
  if (!parsed.ok) return { ok: false, error: `gate ${gateName}: ${field} "${source}": ${parsed.error} (column ${parsed.column})` };
  return { ok: true, evaluator: parsed };
}
