import type { ComparisonView } from './comparison';
import type { RiskView } from './risk';

/**
 * What the release panel draws for one instant of a run. The host builds it; the webview only
 * draws it, so every number the user sees is computed once, on one side, from one run.
 * Plain JSON data: it crosses postMessage and is embedded in standalone reports.
 */

export const ROLES = ['stable', 'candidate'] as const;
export type RoleName = (typeof ROLES)[number];

/** Drawing order of instance cells inside an environment: serving first, then the rest. */
export const INSTANCE_STATES = ['ready', 'starting', 'draining', 'failed'] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];
export type InstanceCountsView = Record<InstanceState, number>;

export const METRIC_NAMES = ['errorRate', 'latencyP50', 'latencyP99', 'requestRate'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const MEASUREMENT_PHASES = ['successful', 'failed', 'inconclusive', 'error'] as const;
export type MeasurementPhase = (typeof MEASUREMENT_PHASES)[number];

export const GATE_PHASES = [...MEASUREMENT_PHASES, 'running', 'pending'] as const;
export type GatePhase = (typeof GATE_PHASES)[number];

export const STEP_STATUSES = ['done', 'current', 'pending', 'failed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const EVENT_LEVELS = ['info', 'warning', 'error'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];

export const PANEL_MODES = ['simulation', 'report', 'live'] as const;
/**
 * simulation: the host re-simulates on demand; report: a standalone file replays one recorded run;
 * live: a real run, read from its journal as it grows (no playback, operator verbs act on it).
 */
export type PanelMode = (typeof PANEL_MODES)[number];

/** One side of the release (stable/canary, blue/green, A/B...) as a group of instance cells. */
export interface EnvironmentView {
  role: RoleName;
  /** What this strategy calls the role: "stable", "canary", "blue (active)", "variant B"... */
  label: string;
  version: string;
  counts: InstanceCountsView;
}

export interface HeaderRouteView {
  name: string;
  /** The match in words, e.g. "header x-canary = always". */
  match: string;
}

export interface TrafficView {
  /** Percent of live traffic per role, as the router applies it now; the two sum to 100. */
  weights: Record<RoleName, number>;
  /** Requests per second each role served in the last interval. */
  rps: Record<RoleName, number>;
  headerRoutes: HeaderRouteView[];
  /** Percent of live traffic copied to the candidate (shadow); users never see its responses. */
  mirrorPercent: number;
}

export interface StepView {
  index: number;
  label: string;
  kind: string;
  status: StepStatus;
  durationMs: number | null;
  /** Time left in a timed pause or interval while it is the current step. */
  remainingMs: number | null;
}

export interface TrackView {
  steps: StepView[];
  /** The machine's top-level state: provisioning, progressing, promoting, rollingBack, promoted... */
  phase: string;
  /** Sum of the timed steps: a lower bound of the release's duration when nothing fails. */
  estimatedDurationMs: number;
}

export interface ThresholdView {
  /** success: the value must stay on the passing side; failure: crossing it fails the measurement. */
  kind: 'success' | 'failure';
  op: '<' | '<=' | '>' | '>=';
  value: number;
}

export interface MeasurementView {
  t: number;
  value: number | null;
  phase: MeasurementPhase;
}

export interface GateView {
  name: string;
  metric: MetricName;
  thresholds: ThresholdView[];
  measurements: MeasurementView[];
  phase: GatePhase;
  /** When the gate's failure decided the run, if it has by now. */
  firedAt: number | null;
  /** The gate's last result in words, or its conditions before it has one. */
  message: string;
}

export interface SeriesPoint {
  t: number;
  value: number;
}

export interface MetricSeriesView {
  role: RoleName;
  label: string;
  points: SeriesPoint[];
}

export interface MetricChartView {
  metric: MetricName;
  label: string;
  unit: 'ratio' | 'ms' | 'rps';
  series: MetricSeriesView[];
  thresholds: (ThresholdView & { gate: string })[];
  firings: { gate: string; t: number }[];
}

export interface StateNodeView {
  id: string;
  /** Terminal states (promoted, rolledBack, aborted, failed) end the run. */
  final: boolean;
}

export interface TransitionView {
  from: string;
  to: string;
  events: string[];
}

export interface StatechartView {
  initial: string;
  states: StateNodeView[];
  transitions: TransitionView[];
  /** The active top-level state, one of `states`. */
  active: string;
  /** The full active path for the caption, e.g. "progressing.steps.pausing.timed". */
  activePath: string;
}

export interface EventView {
  /** Position in the run's journal: a stable key. */
  index: number;
  t: number;
  kind: string;
  message: string;
  level: EventLevel;
}

export interface FigureView {
  key: string;
  label: string;
  value: string;
  /** Figures that went badly (errors seen, capacity lost) are marked for the eye. */
  bad: boolean;
}

export interface OutcomeView {
  /** promoted, rolledBack, aborted, paused, failed; null until playback reaches the end. */
  outcome: string | null;
  reason: string;
  figures: FigureView[];
  /** Cumulative figures up to now, shown while the run plays. */
  live: FigureView[];
}

export interface InjectedFaultView {
  t: number;
  kind: string;
  role: RoleName | null;
}

export interface SessionView {
  mode: PanelMode;
  service: string;
  strategy: string;
  engine: string;
  /** The plan file the panel shows, so a reloaded panel can simulate it again. */
  planUri: string | null;
  scenario: string;
  scenarios: { name: string; description: string }[];
  seed: number;
  injectedFaults: InjectedFaultView[];
  /** Fault kinds the user may inject; empty where the panel cannot re-simulate (a report). */
  faultKinds: string[];
}

export interface TimeView {
  t: number;
  endMs: number;
  playing: boolean;
  /** Virtual seconds per real second. */
  speed: number;
}

export const LIVE_RUN_STATES = ['running', 'paused', 'interrupted', 'ended'] as const;
export type LiveRunState = (typeof LIVE_RUN_STATES)[number];

/** A real run the panel follows (mode live): which run, where it is, and what an operator may do now. */
export interface LiveRunView {
  runDir: string;
  /** ISO time the runner started; the view's times count from it. */
  startedAt: string;
  state: LiveRunState;
  /** The machine waits for a person (paused by policy, an indefinite pause, awaiting promotion). */
  waiting: boolean;
  /** Operator verbs that make sense now (OPERATOR_VERBS); empty once the run ended. */
  verbs: string[];
}

export interface PanelView {
  session: SessionView;
  /** Present in live mode only. */
  live?: LiveRunView;
  time: TimeView;
  environments: EnvironmentView[];
  traffic: TrafficView;
  track: TrackView;
  gates: GateView[];
  metrics: MetricChartView[];
  statechart: StatechartView;
  events: EventView[];
  outcome: OutcomeView;
  /** Side-by-side Monte Carlo comparison; absent where the panel cannot simulate (a report). */
  comparison?: ComparisonView;
  /** The plan's bad and good scenarios over many seeds, as distributions; absent where the panel cannot simulate. */
  risk?: RiskView;
}
