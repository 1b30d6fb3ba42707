import { stateInWords } from '../text/run';
import { faultKind } from '../domain/plan/schema';
import type { Plan } from '../domain/plan/schema';
import { describeSteps, strategyKindOf } from '../domain/strategies';
import { isUndone } from '../domain/strategies/failing';
import { stepsFor } from '../domain/strategies/steps';
import type { RunEvent, RunEventOf } from '../domain/run/events';
import type { RunResult, Snapshot } from '../domain/simulator/types';
import type { Replay, ReplayEvent, ReplayFrame } from '../protocol/replay';
import type { InjectedFaultView, MeasurementPhase, PanelMode, PanelView } from '../protocol/view';
import { MEASUREMENT_PHASES } from '../protocol/view';
import { viewAt } from '../protocol/viewAt';
import type { PlaybackStatus } from '../protocol/viewAt';
import { conditionsOf, describeMatch, figureViews, roleLabels, thresholdsOf } from './replayParts';
import { statechartOf } from './statechart';

// Pure on purpose (no vscode): the panel, the CLI's --report and the tests all build views here.

export interface ReplayOptions {
  mode?: PanelMode;
  planUri?: string | null;
  injectedFaults?: InjectedFaultView[];
}

/** Every fault kind the schema knows; a report cannot re-simulate, so it offers none. */
export const FAULT_KINDS: readonly string[] = faultKind.options;

/**
 * A plan and one of its runs, reduced to what the panel draws at any instant.
 *
 * @example
 * const run = simulate(plan, { scenario: 'bad-version' });
 * const replay = replayOf(plan, run, { mode: 'simulation' });
 * viewAt(replay, replay.endMs, { playing: false, speed: 60 }).outcome.outcome; // 'rolledBack'
 */
export function replayOf(plan: Plan, run: RunResult, options: ReplayOptions = {}): Replay {
  const kind = strategyKindOf(plan);
  const labels = roleLabels(kind);
  const mode = options.mode ?? 'simulation';
  const lastFrame = run.snapshots[run.snapshots.length - 1];
  return {
    session: {
      mode,
      service: run.service,
      strategy: run.strategy,
      engine: run.engine,
      planUri: options.planUri ?? null,
      scenario: run.scenario,
      scenarios: Object.entries(plan.scenarios).map(([name, scenario]) => ({ name, description: scenario.description ?? '' })),
      seed: run.seed,
      injectedFaults: options.injectedFaults ?? [],
      faultKinds: mode === 'simulation' ? [...FAULT_KINDS] : [],
    },
    endMs: Math.max(run.figures.durationMs, lastFrame?.t ?? 0),
    outcome: run.outcome,
    reason: run.reason,
    figures: figureViews(run.figures, plan),
    environments: [
      { role: 'stable', label: labels.stable, version: plan.stableVersion ?? 'current' },
      { role: 'candidate', label: labels.candidate, version: plan.version ?? 'new' },
    ],
    steps: describeSteps(plan).map((step) => ({ label: step.label, kind: step.kind, durationMs: step.durationMs ?? null })),
    headerRoutes: stepsFor(plan, kind).flatMap((step) => (step.kind === 'setHeaderRoute' ? [{ name: step.name, match: describeMatch(step.match) }] : [])),
    gates: plan.analysis.map((gate) => ({ name: gate.name, metric: gate.metric, thresholds: thresholdsOf(gate), conditions: conditionsOf(gate) })),
    statechart: statechartOf(kind),
    frames: framesOf(run),
    events: run.events.map(replayEventOf),
  };
}

/**
 * The panel view of a run at virtual time t: replayOf then viewAt, for callers that need one view.
 *
 * @example
 * buildPanelView(plan, run, 0).traffic.weights; // { stable: 100, candidate: 0 }
 */
export function buildPanelView(plan: Plan, run: RunResult, t: number, playback: PlaybackStatus = { playing: false, speed: 60 }, options: ReplayOptions = {}): PanelView {
  return viewAt(replayOf(plan, run, options), t, playback);
}

/**
 * Snapshots carry no header routes; the journal's traffic.set events say how many apply from when.
 * Requests per second are derived from the cumulative counters between snapshots rather than read
 * from the snapshot's metrics, whose interval-boundary snapshots report a zero-length window (0 rps).
 */
function framesOf(run: RunResult): ReplayFrame[] {
  const routeChanges = run.events.filter((event): event is RunEventOf<'traffic.set'> => event.kind === 'traffic.set');
  let next = 0;
  let headerRoutes = 0;
  let previous: Snapshot | undefined;
  let rps = { stable: 0, candidate: 0 };
  return run.snapshots.map((snapshot, index) => {
    while (next < routeChanges.length && (routeChanges[next]?.t ?? Infinity) <= snapshot.t) {
      headerRoutes = routeChanges[next]?.data.headerRoutes ?? 0;
      next += 1;
    }
    if (previous && snapshot.t > previous.t) {
      const seconds = (snapshot.t - previous.t) / 1000;
      const candidate = (snapshot.requestsToCandidate - previous.requestsToCandidate) / seconds;
      rps = { stable: Math.max(0, (snapshot.requests - previous.requests) / seconds - candidate), candidate: Math.max(0, candidate) };
    }
    // Rates span from the last snapshot at an earlier time, not from a sibling at the same instant.
    const following = run.snapshots[index + 1];
    if (!following || following.t > snapshot.t) previous = snapshot;
    return frameOf(snapshot, headerRoutes, rps);
  });
}

function frameOf(snapshot: Snapshot, headerRoutes: number, rps: { stable: number; candidate: number }): ReplayFrame {
  return {
    t: snapshot.t,
    state: snapshot.state,
    stepIndex: snapshot.stepIndex,
    instances: { stable: { ...snapshot.instances.stable }, candidate: { ...snapshot.instances.candidate } },
    weights: { ...snapshot.weights },
    mirrorPercent: snapshot.mirrorPercent,
    headerRoutes,
    metrics: { stable: { ...snapshot.metrics.stable, rps: rps.stable }, candidate: { ...snapshot.metrics.candidate, rps: rps.candidate } },
    requests: snapshot.requests,
    requestsToCandidate: snapshot.requestsToCandidate,
    userErrors: snapshot.userErrors,
  };
}

/**
 * One run event as the panel's timeline shows it, from a simulation or a real run's journal alike:
 * failing states and undone outcomes flagged, gate events with their gate, value and phase, and a
 * failed action as `action.failed`.
 */
export function replayEventOf(event: RunEvent): ReplayEvent {
  const out: ReplayEvent = { t: event.t, kind: event.kind === 'action.result' && !event.data.ok ? 'action.failed' : event.kind, message: event.message };
  if (event.kind === 'machine.state') {
    out.failing = event.data.failing;
    // A person reads the timeline: the step and what the machine does in it, not its state path (the statechart shows that).
    out.message = stateInWords(event.data);
  }
  if (event.kind === 'outcome') out.failing = isUndone(event.data.outcome);
  if (event.kind !== 'gate.measure' && event.kind !== 'gate.result' && event.kind !== 'gate.warning') return out;
  if (event.data.gate !== undefined) out.gate = event.data.gate;
  if (event.kind === 'gate.measure') out.value = event.data.value;
  if (isMeasurementPhase(event.data.phase)) out.phase = event.data.phase;
  return out;
}

function isMeasurementPhase(value: unknown): value is MeasurementPhase {
  return (MEASUREMENT_PHASES as readonly unknown[]).includes(value);
}

