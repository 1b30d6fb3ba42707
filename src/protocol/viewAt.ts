import { frameAt, phaseOf } from './replay';
import type { Replay, ReplayFrame } from './replay';
import type { EnvironmentView, FigureView, OutcomeView, PanelView, TrafficView } from './view';
import { eventLevel, gatesAt, metricsAt, trackAt } from './viewParts';

export interface PlaybackStatus {
  playing: boolean;
  /** Virtual seconds per real second. */
  speed: number;
}

const EMPTY_COUNTS = { ready: 0, starting: 0, draining: 0, failed: 0 };

/**
 * The complete panel view at virtual time t. Pure: the same replay and t give the same view, which
 * is what makes scrubbing back and forth exact.
 *
 * @example
 * const view = viewAt(replay, 200_000, { playing: false, speed: 60 });
 * view.outcome.outcome;   // 'rolledBack' once t reaches the end of a failed canary
 * view.traffic.weights;   // { stable: 100, candidate: 0 }
 */
export function viewAt(replay: Replay, time: number, playback: PlaybackStatus): PanelView {
  const t = Math.min(Math.max(0, time), replay.endMs);
  const frame = frameAt(replay, t);
  const state = frame?.state ?? '';
  return {
    session: replay.session,
    time: { t, endMs: replay.endMs, playing: playback.playing, speed: playback.speed },
    environments: environmentsAt(replay, frame),
    traffic: trafficAt(replay, frame),
    track: trackAt(replay, frame, t),
    gates: gatesAt(replay, t),
    metrics: metricsAt(replay, t),
    statechart: { ...replay.statechart, active: phaseOf(state), activePath: state },
    events: replay.events.flatMap((event, index) => (event.t <= t ? [{ index, t: event.t, kind: event.kind, message: event.message, level: eventLevel(event) }] : [])),
    outcome: outcomeAt(replay, frame, t),
  };
}

function environmentsAt(replay: Replay, frame: ReplayFrame | undefined): EnvironmentView[] {
  return replay.environments.map((environment) => ({ ...environment, counts: { ...(frame?.instances[environment.role] ?? EMPTY_COUNTS) } }));
}

function trafficAt(replay: Replay, frame: ReplayFrame | undefined): TrafficView {
  return {
    weights: { ...(frame?.weights ?? { stable: 100, candidate: 0 }) },
    rps: { stable: frame?.metrics.stable.rps ?? 0, candidate: frame?.metrics.candidate.rps ?? 0 },
    headerRoutes: replay.headerRoutes.slice(0, frame?.headerRoutes ?? 0),
    mirrorPercent: frame?.mirrorPercent ?? 0,
  };
}

/** The outcome is only told once playback reaches the end: until then the user watches it unfold. */
function outcomeAt(replay: Replay, frame: ReplayFrame | undefined, t: number): OutcomeView {
  const ended = t >= replay.endMs;
  const requests = frame?.requests ?? 0;
  const userErrors = frame?.userErrors ?? 0;
  const live: FigureView[] = [
    { key: 'requests', label: 'Requests served', value: formatCount(requests), bad: false },
    { key: 'candidateRequests', label: 'Served by the new version', value: formatCount(frame?.requestsToCandidate ?? 0), bad: false },
    { key: 'userErrors', label: 'Errors users saw', value: formatCount(userErrors), bad: userErrors > 0 && requests > 0 && userErrors / requests > 0.01 },
  ];
  return { outcome: ended ? replay.outcome : null, reason: ended ? replay.reason : '', figures: ended ? replay.figures : [], live };
}

/**
 * 12345 -> "12,345". Plain string work: toLocaleString builds locale data on first use, which
 * cost 50-120 ms of the panel's first paint.
 */
function formatCount(value: number): string {
  const digits = String(Math.round(Math.abs(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `-${grouped}` : grouped;
}
