import type { AnalysisCheck, AnalysisOutput, AnalysisPhase, Measurement } from '../strategies/effects';
import type { CompiledGate } from './compileGate';
import { addMeasurement, assessGate, EMPTY_TALLY, type GateJudge, type GateLimits, type GateStatus, type GateTally } from './gateTally';
import { checkWords, formatValue, summarizeGate, toleratedWords } from './summary';

/**
 * The gates of one analysis as they measure: the bookkeeping the simulator's and the runner's
 * gate runners share, so both judge, end and summarize an analysis the same way. They differ
 * only in how they wait and where a reading comes from.
 */

/** One gate of a running analysis. */
export interface GateProgress {
  compiled: CompiledGate;
  tally: GateTally;
  measurements: Measurement[];
  status: GateStatus;
}

export function gateProgress(compiled: CompiledGate): GateProgress {
  return { compiled, tally: EMPTY_TALLY, measurements: [], status: 'running' };
}

/** A Flagger check has no count or limits of its own: one measurement of each gate decides it. */
const CHECK_LIMITS: GateLimits = { count: 1, failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 0 };

/**
 * A gate as one check of a Flagger-style loop runs it: Flagger's scheduler queries each metric
 * once per tick (pkg/controller/scheduler_metrics.go), and that one reading passes or fails the
 * check, whatever the gate's count and limits say for an analysis step.
 *
 * @example
 * const state = checkGateProgress(compiled);
 * recordMeasurement(state, failedMeasurement, 'failSafe');
 * state.status; // 'failed', even with failureLimit 1
 */
export function checkGateProgress(compiled: CompiledGate): GateProgress {
  return gateProgress({ ...compiled, limits: CHECK_LIMITS });
}

/** Adds a measurement to its gate and reassesses it. */
export function recordMeasurement(state: GateProgress, measurement: Measurement, judge: GateJudge): void {
  state.measurements.push(measurement);
  state.tally = addMeasurement(state.tally, measurement.phase);
  state.status = assessGate(state.tally, state.compiled.limits, judge);
}

/** Every gate has a successful measurement: a background analysis no longer holds the promotion. */
export function everyGateMeasured(states: readonly GateProgress[]): boolean {
  return states.every((state) => state.tally.successful > 0);
}

/**
 * How the analysis ends once one of its gates has ended with `phase`: the first gate that does
 * not succeed ends it (as Argo stops the other metrics), the last success ends it successful;
 * undefined while other gates still measure.
 *
 * @example
 * analysisEndAfter(states, 'failed'); // 'failed'
 */
export function analysisEndAfter(states: readonly GateProgress[], phase: AnalysisPhase): AnalysisPhase | undefined {
  if (phase !== 'successful') return phase;
  return states.every((other) => other.status === 'successful') ? 'successful' : undefined;
}

/**
 * One gate's line, as its phase (a gate still running reads as successful so far). A gate that
 * fails one check of a Flagger-style loop also says where the loop stands, so a timeline that
 * carries on after it says why.
 *
 * @example
 * summarizeProgress(state, { failedChecks: 0, threshold: 2, intervalMs: 60_000 });
 * // "error-rate: 1 of 1 measurements failed (last 0.11, failure when result >= 0.05); 1 of 2 failed checks (threshold 2): next check after 1m"
 */
export function summarizeProgress(state: GateProgress, check?: AnalysisCheck): string {
  const phase: AnalysisPhase = state.status === 'running' ? 'successful' : state.status;
  const line = summarizeGate(state.compiled.gate.name, phase, state.tally, state.measurements.at(-1), state.compiled.conditionText, state.compiled.limits);
  return check && (phase === 'failed' || phase === 'error') ? `${line}; ${checkWords(check)}` : line;
}

/**
 * A measurement as a timeline shows it, and why the gate measures again when it did not succeed.
 *
 * @example
 * measurementLine(state, measurement); // "error-rate 0.1775 ✗ · 1 of 1 failed measurements allowed (failureLimit 1)"
 */
export function measurementLine(state: GateProgress, measurement: Measurement): string {
  const shown = measurement.value === null || (measurement.phase === 'inconclusive' && measurement.message) ? (measurement.message ?? 'no value') : formatValue(measurement.value);
  const line = `${state.compiled.gate.name} ${shown} ${MEASUREMENT_SYMBOL[measurement.phase]}`;
  const tolerated = measurementAllowance(state, measurement);
  return tolerated ? `${line} · ${tolerated}` : line;
}

/**
 * Why a gate measures again after a measurement that did not succeed: the limit that allowed it,
 * once the measurement is recorded; undefined when it succeeded or the gate has decided.
 *
 * @example
 * measurementAllowance(state, failed); // "1 of 1 failed measurements allowed (failureLimit 1)"
 */
export function measurementAllowance(state: GateProgress, measurement: Measurement): string | undefined {
  return state.status === 'running' ? toleratedWords(state.tally, state.compiled.limits, measurement.phase) : undefined;
}

const MEASUREMENT_SYMBOL: Record<Measurement['phase'], string> = { successful: '✓', failed: '✗', inconclusive: '?', error: '!' };

/** The analysis's output when it ends with `phase`: the deciding gates' lines and every measurement in time order. */
export function analysisOutput(states: readonly GateProgress[], phase: AnalysisPhase, check?: AnalysisCheck): AnalysisOutput {
  const deciding = states.filter((state) => phase === 'successful' || (state.status !== 'running' && state.status !== 'successful'));
  const measurements = states.flatMap((state) => state.measurements).sort((a, b) => a.at - b.at);
  return { phase, measurements, message: deciding.map((state) => summarizeProgress(state, check)).join('; ') };
}
