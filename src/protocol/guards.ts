import { COMPARE_READING_KEYS, COMPARE_STATUSES, COMPARE_UNITS, MAX_COMPARE_RUNS } from './comparison';
import type { HostMessage, PanelIntent } from './messages';
import { MAX_SPEED, MIN_SPEED, OPERATOR_VERBS } from './messages';
import type { Check } from './validate';
import { arrayOf, bool, count, isRecord, nullable, num, numIn, oneOf, optional, recordOf, shape, str } from './validate';
import type { Replay } from './replay';
import type { PanelView } from './view';
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
const threshold = shape({ kind: oneOf(['success', 'failure']), op: oneOf(['<', '<=', '>', '>=']), value: num });
const figure = shape({ key: str, label: str, value: str, bad: bool });

const comparison = shape({
  options: arrayOf(shape({ id: str, label: str, description: str })),
  status: oneOf(COMPARE_STATUSES),
  scenario: str,
  runs: count,
  done: count,
  message: str,
  columns: arrayOf(
    shape({
      id: str,
      label: str,
      strategy: str,
      current: bool,
      outcomes: arrayOf(shape({ outcome: str, probability: share })),
      readings: arrayOf(shape({ key: oneOf(COMPARE_READING_KEYS), label: str, share, lowerIsBetter: bool, detail: str })),
      figures: arrayOf(shape({ key: str, label: str, unit: oneOf(COMPARE_UNITS), lowerIsBetter: bool, p5: num, p50: num, p95: num, mean: num })),
    }),
  ),
});

const panelView: Check = shape({
  session: shape({
    mode: oneOf(PANEL_MODES),
    service: str,
    strategy: str,
    engine: str,
    planUri: nullable(str),
    scenario: str,
    scenarios: arrayOf(shape({ name: str, description: str })),
    seed: count,
    injectedFaults: arrayOf(shape({ t: nonNegative, kind: str, role: nullable(role) })),
    faultKinds: arrayOf(str),
  }),
  time: shape({ t: nonNegative, endMs: nonNegative, playing: bool, speed: numIn(MIN_SPEED, MAX_SPEED) }),
  environments: arrayOf(shape({ role, label: str, version: str, counts: recordOf(INSTANCE_STATES, count) })),
  traffic: shape({
    weights: recordOf(ROLES, percent),
    rps: recordOf(ROLES, nonNegative),
    headerRoutes: arrayOf(shape({ name: str, match: str })),
    mirrorPercent: percent,
  }),
  track: shape({
    steps: arrayOf(shape({ index: count, label: str, kind: str, status: oneOf(STEP_STATUSES), durationMs: nullable(nonNegative), remainingMs: nullable(nonNegative) })),
    phase: str,
    estimatedDurationMs: nonNegative,
  }),
  gates: arrayOf(
    shape({
      name: str,
      metric: oneOf(METRIC_NAMES),
      thresholds: arrayOf(threshold),
      measurements: arrayOf(shape({ t: nonNegative, value: nullable(num), phase: oneOf(MEASUREMENT_PHASES) })),
      phase: oneOf(GATE_PHASES),
      firedAt: nullable(nonNegative),
      message: str,
    }),
  ),
  metrics: arrayOf(
    shape({
      metric: oneOf(METRIC_NAMES),
      label: str,
      unit: oneOf(['ratio', 'ms', 'rps']),
      series: arrayOf(shape({ role, label: str, points: arrayOf(shape({ t: nonNegative, value: num })) })),
      thresholds: arrayOf(shape({ gate: str, kind: oneOf(['success', 'failure']), op: str, value: num })),
      firings: arrayOf(shape({ gate: str, t: nonNegative })),
    }),
  ),
  statechart: shape({
    initial: str,
    states: arrayOf(shape({ id: str, final: bool })),
    transitions: arrayOf(shape({ from: str, to: str, events: arrayOf(str) })),
    active: str,
    activePath: str,
  }),
  events: arrayOf(shape({ index: count, t: nonNegative, kind: str, message: str, level: oneOf(EVENT_LEVELS) })),
  outcome: shape({ outcome: nullable(str), reason: str, figures: arrayOf(figure), live: arrayOf(figure) }),
  comparison: optional(comparison),
  live: optional(shape({ runDir: str, startedAt: str, state: oneOf(LIVE_RUN_STATES), waiting: bool, verbs: arrayOf(oneOf(OPERATOR_VERBS)) })),
});

const hostMessage: Record<HostMessage['type'], Check> = {
  'view/snapshot': shape({ seq: count, view: panelView }),
  'view/error': shape({ seq: count, message: str }),
};

const seed: Check = count;
const speed: Check = (value, path) => (num(value, path) ?? ((value as number) >= MIN_SPEED && (value as number) <= MAX_SPEED ? null : `${path}: expected ${MIN_SPEED}..${MAX_SPEED}`));
const time: Check = (value, path) => (num(value, path) ?? ((value as number) >= 0 ? null : `${path}: expected a time >= 0`));
const none = shape({});
const runs: Check = (value, path) => (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_COMPARE_RUNS ? null : `${path}: expected a whole number 1..${MAX_COMPARE_RUNS}`);

const panelIntent: Record<PanelIntent['type'], Check> = {
  'panel/ready': none,
  'playback/play': none,
  'playback/pause': none,
  'playback/step': shape({ direction: oneOf([1, -1]) }),
  'playback/seek': shape({ t: time }),
  'playback/speed': shape({ speed }),
  'scenario/choose': shape({ name: str }),
  'seed/set': shape({ seed }),
  'fault/inject': shape({ kind: str, role: optional(nullable(role)) }),
  'fault/clear': none,
  'report/export': none,
  'compare/run': shape({ with: str, runs }),
  'compare/clear': none,
  'compare/choose': shape({ id: str }),
  ...(Object.fromEntries(OPERATOR_VERBS.map((verb) => [`operator/${verb}`, none])) as Record<`operator/${(typeof OPERATOR_VERBS)[number]}`, Check>),
};

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

const replay: Check = shape({
  endMs: num,
  outcome: str,
  reason: str,
  frames: arrayOf(shape({ t: num, state: str, stepIndex: num })),
  events: arrayOf(shape({ t: num, kind: str, message: str })),
  steps: arrayOf(shape({ label: str, kind: str })),
  gates: arrayOf(shape({ name: str, metric: oneOf(METRIC_NAMES) })),
});

/**
 * A replay embedded in a report: checked down to frame and event fields, not every nested count,
 * because the file was written by renderReport and only a hand edit could break it.
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
