import { addMeasurement, assessGate, compileGate, EMPTY_TALLY, summarizeGate } from '../domain/analysis/index';
import type { CompiledGate, GateReading, GateStatus, GateTally } from '../domain/analysis/index';
import type { AnalysisPort } from '../domain/ports';
import type { Plan } from '../domain/plan/schema';
import type { AnalysisOutput, AnalysisPhase, Measurement } from '../domain/strategies/effects';

export type GateRunMode = 'run' | 'watch';

interface GateState {
  compiled: CompiledGate;
  tally: GateTally;
  measurements: Measurement[];
  status: GateStatus;
}

export interface GateRunOptions {
  plan: Plan;
  analysis: AnalysisPort;
  gates: readonly string[];
  version: string;
  mode: GateRunMode;
  /** Milliseconds since the run started, for measurement times. */
  now: () => number;
  onMeasurement: (measurement: Measurement) => void;
  onEnd: (output: AnalysisOutput) => void;
  /** `watch`: every gate has a successful measurement, so the background no longer holds the promotion. */
  onMeasured?: () => void;
}

/**
 * Real gates with the simulator's arithmetic (compileGate, addMeasurement, assessGate,
 * summarizeGate): each gate measures every `interval` after `initialDelay + interval`, so the
 * first window never covers traffic from before the step (HAProxy's round-robin needs a moment
 * to settle after a weight change). `run` ends on the first gate that fails or when all succeed;
 * `watch` reports a failure, and once every gate has a successful measurement. A measurement that
 * cannot be taken (provider down, timeout, no data, NaN) is an error, never a pass: the gates
 * judge fail-safe, as in a simulation. Returns a stop function.
 *
 * @example
 * const stop = startRealGates({ plan, analysis, gates: ['error-rate'], version: 'v2', mode: 'run', now, onMeasurement, onEnd });
 */
export function startRealGates(options: GateRunOptions): () => void {
  const timers = new Set<NodeJS.Timeout>();
  let ended = false;
  const stop = (): void => {
    ended = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
  const states: GateState[] = [];
  for (const name of options.gates) {
    const gate = options.plan.analysis.find((candidate) => candidate.name === name);
    const problem = !gate
      ? `unknown gate "${name}": add it under analysis:`
      : options.mode === 'run' && gate.count === undefined
        ? `gate ${name} has no count, so it can only run in the background`
        : undefined;
    const compiled = gate ? compileGate(gate) : undefined;
    const error = problem ?? (compiled && !compiled.ok ? compiled.error : undefined);
    if (error !== undefined || !compiled?.ok) {
      queueMicrotask(() => options.onEnd({ phase: 'error', measurements: [], message: error ?? `gate ${name} cannot run` }));
      return stop;
    }
    states.push({ compiled: compiled.compiled, tally: EMPTY_TALLY, measurements: [], status: 'running' });
  }

  const schedule = (delay: number, fire: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fire();
    }, delay);
    timers.add(timer);
  };
  const summarize = (state: GateState): string => {
    const phase: AnalysisPhase = state.status === 'running' ? 'successful' : state.status;
    return summarizeGate(state.compiled.gate.name, phase, state.tally, state.measurements.at(-1), state.compiled.conditionText, state.compiled.limits);
  };
  let measured = false;
  const finish = (phase: AnalysisPhase): void => {
    const deciding = states.filter((state) => phase === 'successful' || (state.status !== 'running' && state.status !== 'successful'));
    const measurements = states.flatMap((state) => state.measurements).sort((a, b) => a.at - b.at);
    stop();
    options.onEnd({ phase, measurements, message: deciding.map(summarize).join('; ') });
  };
  const measure = async (state: GateState): Promise<void> => {
    const reading = await measureSafely(options, state.compiled);
    if (ended) return;
    const measurement = state.compiled.judge(reading, options.now());
    state.measurements.push(measurement);
    state.tally = addMeasurement(state.tally, measurement.phase);
    options.onMeasurement(measurement);
    state.status = assessGate(state.tally, state.compiled.limits, 'failSafe');
    if (!measured && options.mode === 'watch' && states.every((other) => other.tally.successful > 0)) {
      measured = true;
      options.onMeasured?.();
    }
    if (state.status === 'running') return schedule(state.compiled.gate.interval, () => void measure(state));
    if (state.status !== 'successful') return finish(state.status);
    if (states.every((other) => other.status === 'successful')) finish('successful');
  };

  for (const state of states) schedule((state.compiled.gate.initialDelay ?? 0) + state.compiled.gate.interval, () => void measure(state));
  if (states.length === 0 && options.mode === 'run') queueMicrotask(() => finish('successful'));
  return stop;
}

/** A provider that throws or rejects is a measurement error too, never an unhandled rejection. */
async function measureSafely(options: GateRunOptions, compiled: CompiledGate): Promise<GateReading> {
  try {
    const reading = await options.analysis.measure(compiled.gate, options.version);
    return reading.ok ? reading : { ok: false, error: reading.error };
  } catch (error) {
    return { ok: false, error: `measuring ${compiled.gate.name} failed: ${(error as Error).message}` };
  }
}
