import type { CompareColumnView, CompareFigureView, CompareOptionView, CompareReadingView, ComparisonView } from './comparison';
import { COMPARE_READING_KEYS, COMPARE_STATUSES, COMPARE_UNITS, MAX_COMPARE_RUNS } from './comparison';
import type { HistogramBinView, RiskSideView, RiskView } from './risk';
import { MAX_RISK_RUNS, RISK_STATUSES, RISK_UNITS } from './risk';
import type { HostMessage, PanelIntent } from './messages';
import { MAX_SPEED, MIN_SPEED, OPERATOR_VERBS } from './messages';
import type { Check, FieldChecks } from './validate';
import { arrayOf, bool, count, isRecord, nullable, num, numIn, oneOf, optional, recordOf, shape, shapeOf, str, unchecked } from './validate';
import type { Replay, ReplayEvent, ReplayFrame, ReplayGate, ReplayStep } from './replay';
import type {
  EnvironmentView,
  EventView,
  FigureView,
  GateView,
  HeaderRouteView,
  InjectedFaultView,
  LiveRunView,
  MeasurementView,
  MetricChartView,
  MetricSeriesView,
  OutcomeView,
  PanelView,
  SeriesPoint,
  SessionView,
  StateNodeView,
  StatechartView,
  StepView,
  ThresholdView,
  TimeView,
  TrackView,
  TrafficView,
  TransitionView,
} from './view';
import { viewAt } from './viewAt';
import { EVENT_LEVELS, GATE_PHASES, INSTANCE_STATES, LIVE_RUN_STATES, MEASUREMENT_PHASES, METRIC_NAMES, PANEL_MODES, ROLES, STEP_STATUSES } from './view';

const role = oneOf(ROLES);
/**
 * Numbers the panel draws as sizes, positions and labels: a count below zero, a weight over 100
 * or an infinite time would draw nonsense (or a cell per unit of a huge count), so the webview
 * refuses the snapshot and keeps the last good one.
 */
const percent = numIn(0, 100);
const nonNegative = numIn(0);
const share = numIn(0, 1);
const threshold = shapeOf<ThresholdView>({ kind: oneOf(['success', 'failure']), op: oneOf(['<', '<=', '>', '>=']), value: num });
const figure = shapeOf<FigureView>({ key: str, label: str, value: str, bad: bool });

const comparison = shapeOf<ComparisonView>({
  options: arrayOf(shapeOf<CompareOptionView>({ id: str, label: str, description: str })),
  status: oneOf(COMPARE_STATUSES),
  scenario: str,
  runs: count,
  done: count,
  message: str,
  columns: arrayOf(
    shapeOf<CompareColumnView>({
      id: str,
      label: str,
      strategy: str,
      current: bool,
      outcomes: arrayOf(shapeOf<CompareColumnView['outcomes'][number]>({ outcome: str, probability: share })),
      readings: arrayOf(shapeOf<CompareReadingView>({ key: oneOf(COMPARE_READING_KEYS), label: str, share, lowerIsBetter: bool, detail: str })),
      figures: arrayOf(shapeOf<CompareFigureView>({ key: str, label: str, unit: oneOf(COMPARE_UNITS), lowerIsBetter: bool, p5: num, p50: num, p95: num, mean: num })),
    }),
  ),
});

const riskSide = shapeOf<RiskSideView>({
  scenario: str,
  runs: count,
  headline: str,
  figure: str,
  unit: oneOf(RISK_UNITS),
  bins: arrayOf(shapeOf<HistogramBinView>({ from: num, to: num, count })),
  p50: num,
  p95: num,
});

const risk = shapeOf<RiskView>({ status: oneOf(RISK_STATUSES), runs: count, done: count, message: str, bad: nullable(riskSide), good: nullable(riskSide) });

const panelView: Check = shapeOf<PanelView>({
  session: shapeOf<SessionView>({
    mode: oneOf(PANEL_MODES),
    service: str,
    strategy: str,
    engine: str,
    planUri: nullable(str),
    scenario: str,
    scenarios: arrayOf(shapeOf<SessionView['scenarios'][number]>({ name: str, description: str })),
    seed: count,
    injectedFaults: arrayOf(shapeOf<InjectedFaultView>({ t: nonNegative, kind: str, role: nullable(role) })),
    faultKinds: arrayOf(str),
  }),
  time: shapeOf<TimeView>({ t: nonNegative, endMs: nonNegative, playing: bool, speed: numIn(MIN_SPEED, MAX_SPEED) }),
  environments: arrayOf(shapeOf<EnvironmentView>({ role, label: str, version: str, counts: recordOf(INSTANCE_STATES, count) })),
  traffic: shapeOf<TrafficView>({
    weights: recordOf(ROLES, percent),
    rps: recordOf(ROLES, nonNegative),
    headerRoutes: arrayOf(shapeOf<HeaderRouteView>({ name: str, match: str })),
    mirrorPercent: percent,
  }),
  track: shapeOf<TrackView>({
    steps: arrayOf(shapeOf<StepView>({ index: count, label: str, kind: str, status: oneOf(STEP_STATUSES), durationMs: nullable(nonNegative), remainingMs: nullable(nonNegative) })),
    phase: str,
    estimatedDurationMs: nonNegative,
  }),
  gates: arrayOf(
    shapeOf<GateView>({
      name: str,
      metric: oneOf(METRIC_NAMES),
      thresholds: arrayOf(threshold),
      measurements: arrayOf(shapeOf<MeasurementView>({ t: nonNegative, value: nullable(num), phase: oneOf(MEASUREMENT_PHASES) })),
      phase: oneOf(GATE_PHASES),
      firedAt: nullable(nonNegative),
      message: str,
    }),
  ),
  metrics: arrayOf(
    shapeOf<MetricChartView>({
      metric: oneOf(METRIC_NAMES),
      label: str,
      unit: oneOf(['ratio', 'ms', 'rps']),
      series: arrayOf(shapeOf<MetricSeriesView>({ role, label: str, points: arrayOf(shapeOf<SeriesPoint>({ t: nonNegative, value: num })) })),
      thresholds: arrayOf(shapeOf<MetricChartView['thresholds'][number]>({ gate: str, kind: oneOf(['success', 'failure']), op: str, value: num })),
      firings: arrayOf(shapeOf<MetricChartView['firings'][number]>({ gate: str, t: nonNegative })),
    }),
  ),
  statechart: shapeOf<StatechartView>({
    initial: str,
    states: arrayOf(shapeOf<StateNodeView>({ id: str, final: bool })),
    transitions: arrayOf(shapeOf<TransitionView>({ from: str, to: str, events: arrayOf(str) })),
    active: str,
    activePath: str,
  }),
  events: arrayOf(shapeOf<EventView>({ index: count, t: nonNegative, kind: str, message: str, level: oneOf(EVENT_LEVELS) })),
  outcome: shapeOf<OutcomeView>({ outcome: nullable(str), reason: str, figures: arrayOf(figure), live: arrayOf(figure) }),
  comparison: optional(comparison),
  risk: optional(risk),
  live: optional(shapeOf<LiveRunView>({ runDir: str, startedAt: str, state: oneOf(LIVE_RUN_STATES), waiting: bool, verbs: arrayOf(oneOf(OPERATOR_VERBS)) })),
});

/** Each message type's fields but `type` (problemOf checks that), a check for each. */
type MessageFields<M extends { type: string }> = { [K in M['type']]: FieldChecks<Omit<Extract<M, { type: K }>, 'type'>> };

function checksOf<M extends { type: string }>(fields: MessageFields<M>): Record<string, Check> {
  return Object.fromEntries(Object.entries<Record<string, Check>>(fields).map(([type, checks]) => [type, shape(checks)]));
}

const hostMessage = checksOf<HostMessage>({
  'view/snapshot': { seq: count, view: panelView },
  'view/error': { seq: count, message: str },
});

const seed: Check = count;
const speed: Check = (value, path) => (num(value, path) ?? ((value as number) >= MIN_SPEED && (value as number) <= MAX_SPEED ? null : `${path}: expected ${MIN_SPEED}..${MAX_SPEED}`));
const time: Check = (value, path) => (num(value, path) ?? ((value as number) >= 0 ? null : `${path}: expected a time >= 0`));
const riskRuns: Check = (value, path) => (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_RISK_RUNS ? null : `${path}: expected a whole number 1..${MAX_RISK_RUNS}`);
const runs: Check = (value, path) => (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_COMPARE_RUNS ? null : `${path}: expected a whole number 1..${MAX_COMPARE_RUNS}`);

const panelIntent = checksOf<PanelIntent>({
  'panel/ready': {},
  'playback/play': {},
  'playback/pause': {},
  'playback/step': { direction: oneOf([1, -1]) },
  'playback/seek': { t: time },
  'playback/speed': { speed },
  'scenario/choose': { name: str },
  'seed/set': { seed },
  'fault/inject': { kind: str, role: optional(nullable(role)) },
  'fault/clear': {},
  'report/export': {},
  'compare/run': { with: str, runs },
  'compare/clear': {},
  'compare/choose': { id: str },
  'risk/run': { runs: riskRuns },
  ...(Object.fromEntries(OPERATOR_VERBS.map((verb) => [`operator/${verb}`, {}])) as Record<`operator/${(typeof OPERATOR_VERBS)[number]}`, Record<never, Check>>),
});

/** Why a message is not a valid host message, or null when it is. */
export function hostMessageProblem(message: unknown): string | null {
  return problemOf(message, hostMessage);
}

/** Why a message is not a valid panel intent, or null when it is. */
export function panelIntentProblem(message: unknown): string | null {
  return problemOf(message, panelIntent);
}

/**
 * @example
 * isHostMessage({ type: 'view/error', seq: 3, message: 'plan has errors' }); // true
 * isHostMessage({ type: 'view/snapshot', seq: 1 });                           // false: no view
 */
export function isHostMessage(message: unknown): message is HostMessage {
  return hostMessageProblem(message) === null;
}

/**
 * @example
 * isPanelIntent({ type: 'playback/seek', t: 120000 }); // true
 * isPanelIntent({ type: 'playback/seek', t: -1 });     // false
 */
export function isPanelIntent(message: unknown): message is PanelIntent {
  return panelIntentProblem(message) === null;
}

/** Deep check of a view, e.g. one embedded in a report or restored from state. */
export function isPanelView(value: unknown): value is PanelView {
  return panelView(value, 'view') === null;
}

/** Fields the view at the replay's start carries whole, which isReplay checks as a panel view. */
const inViewAtStart = unchecked;

const replay: Check = shapeOf<Replay>({
  session: inViewAtStart,
  endMs: num,
  outcome: str,
  reason: str,
  figures: unchecked,
  environments: inViewAtStart,
  headerRoutes: unchecked,
  statechart: inViewAtStart,
  frames: arrayOf(
    shapeOf<ReplayFrame>({
      t: num,
      state: str,
      stepIndex: num,
      instances: unchecked,
      weights: unchecked,
      mirrorPercent: unchecked,
      headerRoutes: unchecked,
      metrics: unchecked,
      requests: unchecked,
      requestsToCandidate: unchecked,
      userErrors: unchecked,
    }),
  ),
  events: arrayOf(shapeOf<ReplayEvent>({ t: num, kind: str, message: str, gate: unchecked, value: unchecked, phase: unchecked, failing: optional(bool) })),
  steps: arrayOf(shapeOf<ReplayStep>({ label: str, kind: str, durationMs: unchecked })),
  gates: arrayOf(shapeOf<ReplayGate>({ name: str, metric: oneOf(METRIC_NAMES), thresholds: unchecked, conditions: unchecked })),
});

/**
 * A replay embedded in a report: checked down to frame and event fields, not every nested count
 * (those fields say `unchecked`), because the file was written by renderReport and only a hand
 * edit could break it.
 */
export function isReplay(value: unknown): value is Replay {
  return replay(value, 'replay') === null && isRecord(value) && panelView(viewAtStart(value as unknown as Replay), 'view') === null;
}

function problemOf(message: unknown, checks: Record<string, Check>): string | null {
  if (!isRecord(message)) return 'message: expected an object';
  const { type } = message;
  if (typeof type !== 'string' || !Object.hasOwn(checks, type)) return `message.type: unknown type ${JSON.stringify(type)}`;
  return checks[type]?.(message, 'message') ?? null;
}

function viewAtStart(value: Replay): unknown {
  try {
    return viewAt(value, 0, { playing: false, speed: 1 });
  } catch {
    return null;
  }
}
