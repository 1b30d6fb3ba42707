import { analysisOutput, checkGateProgress, compileGate, everyGateMeasured, gateProgress, analysisEndAfter, measurementAllowance, recordMeasurement, summarizeProgress } from '../domain/analysis/index';
import type { CompiledGate, GateProgress, GateReading } from '../domain/analysis/index';
import type { AnalysisPort } from '../domain/ports';
import type { Plan } from '../domain/plan/schema';
import type { AnalysisCheck, AnalysisOutput, AnalysisPhase, Measurement } from '../domain/strategies/effects';

export type GateRunMode = 'run' | 'watch';

export interface GateRunOptions {
  plan: Plan;
  analysis: AnalysisPort;
  gates: readonly string[];
  version: string;
  mode: GateRunMode;
  /** One check of a Flagger-style loop: a gate that fails it says where the loop stands, as in a simulation. */
  check?: AnalysisCheck | undefined;
  /** Milliseconds since the run started, for measurement times. */
  now: () => number;
  /** Each measurement, and when it did not succeed but the gate measures again, the limit that allowed it (as a simulation words it). */
  onMeasurement: (measurement: Measurement, allowed?: string) => void;
  onEnd: (output: AnalysisOutput) => void;
  /** A gate reached its verdict, worded as a simulation words it. */
  onGateResult?: (gate: string, phase: AnalysisPhase, message: string) => void;
  /** `watch`: every gate has a successful measurement, so the background no longer holds the promotion. */
  onMeasured?: () => void;
}

/**
 * Real gates with the simulator's arithmetic (compileGate and the gate set in
 * src/domain/analysis/gateSet.ts): each gate measures every `interval` after
 * `initialDelay + interval`, so the first window never covers traffic from before the step (HAProxy's round-robin needs a moment
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
  const states: GateProgress[] = [];
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
    states.push(options.check ? checkGateProgress(compiled.compiled) : gateProgress(compiled.compiled));
  }

  const schedule = (delay: number, fire: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fire();
    }, delay);
    timers.add(timer);
  };
  let measured = false;
  const finish = (phase: AnalysisPhase): void => {
    stop();
    options.onEnd(analysisOutput(states, phase, options.check));
  };
  const measure = async (state: GateProgress): Promise<void> => {
    const reading = await measureSafely(options, state.compiled);
    if (ended) return;
    const measurement = state.compiled.judge(reading, options.now());
    recordMeasurement(state, measurement, 'failSafe');
    options.onMeasurement(measurement, measurementAllowance(state, measurement));
    if (!measured && options.mode === 'watch' && everyGateMeasured(states)) {
      measured = true;
      options.onMeasured?.();
    }
    if (state.status === 'running') return schedule(state.compiled.gate.interval, () => void measure(state));
    options.onGateResult?.(state.compiled.gate.name, state.status, summarizeProgress(state, options.check));
    const end = analysisEndAfter(states, state.status);
    if (end) finish(end);
  };

  // A check of a Flagger-style loop is measured at once: the machine waited its interval, and the
  // provider's query covers the interval just past, as Flagger's does.
  for (const state of states) schedule(options.check ? 0 : (state.compiled.gate.initialDelay ?? 0) + state.compiled.gate.interval, () => void measure(state));
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
