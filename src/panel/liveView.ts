import type { Plan } from '../domain/plan/schema';
import { FigureTracker } from '../domain/run/figures';
import { allOf, firstOf, lastOf, type RunEvent, type RunEventData } from '../domain/run/events';
import { strategyKindOf } from '../domain/strategies';
import type { Figures, InstanceCounts, RunResult, Snapshot } from '../domain/simulator/types';
import type { JournalEntry } from '../runner/journal';
import { needsFinishing } from '../runner/needsFinishing';
import type { OperatorVerb } from '../protocol/messages';
import type { Replay } from '../protocol/replay';
import { formatRunTime } from '../protocol/runTime';
import type { FigureView, LiveRunState, MeasurementPhase, MetricChartView, PanelView, RoleName } from '../protocol/view';
import { viewAt } from '../protocol/viewAt';
import { replayOf } from './viewModel';

// Pure on purpose (no vscode): the panel follows a real run with it, the tests feed it a recorded journal.

export interface LiveViewOptions {
  planUri?: string | null;
  runDir: string;
  /** What `switchyard status` says of the run (runStatus(...).state); the journal alone cannot tell a live runner from a dead one. */
  state: LiveRunState;
  /** The machine waits for a person (runRecord.waitsForOperator). */
  waiting?: boolean;
}

const EMPTY = (): InstanceCounts => ({ ready: 0, starting: 0, draining: 0, failed: 0 });
const ZERO_METRICS = { rps: 0, errorRate: 0, latencyP50: 0, latencyP99: 0 };
const PHASE_RANK: Record<MeasurementPhase, number> = { successful: 0, inconclusive: 1, error: 2, failed: 3 };

/**
 * The panel view of a real run from its journal so far. Times count from the journal's first
 * line, in real milliseconds; the view is always "now" (t = the last entry), so there is nothing
 * to play. The journal is the run's record as a simulation's events are, and replayOf draws both.
 * Snapshots come from what the journal confirmed: state and step from `machine.state`, weights
 * from `traffic.set` (written once the router confirmed them), instances from `instance.*` (or, for
 * a workload that reports its pods, a Kubernetes Deployment, from `instances.observed`), gate
 * verdicts from `gate.result`. Journals from before the runner wrote those two kinds are read
 * from their routing actions' results and each analysis action's worst measurements. A real run
 * has no per-interval metrics: the charts show the gates' measurements.
 *
 * @example
 * const view = buildLiveView(plan, readJournal(journalPath), { runDir, state: 'ended' });
 * view.outcome.outcome; // 'rolledBack' for the playground's canary-bad
 */
export function buildLiveView(plan: Plan, entries: readonly JournalEntry[], options: LiveViewOptions): PanelView {
  const run = journalAsRun(plan, entries);
  const base = replayOf(plan, run, { mode: 'live', planUri: options.planUri ?? null });
  const ended = lastOf(entries, 'outcome');
  const paused = !ended && entries.at(-1)?.kind === 'run.paused' ? lastOf(entries, 'run.paused') : undefined;
  const replay: Replay = {
    ...base,
    session: { ...base.session, mode: 'live', scenario: 'real run', scenarios: [], seed: 0, injectedFaults: [], faultKinds: [] },
    outcome: ended?.data.outcome ?? '',
    reason: ended?.data.reason ?? '',
    figures: [],
  };
  const view = viewAt(replay, replay.endMs, { playing: false, speed: 1 });
  return {
    ...view,
    metrics: gateCharts(replay, view),
    outcome: {
      outcome: ended ? ended.data.outcome : paused ? 'paused' : null,
      reason: ended?.data.reason ?? paused?.data.reason ?? '',
      figures: ended || paused ? figuresOf(entries, replay, run.figures) : [],
      live: liveFigures(entries),
    },
    live: {
      runDir: options.runDir,
      startedAt: firstOf(entries, 'run.started')?.at ?? '',
      state: options.state,
      waiting: options.waiting ?? false,
      verbs: options.state === 'ended' && needsFinishing(entries) ? ['abort'] : verbsFor(options.state, options.waiting ?? false),
    },
  };
}

/** What an operator may do: nothing once ended (but abort of a failed run whose rollback did not complete); a stopped run is continued (resume, retry, skip, abort). */
export function verbsFor(state: LiveRunState, waiting: boolean): OperatorVerb[] {
  if (state === 'ended') return [];
  if (state === 'running') return waiting ? ['promote', 'promoteFull', 'resume', 'skipStep', 'abort'] : ['promote', 'promoteFull', 'pause', 'skipStep', 'abort'];
  return ['resume', 'retry', 'skipStep', 'promote', 'promoteFull', 'abort'];
}

/**
 * The journal as a run record: its events (with each analysis action's per-gate results added
 * where the action ended), a snapshot at every change the journal confirmed, and the figures a
 * real run knows. Time to restore comes from the simulator's own FigureTracker, fed what the
 * router confirmed instead of a modelled share.
 */
function journalAsRun(plan: Plan, entries: readonly JournalEntry[]): RunResult {
  const intents = new Map<number, RunEventData['action.intent']>();
  const members = new Map<string, { role: RoleName; status: 'starting' | 'ready' }>();
  const touched = new Set<RoleName>();
  const snapshots: Snapshot[] = [];
  const events: RunEvent[] = [];
  const figures = new FigureTracker(plan.replicas);
  let state = { state: '', stepIndex: 0, stepCount: 0, stepLabel: '' };
  let replicas: Record<RoleName, number> = { stable: plan.replicas, candidate: 0 };
  let weights: Record<RoleName, number> = { stable: 100, candidate: 0 };
  let mirrorPercent = 0;
  /** Measurements since the open analysis action began, per gate. */
  let analysis: { id: number; gates: string[]; phases: Map<string, MeasurementPhase> } | undefined;
  const confirmsRoutes = entries.some((entry) => entry.kind === 'traffic.set');
  const judgesGates = entries.some((entry) => entry.kind === 'gate.result');

  const observed: Partial<Record<RoleName, InstanceCounts>> = {};
  const instances = (): Record<RoleName, InstanceCounts> => {
    const counts = { stable: EMPTY(), candidate: EMPTY() };
    for (const member of members.values()) counts[member.role][member.status] += 1;
    // A role the runner never started instances for (the stable fleet it found) is as the machine counts it.
    for (const role of ['stable', 'candidate'] as const) if (!touched.has(role)) counts[role].ready = replicas[role];
    // A workload whose controller reports its pods (Kubernetes) is drawn as the controller saw it.
    for (const role of ['stable', 'candidate'] as const) {
      const seen = observed[role];
      if (seen) counts[role] = { ...seen };
    }
    return counts;
  };
  const snapshot = (t: number): void => {
    snapshots.push({ t, ...state, instances: instances(), weights: { ...weights }, mirrorPercent, metrics: { stable: { ...ZERO_METRICS }, candidate: { ...ZERO_METRICS } }, requests: 0, requestsToCandidate: 0, userErrors: 0 });
  };

  for (const entry of entries) {
    const { t } = entry;
    let changed = false;
    switch (entry.kind) {
      case 'route.safe':
        if (snapshots.length === 0) {
          weights = { ...entry.data.snapshot.weights };
          changed = true;
        }
        break;
      case 'machine.state': {
        const { state: path, stepIndex, stepCount, stepLabel, failing, persisted } = entry.data;
        state = { state: path, stepIndex, stepCount, stepLabel };
        const context = (persisted?.snapshot as { context?: { replicas?: Partial<Record<RoleName, unknown>> } } | null | undefined)?.context;
        if (typeof context?.replicas?.stable === 'number' && typeof context.replicas.candidate === 'number') replicas = { stable: context.replicas.stable, candidate: context.replicas.candidate };
        if (failing) figures.decide(t);
        figures.observeCandidateShare(t, weights.candidate / 100);
        changed = true;
        break;
      }
      case 'action.intent':
        intents.set(entry.data.id, entry.data);
        if (entry.data.effect === 'runAnalysis' && !judgesGates) {
          const gates = (entry.data.input as { gates?: unknown } | null)?.gates;
          analysis = { id: entry.data.id, gates: Array.isArray(gates) ? gates.filter((gate): gate is string => typeof gate === 'string') : [], phases: new Map() };
        }
        break;
      case 'action.result': {
        const intent = intents.get(entry.data.id);
        if (!confirmsRoutes && entry.data.ok && intent && (intent.effect === 'setTraffic' || intent.effect === 'restore')) {
          const applied = weightsOf(intent.input);
          if (applied) weights = applied;
          const mirror = (intent.input as { mirrorPercent?: unknown } | null)?.mirrorPercent;
          if (typeof mirror === 'number') mirrorPercent = mirror;
          figures.observeCandidateShare(t, weights.candidate / 100);
          changed = true;
        }
        if (analysis && analysis.id === entry.data.id) {
          events.push(...gateResults(analysis, entry.data, t));
          analysis = undefined;
        }
        break;
      }
      case 'traffic.set':
        weights = { ...entry.data.weights };
        mirrorPercent = entry.data.mirrorPercent;
        figures.observeCandidateShare(t, weights.candidate / 100);
        changed = true;
        break;
      case 'instance.spawned':
      case 'instance.started':
        touched.add(entry.data.member.role);
        members.set(entry.data.member.id, { role: entry.data.member.role, status: entry.kind === 'instance.started' ? 'ready' : 'starting' });
        changed = true;
        break;
      case 'instances.observed': {
        const { role, ready, starting, draining, failed } = entry.data;
        observed[role] = { ready, starting, draining, failed };
        changed = true;
        break;
      }
      case 'instance.stopped':
        // Stopping a member the runner did not start (the stable fleet it found) leaves that role to the machine's count.
        members.delete(entry.data.member.id);
        changed = true;
        break;
      case 'gate.measure': {
        const { gate, phase } = entry.data;
        const previous = analysis?.phases.get(gate);
        if (analysis && (previous === undefined || PHASE_RANK[phase] >= PHASE_RANK[previous])) analysis.phases.set(gate, phase);
        break;
      }
      default:
        break;
    }
    events.push(entry);
    if (changed) snapshot(t);
  }
  if (snapshots.length === 0) snapshot(0);
  const durationMs = Math.max(0, ...entries.map((entry) => entry.t));
  const ended = lastOf(entries, 'outcome');
  return {
    service: plan.service,
    strategy: strategyKindOf(plan),
    engine: plan.engine,
    scenario: 'real run',
    seed: 0,
    outcome: ended?.data.outcome ?? 'paused',
    reason: ended?.data.reason ?? '',
    figures: figures.result(durationMs, { requests: 0, requestsToCandidate: 0, requestsMirrored: 0, userErrors: 0 }),
    snapshots,
    events,
  };
}

function weightsOf(input: unknown): Record<RoleName, number> | undefined {
  const value = input as { weights?: { stable?: unknown; candidate?: unknown }; stable?: unknown; candidate?: unknown } | null;
  const candidate = value?.weights?.candidate ?? value?.candidate;
  if (typeof candidate !== 'number') return undefined;
  const stable = value?.weights?.stable ?? value?.stable;
  return { stable: typeof stable === 'number' ? stable : 100 - candidate, candidate };
}

/** Each gate an analysis action measured, with its worst measurement; the action's error names the one that failed. */
function gateResults(analysis: { gates: string[]; phases: Map<string, MeasurementPhase> }, result: RunEventData['action.result'], t: number): RunEvent[] {
  return analysis.gates.flatMap((gate): RunEvent[] => {
    const phase = analysis.phases.get(gate);
    if (phase === undefined) return [];
    const named = result.error !== undefined && result.error.startsWith(`${gate}:`);
    const message = named ? (result.error ?? '') : phase === 'successful' ? `${gate} passed` : `${gate}: ${phase}`;
    return [{ t, kind: 'gate.result', message, data: { gate, phase } }];
  });
}

/** One chart per gated metric, plotting each gate's measurements (the candidate's version unless it measured the stable one). */
function gateCharts(replay: Replay, view: PanelView): MetricChartView[] {
  const charts = new Map<string, MetricChartView>();
  for (const gate of view.gates) {
    const chart = charts.get(gate.metric) ?? view.metrics.find((candidate) => candidate.metric === gate.metric);
    if (!chart) continue;
    const points = gate.measurements.flatMap((measurement) => (measurement.value === null ? [] : [{ t: measurement.t, value: measurement.value }]));
    const existing = charts.get(gate.metric);
    const series = existing ? existing.series : [];
    const label = replay.environments.find((environment) => environment.role === 'candidate')?.label ?? 'candidate';
    series.push({ role: 'candidate', label: view.gates.filter((other) => other.metric === gate.metric).length > 1 ? `${label} · ${gate.name}` : label, points });
    charts.set(gate.metric, { ...chart, series });
  }
  return [...charts.values()];
}


function liveFigures(entries: readonly JournalEntry[]): FigureView[] {
  const results = allOf(entries, 'action.result');
  const failed = results.filter((entry) => !entry.data.ok).length;
  const measurements = allOf(entries, 'gate.measure');
  const badMeasurements = measurements.filter((entry) => entry.data.phase !== 'successful').length;
  return [
    { key: 'actions', label: 'Actions done', value: `${results.length}${failed > 0 ? ` (${failed} failed)` : ''}`, bad: failed > 0 },
    { key: 'measurements', label: 'Gate measurements', value: `${measurements.length}${badMeasurements > 0 ? ` (${badMeasurements} not passing)` : ''}`, bad: badMeasurements > 0 },
  ];
}

function figuresOf(entries: readonly JournalEntry[], replay: Replay, figures: Figures): FigureView[] {
  const peak = Math.max(0, ...replay.frames.map((frame) => frame.weights.candidate));
  const firstFailure = entries.find((entry) => entry.kind === 'gate.measure' && entry.data.phase !== 'successful');
  return [
    { key: 'duration', label: 'Duration', value: formatRunTime(replay.endMs), bad: false },
    { key: 'peakCandidateWeight', label: 'Most traffic on the new version', value: `${peak}%`, bad: false },
    ...liveFigures(entries),
    { key: 'timeToDetect', label: 'First failing measurement', value: firstFailure ? formatRunTime(firstFailure.t) : '—', bad: false },
    { key: 'timeToRestore', label: 'Time to restore', value: figures.timeToRestoreMs === null ? '—' : formatRunTime(figures.timeToRestoreMs), bad: false },
  ];
}
