import type {
  EnvironmentView,
  FigureView,
  HeaderRouteView,
  InstanceCountsView,
  MeasurementPhase,
  MetricName,
  RoleName,
  SessionView,
  StatechartView,
  ThresholdView,
} from './view';

/**
 * One recorded run, reduced to what the panel needs, from which the view at any instant follows
 * (`viewAt`). The host builds it from a plan and a RunResult; a standalone report embeds it, so
 * the same pure code replays a run in VS Code and in a browser with no simulator at hand.
 */
export interface Replay {
  session: SessionView;
  /** Virtual time at which the run ended. */
  endMs: number;
  outcome: string;
  reason: string;
  figures: FigureView[];
  environments: Omit<EnvironmentView, 'counts'>[];
  steps: ReplayStep[];
  /** Every header route the plan can set, in order; a frame says how many are active. */
  headerRoutes: HeaderRouteView[];
  gates: ReplayGate[];
  statechart: Omit<StatechartView, 'active' | 'activePath'>;
  /** Ordered by t; several frames may share a t (one per machine transition), the last wins. */
  frames: ReplayFrame[];
  /** The journal, ordered by t. */
  events: ReplayEvent[];
}

export interface RoleMetricsFrame {
  rps: number;
  errorRate: number;
  latencyP50: number;
  latencyP99: number;
}

export interface ReplayFrame {
  t: number;
  /** The machine's state value as a dotted path; parallel regions joined with ", ". */
  state: string;
  stepIndex: number;
  instances: Record<RoleName, InstanceCountsView>;
  weights: Record<RoleName, number>;
  mirrorPercent: number;
  /** How many of `Replay.headerRoutes` the router applies. */
  headerRoutes: number;
  metrics: Record<RoleName, RoleMetricsFrame>;
  requests: number;
  requestsToCandidate: number;
  userErrors: number;
}

export interface ReplayEvent {
  t: number;
  kind: string;
  message: string;
  /** gate.measure and gate.result carry their gate, value and phase. */
  gate?: string;
  value?: number | null;
  phase?: MeasurementPhase;
  /** machine.state and outcome: the release failed or is undoing itself (a fact of the run, not read from the message). */
  failing?: boolean;
}

export interface ReplayStep {
  label: string;
  kind: string;
  durationMs: number | null;
}

export interface ReplayGate {
  name: string;
  metric: MetricName;
  thresholds: ThresholdView[];
  /** The plan's conditions in words, shown before the gate has measured anything. */
  conditions: string;
}

/**
 * The frame in effect at time t: the last one recorded at or before it (binary search, since
 * playback asks for this every tick). Before the first frame, the first.
 *
 * @example
 * frameAt(replay, 0);            // the world when the run starts
 * frameAt(replay, replay.endMs); // the world when it ended
 */
export function frameAt(replay: Replay, t: number): ReplayFrame | undefined {
  const { frames } = replay;
  let low = 0;
  let high = frames.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const frame = frames[middle];
    if (frame !== undefined && frame.t <= t) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return frames[Math.max(0, found)];
}

/**
 * Where "step" goes from t: the next (direction 1) or previous (-1) journal time, so each step
 * shows one thing happening. Stays within [0, endMs].
 *
 * @example
 * nextStop(replay, 0, 1);       // time of the first event after the start
 * nextStop(replay, 18_973, -1); // time of the event before the traffic shift
 */
export function nextStop(replay: Replay, t: number, direction: 1 | -1): number {
  if (direction === 1) {
    const next = replay.events.find((event) => event.t > t);
    return next ? next.t : replay.endMs;
  }
  let previous = 0;
  for (const event of replay.events) {
    if (event.t >= t) break;
    previous = event.t;
  }
  return previous;
}

/** The top-level state of a dotted state path: "progressing.steps.pausing, background.idle" -> "progressing". */
export function phaseOf(state: string): string {
  return state.split(/[.,]/, 1)[0]?.trim() ?? '';
}
