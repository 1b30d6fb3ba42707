import { frameAt, phaseOf } from './replay';
import type { Replay, ReplayEvent, ReplayFrame } from './replay';
import type { EventLevel, GateView, MeasurementView, MetricChartView, MetricName, RoleName, StepStatus, StepView, TrackView } from './view';
import { ROLES } from './view';

const FAILURE_PHASES = new Set(['rollingBack', 'rolledBack', 'failed', 'aborting', 'aborted']);
const DONE_PHASES = new Set(['promoting', 'promoted']);

/** A chart of 24 h at 5 s intervals would carry 17,280 points per series per tick; a few hundred draw the same line. */
const MAX_POINTS = 400;

/**
 * The plan's steps with their status at t. Pause time left is counted from the first frame of the
 * current step, so scrubbing shows the same countdown as playing.
 */
export function trackAt(replay: Replay, frame: ReplayFrame | undefined, t: number): TrackView {
  const phase = frame ? phaseOf(frame.state) : '';
  const current = frame?.stepIndex ?? 0;
  const started = frame ? stepStart(replay, current, t) : t;
  const steps: StepView[] = replay.steps.map((step, index) => {
    const status = stepStatus(phase, index, current);
    const remainingMs = status === 'current' && step.durationMs !== null ? Math.max(0, step.durationMs - (t - started)) : null;
    return { index, label: step.label, kind: step.kind, status, durationMs: step.durationMs, remainingMs };
  });
  const estimatedDurationMs = replay.steps.reduce((sum, step) => sum + (step.durationMs ?? 0), 0);
  return { steps, phase, estimatedDurationMs };
}

function stepStatus(phase: string, index: number, current: number): StepStatus {
  if (DONE_PHASES.has(phase)) return 'done';
  if (phase === 'provisioning' || phase === 'stoppingStable' || phase === '') return 'pending';
  if (index < current) return 'done';
  if (index > current) return 'pending';
  return FAILURE_PHASES.has(phase) ? 'failed' : 'current';
}

function stepStart(replay: Replay, stepIndex: number, t: number): number {
  let start = t;
  for (let index = replay.frames.length - 1; index >= 0; index -= 1) {
    const frame = replay.frames[index];
    if (!frame || frame.t > t) continue;
    if (frame.stepIndex !== stepIndex || phaseOf(frame.state) !== 'progressing') break;
    start = frame.t;
  }
  return start;
}

/** Each gate's measurements and result so far; a later measurement means the gate is running again. */
export function gatesAt(replay: Replay, t: number): GateView[] {
  return replay.gates.map((gate) => {
    const measurements: MeasurementView[] = [];
    let result: ReplayEvent | undefined;
    let firedAt: number | null = null;
    for (const event of replay.events) {
      if (event.t > t) break;
      if (event.gate !== gate.name || event.phase === undefined) continue;
      if (event.kind === 'gate.measure') measurements.push({ t: event.t, value: event.value ?? null, phase: event.phase });
      if (event.kind === 'gate.result') {
        result = event;
        if (event.phase === 'failed' || event.phase === 'error') firedAt = event.t;
      }
    }
    const last = measurements[measurements.length - 1];
    const running = last !== undefined && (result === undefined || last.t > result.t);
    const phase = running ? 'running' : (result?.phase ?? 'pending');
    return { name: gate.name, metric: gate.metric, thresholds: gate.thresholds, measurements, phase, firedAt, message: result?.message ?? gate.conditions };
  });
}

const METRIC_LABELS: Record<MetricName, { label: string; unit: MetricChartView['unit'] }> = {
  errorRate: { label: 'Error rate', unit: 'ratio' },
  latencyP99: { label: 'Latency p99', unit: 'ms' },
  latencyP50: { label: 'Latency p50', unit: 'ms' },
  requestRate: { label: 'Requests per second', unit: 'rps' },
};

/** Error rate and p99 latency always, plus any other metric a gate measures; series grow up to t. */
export function metricsAt(replay: Replay, t: number): MetricChartView[] {
  const metrics = new Set<MetricName>(['errorRate', 'latencyP99']);
  for (const gate of replay.gates) metrics.add(gate.metric);
  const frames = sampledFrames(replay, t);
  const fired = gatesAt(replay, t).filter((gate) => gate.firedAt !== null);
  return [...metrics].map((metric) => ({
    metric,
    ...METRIC_LABELS[metric],
    series: ROLES.map((role) => ({
      role,
      label: replay.environments.find((environment) => environment.role === role)?.label ?? role,
      points: frames.filter((frame) => answered(frame, role)).map((frame) => ({ t: frame.t, value: metricValue(frame, role, metric) })),
    })),
    thresholds: replay.gates.filter((gate) => gate.metric === metric).flatMap((gate) => gate.thresholds.map((threshold) => ({ ...threshold, gate: gate.name }))),
    firings: fired.filter((gate) => gate.metric === metric).map((gate) => ({ gate: gate.name, t: gate.firedAt ?? 0 })),
  }));
}

/** A role has a value to plot when it answered requests in the interval: live, mirrored or preview probes. */
function answered(frame: ReplayFrame, role: RoleName): boolean {
  const metrics = frame.metrics[role];
  return metrics.rps > 0 || metrics.latencyP50 > 0;
}

function metricValue(frame: ReplayFrame, role: RoleName, metric: MetricName): number {
  const values = frame.metrics[role];
  return metric === 'requestRate' ? values.rps : values[metric];
}

/** One frame per distinct time up to t (the last of equal times), thinned to at most MAX_POINTS. */
function sampledFrames(replay: Replay, t: number): ReplayFrame[] {
  const distinct: ReplayFrame[] = [];
  for (const frame of replay.frames) {
    if (frame.t > t) break;
    if (distinct.length > 0 && distinct[distinct.length - 1]?.t === frame.t) distinct[distinct.length - 1] = frame;
    else distinct.push(frame);
  }
  const now = frameAt(replay, t);
  if (now && distinct[distinct.length - 1] !== now && now.t <= t) distinct.push(now);
  if (distinct.length <= MAX_POINTS) return distinct;
  const stride = Math.ceil(distinct.length / MAX_POINTS);
  // Keep the last frame so the line always reaches the cursor.
  return distinct.filter((_, index) => index % stride === 0 || index === distinct.length - 1);
}

/** How loudly an event reads in the journal: faults and failed measurements warn, failures are errors. */
export function eventLevel(event: ReplayEvent): EventLevel {
  if (event.kind === 'gate.result' && (event.phase === 'failed' || event.phase === 'error')) return 'error';
  if (event.kind === 'outcome') return event.failing === true ? 'error' : 'info';
  if (event.kind === 'machine.state' && event.failing === true) return 'error';
  if (event.kind.startsWith('fault.') || event.kind === 'gate.warning' || event.phase === 'failed' || event.phase === 'error' || event.phase === 'inconclusive') return 'warning';
  return 'info';
}
