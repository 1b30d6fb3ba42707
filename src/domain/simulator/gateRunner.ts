import { analysisOutput, checkGateProgress, everyGateMeasured, gateProgress, analysisEndAfter, measurementLine, recordMeasurement, summarizeProgress, type GateProgress } from '../analysis/gateSet';
import { passedWithoutData, stoppedGatePhase, type GateJudge } from '../analysis/gateTally';
import type { CompiledGate } from '../analysis/compileGate';
import { toGateUnit, unitOf } from '../analysis/units';
import { summarizeGate } from '../analysis/summary';
import type { AnalysisCheck, AnalysisOutput, AnalysisPhase, Measurement, Role } from '../strategies/effects';
import type { ScheduledEvent } from './eventQueue';
import { addNoise, readMetric, type RoleCounters } from './metrics';
import type { Random } from './random';
import type { World } from './world';

/**
 * `run`: every gate takes its `count` measurements, and the run ends with one phase as soon as a
 * gate fails (Argo stops the other metrics too). `watch`: gates measure until stopped and the run
 * only ends when one fails; watch events are background events.
 */
export type GateRunMode = 'run' | 'watch';

interface GateState extends GateProgress {
  windowStart: RoleCounters;
  windowStartAt: number;
}

/**
 * Start measuring gates against the role's simulated metrics. Each measurement covers the window
 * since the previous one (the first one: since `initialDelay`), so it is taken one full interval
 * after the gate starts and never reads traffic from before the analysis began. `check`: the run is
 * one check of a Flagger-style loop, Flagger's tick: every gate is measured once, at once, over its
 * interval ending now (the wait was the loop's interval), and a gate that fails it says where the
 * loop stands.
 *
 * @example
 * const stop = startGateRun(world, [errorRateGate], 'candidate', 'run', random, (output) => send(output));
 * // 3 measurements 60 s apart, then `output.phase` is 'successful'; call stop() to cancel early
 */
export function startGateRun(
  world: World,
  gates: readonly CompiledGate[],
  role: Role,
  mode: GateRunMode,
  random: Random,
  onEnd: (output: AnalysisOutput) => void,
  onMeasured: () => void = () => undefined,
  check?: AnalysisCheck,
): () => void {
  const background = mode === 'watch';
  const judge = judgeOf(world);
  let measured = false;
  const scheduled = new Set<ScheduledEvent>();
  let ended = false;
  const states: GateState[] = gates.map((compiled) => (check ? checkProgress(world, compiled, role) : { ...gateProgress(compiled), windowStart: world.metrics.mark(role), windowStartAt: world.now }));

  const schedule = (delay: number, fire: () => void): void => {
    const event = world.clock.after(delay, () => {
      scheduled.delete(event);
      fire();
    }, background);
    scheduled.add(event);
  };
  const stop = (): void => {
    ended = true;
    for (const event of scheduled) world.queue.cancel(event);
    scheduled.clear();
  };
  const finish = (phase: AnalysisPhase): void => {
    stop();
    onEnd(analysisOutput(states, phase, check));
  };
  const measure = (state: GateState): void => {
    if (ended) return;
    const measurement = takeMeasurement(world, state, role, random);
    recordMeasurement(state, measurement, judge);
    state.windowStart = world.metrics.mark(role);
    state.windowStartAt = world.now;
    if (world.journaling) logMeasurement(world, state, role, measurement);
    if (!measured && judge === 'failSafe' && everyGateMeasured(states)) {
      measured = true;
      onMeasured();
    }
    if (state.status === 'running') {
      schedule(state.compiled.gate.interval, () => measure(state));
      return;
    }
    world.log('gate.result', summarizeProgress(state, check), { gate: state.compiled.gate.name, role, phase: state.status });
    if (state.status === 'successful' && passedWithoutData(state.tally)) warnPassedWithoutData(world, state, role, 'its count was reached');
    const end = analysisEndAfter(states, state.status);
    if (end) finish(end);
  };

  for (const state of states) {
    if (check) {
      schedule(0, () => measure(state));
      continue;
    }
    const { initialDelay, interval } = state.compiled.gate;
    if (initialDelay) {
      schedule(initialDelay, () => {
        state.windowStart = world.metrics.mark(role);
        state.windowStartAt = world.now;
      });
    }
    schedule((initialDelay ?? 0) + interval, () => measure(state));
  }
  if (states.length === 0 && mode === 'run') schedule(0, () => finish('successful'));
  // Argo Rollouts passes a terminated background analysis whatever it measured, so under that
  // engine the machine hears at once that nothing will hold the promotion.
  if (background && judge === 'argoRollouts') schedule(0, onMeasured);
  return () => {
    if (!ended && background) concludeStopped(world, states, role, judge);
    stop();
  };
}

/**
 * A gate as one check of a Flagger-style loop reads it: once, at once, over the metric's interval
 * ending now (Flagger's range query, scheduler_metrics.go); the first gate that does not pass
 * fails the check.
 */
function checkProgress(world: World, compiled: CompiledGate, role: Role): GateState {
  const { interval } = compiled.gate;
  return { ...checkGateProgress(compiled), windowStart: world.countersBefore(role, interval), windowStartAt: Math.max(0, world.now - interval) };
}

function judgeOf(world: World): GateJudge {
  return world.options.plan.engine === 'argo-rollouts' ? 'argoRollouts' : 'failSafe';
}

/** A background gate stopped while running: say how each one ended, and flag what passed without data. */
function concludeStopped(world: World, states: readonly GateState[], role: Role, judge: GateJudge): void {
  for (const state of states) {
    if (state.status !== 'running') continue;
    const phase = stoppedGatePhase(state.tally, judge);
    if (world.journaling) world.log('gate.result', summarizeGate(state.compiled.gate.name, phase, state.tally, state.measurements.at(-1), state.compiled.conditionText, state.compiled.limits), { gate: state.compiled.gate.name, role, phase });
    if (phase === 'successful' && passedWithoutData(state.tally)) warnPassedWithoutData(world, state, role, 'the analysis was stopped');
  }
}

/** What Argo Rollouts passes without a single successful measurement: a finding, shown on the timeline. */
function warnPassedWithoutData(world: World, state: GateState, role: Role, why: string): void {
  const name = state.compiled.gate.name;
  world.log('gate.warning', `${name} passed without a successful measurement (${why}): Argo Rollouts calls this Successful; Switchyard's own runs would pause here`, { gate: name, role, phase: 'successful' });
}

function logMeasurement(world: World, state: GateState, role: Role, measurement: Measurement): void {
  world.log('gate.measure', measurementLine(state, measurement), {
    gate: state.compiled.gate.name,
    role,
    value: measurement.value,
    phase: measurement.phase,
  });
}

function takeMeasurement(world: World, state: GateState, role: Role, random: Random): Measurement {
  const gate = state.compiled.gate;
  if (world.faults.active('metricsOutage')) return state.compiled.judge({ ok: false, error: 'metrics unavailable (metricsOutage)' }, world.now);
  const reading = readMetric(gate.metric, state.windowStart, world.metrics.roles[role], world.now - state.windowStartAt);
  if (!reading.ok) return state.compiled.judge({ ok: false, error: reading.message }, world.now);
  const noisy = addNoise(toGateUnit(reading.value, gate), world.options.scenario.traffic.noise, random);
  // Noise never takes a share past all of it: a backend reports at most 100 % of requests failing.
  return state.compiled.judge({ ok: true, value: Math.min(noisy, shareCeiling(gate)) }, world.now);
}

/** The most a gate's reading can be: all requests for an error rate (1 as a ratio, 100 in percent), else unbounded. */
function shareCeiling(gate: GateState['compiled']['gate']): number {
  if (gate.metric !== 'errorRate') return Number.POSITIVE_INFINITY;
  return unitOf(gate) === 'percent' ? 100 : 1;
}
