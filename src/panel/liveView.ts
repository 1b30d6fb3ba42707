import type { Plan } from '../domain/plan/schema';
import { strategyKindOf } from '../domain/strategies';
import { formatDuration } from '../domain/strategies/describe';
import { isFailing, isUndone } from '../domain/strategies/failing';
import { statePath } from '../domain/simulator/drive';
import type { RunResult } from '../domain/simulator/types';
import type { StampedEntry } from '../runner/journal';
import { needsFinishing } from '../runner/needsFinishing';
import type { OperatorVerb } from '../protocol/messages';
import type { Replay, ReplayEvent, ReplayFrame } from '../protocol/replay';
import type { FigureView, InstanceCountsView, LiveRunState, MeasurementPhase, MetricChartView, PanelView, RoleName } from '../protocol/view';
import { MEASUREMENT_PHASES } from '../protocol/view';
import { viewAt } from '../protocol/viewAt';
import { buildReplay } from './viewModel';

// Pure on purpose (no vscode): the panel follows a real run with it, the tests feed it a recorded journal.

export interface LiveViewOptions {
  planUri?: string | null;
  runDir: string;
  /** What `switchyard status` says of the run (runStatus(...).state); the journal alone cannot tell a live runner from a dead one. */
  state: LiveRunState;
  /** The machine waits for a person (runRecord.waitsForOperator). */
  waiting?: boolean;
}

const EMPTY = (): InstanceCountsView => ({ ready: 0, starting: 0, draining: 0, failed: 0 });
const ZERO_METRICS = { rps: 0, errorRate: 0, latencyP50: 0, latencyP99: 0 };
const PHASE_RANK: Record<MeasurementPhase, number> = { successful: 0, inconclusive: 1, error: 2, failed: 3 };

type Entry<T extends StampedEntry['type']> = Extract<StampedEntry, { type: T }>;

/**
 * The panel view of a real run from its journal so far. Times count from `run.started`, in real
 * milliseconds; the view is always "now" (t = the last entry), so there is nothing to play.
 * State and step come from `state` entries, weights from routing actions the router confirmed,
 * instances from instance entries, gates from `measurement` entries (a gate's result from the
 * analysis action that measured it), and every journal line is an event. A real run has no
 * per-interval metrics: the charts show the gates' measurements.
 *
 * @example
 * const view = buildLiveView(plan, readJournal(journalPath), { runDir, state: 'ended' });
 * view.outcome.outcome; // 'rolledBack' for the playground's canary-bad
 */
export function buildLiveView(plan: Plan, entries: readonly StampedEntry[], options: LiveViewOptions): PanelView {
  const replay = buildLiveReplay(plan, entries, options);
  const ended = entries.find((entry): entry is Entry<'run.ended'> => entry.type === 'run.ended');
  const paused = !ended && entries.at(-1)?.type === 'run.paused' ? (entries.at(-1) as Entry<'run.paused'>) : undefined;
  const view = viewAt(replay, replay.endMs, { playing: false, speed: 1 });
  const started = entries.find((entry): entry is Entry<'run.started'> => entry.type === 'run.started');
  return {
    ...view,
    metrics: gateCharts(replay, view),
    outcome: {
      outcome: ended ? ended.outcome : paused ? 'paused' : null,
      reason: ended?.reason ?? paused?.reason ?? '',
      figures: ended || paused ? figuresOf(entries, replay) : [],
      live: liveFigures(entries),
    },
    live: {
      runDir: options.runDir,
      startedAt: started?.at ?? '',
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

/** The journal as a Replay, so the same viewAt draws it as it draws a simulation. */
function buildLiveReplay(plan: Plan, entries: readonly StampedEntry[], options: LiveViewOptions): Replay {
  const base = buildReplay(plan, emptyRun(plan), { mode: 'live', planUri: options.planUri ?? null });
  const started = entries.find((entry): entry is Entry<'run.started'> => entry.type === 'run.started');
  const origin = started ? Date.parse(started.at) : Date.parse(entries[0]?.at ?? '') || 0;
  const timeOf = (entry: StampedEntry): number => Math.max(0, (Date.parse(entry.at) || origin) - origin);

  const intents = new Map<number, Entry<'action.intent'>>();
  const members = new Map<string, { role: RoleName; status: 'starting' | 'ready' }>();
  const touched = new Set<RoleName>();
  const frames: ReplayFrame[] = [];
  const events: ReplayEvent[] = [];
  let state = '';
  let stepIndex = 0;
  let replicas: Record<RoleName, number> = { stable: plan.replicas, candidate: 0 };
  let weights: Record<RoleName, number> = { stable: 100, candidate: 0 };
  let mirrorPercent = 0;
  /** Measurements since the open analysis action began, per gate. */
  let analysis: { id: number; gates: string[]; phases: Map<string, MeasurementPhase> } | undefined;

  const instances = (): Record<RoleName, InstanceCountsView> => {
    const counts = { stable: EMPTY(), candidate: EMPTY() };
    for (const member of members.values()) counts[member.role][member.status] += 1;
    // A role the runner never started instances for (the stable fleet it found) is as the machine counts it.
    for (const role of ['stable', 'candidate'] as const) if (!touched.has(role)) counts[role].ready = replicas[role];
    return counts;
  };
  const frame = (t: number): void => {
    frames.push({
      t,
      state,
      stepIndex,
      instances: instances(),
      weights: { ...weights },
      mirrorPercent,
      headerRoutes: 0,
      metrics: { stable: { ...ZERO_METRICS }, candidate: { ...ZERO_METRICS } },
      requests: 0,
      requestsToCandidate: 0,
      userErrors: 0,
    });
  };

  for (const entry of entries) {
    const t = timeOf(entry);
    let changed = false;
    switch (entry.type) {
      case 'route.safe':
        if (frames.length === 0) {
          weights = { ...entry.snapshot.weights };
          changed = true;
        }
        break;
      case 'state': {
        state = statePath(entry.value);
        stepIndex = entry.stepIndex;
        const context = (entry.snapshot as { context?: { replicas?: Partial<Record<RoleName, unknown>> } } | null)?.context;
        if (typeof context?.replicas?.stable === 'number' && typeof context.replicas.candidate === 'number') replicas = { stable: context.replicas.stable, candidate: context.replicas.candidate };
        changed = true;
        break;
      }
      case 'action.intent':
        intents.set(entry.id, entry);
        if (entry.effect === 'runAnalysis') {
          const gates = (entry.input as { gates?: unknown } | null)?.gates;
          analysis = { id: entry.id, gates: Array.isArray(gates) ? gates.filter((gate): gate is string => typeof gate === 'string') : [], phases: new Map() };
        }
        break;
      case 'action.result': {
        const intent = intents.get(entry.id);
        if (entry.ok && intent && (intent.effect === 'setTraffic' || intent.effect === 'restore')) {
          const applied = weightsOf(intent.input);
          if (applied) weights = applied;
          const mirror = (intent.input as { mirrorPercent?: unknown } | null)?.mirrorPercent;
          if (typeof mirror === 'number') mirrorPercent = mirror;
          changed = true;
        }
        if (analysis && analysis.id === entry.id) {
          events.push(...gateResults(analysis, entry, t));
          analysis = undefined;
        }
        break;
      }
      case 'instance.spawned':
      case 'instance.started':
        touched.add(entry.member.role);
        members.set(entry.member.id, { role: entry.member.role, status: entry.type === 'instance.started' ? 'ready' : 'starting' });
        changed = true;
        break;
      case 'instance.stopped':
        // Stopping a member the runner did not start (the stable fleet it found) leaves that role to the machine's count.
        members.delete(entry.member.id);
        changed = true;
        break;
      case 'measurement':
        if (isPhase(entry.phase)) {
          const previous = analysis?.phases.get(entry.gate);
          if (analysis && (previous === undefined || PHASE_RANK[entry.phase] >= PHASE_RANK[previous])) analysis.phases.set(entry.gate, entry.phase);
        }
        break;
      default:
        break;
    }
    events.push(eventOf(entry, t, state));
    if (changed) frame(t);
  }
  if (frames.length === 0) frame(0);
  const endMs = Math.max(0, ...entries.map(timeOf));
  const ended = entries.find((entry): entry is Entry<'run.ended'> => entry.type === 'run.ended');
  return {
    ...base,
    session: { ...base.session, mode: 'live', scenario: 'real run', scenarios: [], seed: 0, injectedFaults: [], faultKinds: [] },
    endMs,
    outcome: ended?.outcome ?? '',
    reason: ended?.reason ?? '',
    figures: [],
    frames,
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
function gateResults(analysis: { gates: string[]; phases: Map<string, MeasurementPhase> }, result: Entry<'action.result'>, t: number): ReplayEvent[] {
  return analysis.gates.flatMap((gate) => {
    const phase = analysis.phases.get(gate);
    if (phase === undefined) return [];
    const named = result.error !== undefined && result.error.startsWith(`${gate}:`);
    const message = named ? (result.error ?? '') : phase === 'successful' ? `${gate} passed` : `${gate}: ${phase}`;
    return [{ t, kind: 'gate.result', message, gate, phase }];
  });
}

function eventOf(entry: StampedEntry, t: number, state: string): ReplayEvent {
  switch (entry.type) {
    case 'run.started': return { t, kind: 'run.started', message: `run started: ${entry.service} ${entry.version} (${entry.strategy}), runner pid ${entry.pid}` };
    case 'run.resumed': return { t, kind: 'run.resumed', message: `run resumed by pid ${entry.pid}` };
    case 'route.safe': return { t, kind: 'route.safe', message: `safe routing recorded: ${entry.snapshot.weights.stable}% stable / ${entry.snapshot.weights.candidate}% candidate` };
    case 'action.intent': return { t, kind: 'action.intent', message: `→ #${entry.id} ${entry.description}` };
    case 'action.result': return { t, kind: entry.ok ? 'action.result' : 'action.failed', message: `${entry.ok ? '✓' : '✗'} #${entry.id} (${entry.ms} ms)${entry.error ? `: ${entry.error}` : ''}` };
    case 'instance.spawned': return { t, kind: 'instance.spawned', message: `instance spawned: ${entry.member.id} on ${entry.member.host}:${entry.member.port}` };
    case 'instance.started': return { t, kind: 'instance.started', message: `instance ready: ${entry.member.id} on ${entry.member.host}:${entry.member.port}` };
    case 'instance.stopped': return { t, kind: 'instance.stopped', message: `instance stopped: ${entry.member.id}` };
    case 'measurement': {
      const event: ReplayEvent = { t, kind: 'gate.measure', message: `gate ${entry.gate} (${entry.version}): ${entry.value ?? 'no value'} ${entry.phase}${entry.message ? ` (${entry.message})` : ''}`, gate: entry.gate, value: entry.value };
      if (isPhase(entry.phase)) event.phase = entry.phase;
      return event;
    }
    case 'state': return { t, kind: 'machine.state', message: `${state} · step ${entry.stepIndex + 1}`, failing: isFailing(entry.value) };
    case 'operator': return { t, kind: 'operator', message: `operator: ${entry.event}` };
    case 'run.paused': return { t, kind: 'run.paused', message: `paused: ${entry.reason}` };
    case 'run.ended': return { t, kind: 'outcome', message: `${entry.outcome}: ${entry.reason}`, failing: isUndone(entry.outcome) };
    default: return { t, kind: (entry as { type: string }).type, message: (entry as { type: string }).type };
  }
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

function liveFigures(entries: readonly StampedEntry[]): FigureView[] {
  const results = entries.filter((entry): entry is Entry<'action.result'> => entry.type === 'action.result');
  const failed = results.filter((entry) => !entry.ok).length;
  const measurements = entries.filter((entry): entry is Entry<'measurement'> => entry.type === 'measurement');
  const badMeasurements = measurements.filter((entry) => entry.phase !== 'successful').length;
  return [
    { key: 'actions', label: 'Actions done', value: `${results.length}${failed > 0 ? ` (${failed} failed)` : ''}`, bad: failed > 0 },
    { key: 'measurements', label: 'Gate measurements', value: `${measurements.length}${badMeasurements > 0 ? ` (${badMeasurements} not passing)` : ''}`, bad: badMeasurements > 0 },
  ];
}

function figuresOf(entries: readonly StampedEntry[], replay: Replay): FigureView[] {
  const peak = Math.max(0, ...replay.frames.map((frame) => frame.weights.candidate));
  const firstFailure = entries.find((entry) => entry.type === 'measurement' && entry.phase !== 'successful');
  const started = entries.find((entry) => entry.type === 'run.started');
  const restored = firstFailure ? replay.frames.find((frame) => frame.t >= Math.max(0, Date.parse(firstFailure.at) - Date.parse(started?.at ?? firstFailure.at)) && frame.weights.candidate === 0) : undefined;
  const detectMs = firstFailure && started ? Date.parse(firstFailure.at) - Date.parse(started.at) : null;
  return [
    { key: 'duration', label: 'Duration', value: formatDuration(replay.endMs), bad: false },
    { key: 'peakCandidateWeight', label: 'Most traffic on the new version', value: `${peak}%`, bad: false },
    ...liveFigures(entries),
    { key: 'timeToDetect', label: 'First failing measurement', value: detectMs === null ? '—' : formatDuration(detectMs), bad: false },
    { key: 'timeToRestore', label: 'Traffic back on stable', value: restored && detectMs !== null ? `${formatDuration(restored.t - detectMs)} later` : '—', bad: false },
  ];
}

function isPhase(value: unknown): value is MeasurementPhase {
  return (MEASUREMENT_PHASES as readonly unknown[]).includes(value);
}

/** A RunResult with nothing in it, so buildReplay gives the plan's steps, gates, labels and statechart. */
function emptyRun(plan: Plan): RunResult {
  return {
    service: plan.service,
    strategy: strategyKindOf(plan),
    engine: plan.engine,
    scenario: 'real run',
    seed: 0,
    outcome: 'promoted',
    reason: '',
    figures: { durationMs: 0, requests: 0, requestsToCandidate: 0, requestsMirrored: 0, userErrors: 0, lowestCapacity: 1, peakInstances: 0, timeToDetectMs: null, timeToRestoreMs: null },
    snapshots: [],
    events: [],
  };
}
