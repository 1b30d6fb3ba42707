import type { HostMessage, PanelIntent } from '../src/protocol/messages';
import { PlaybackClock } from '../src/protocol/playback';
import { nextStop } from '../src/protocol/replay';
import type { Replay } from '../src/protocol/replay';
import { viewAt } from '../src/protocol/viewAt';
import type { HostBridge } from './bridge';

/** The report replays at 30 frames a second: it runs locally, so there is no message cost to save. */
const TICK_MS = 33;

/**
 * Stands in for the extension host inside a standalone report: the same intents, answered from
 * the recorded run with the same pure viewAt. What needs the simulator (scenario, seed, faults)
 * is not offered there: the view says so by listing no fault kinds. It opens on the answer (the
 * run's end: outcome, figures, the final state); Play replays it from the start.
 */
export function reportBridge(replay: Replay, speed = 60): HostBridge {
  const listeners = new Set<(message: unknown) => void>();
  let state: unknown;
  let seq = 0;
  let opened = false;
  const send = (message: HostMessage): void => {
    for (const listener of listeners) listener(message);
  };
  const clock: PlaybackClock = new PlaybackClock({
    scheduler: {
      now: () => performance.now(),
      every: (ms, tick) => {
        const timer = setInterval(tick, ms);
        return () => clearInterval(timer);
      },
    },
    tickMs: TICK_MS,
    speed,
    endMs: replay.endMs,
    onChange: () => {
      seq += 1;
      send({ type: 'view/snapshot', seq, view: viewAt(replay, clock.t, { playing: clock.playing, speed: clock.speed }) });
    },
  });
  const apply = (intent: PanelIntent): void => {
    switch (intent.type) {
      case 'panel/ready':
        if (!opened) {
          opened = true;
          return clock.seek(replay.endMs);
        }
        return clock.seek(clock.t);
      case 'playback/play':
        return clock.play();
      case 'playback/pause':
        return clock.pause();
      case 'playback/step':
        clock.pause();
        return clock.seek(nextStop(replay, clock.t, intent.direction));
      case 'playback/seek':
        return clock.seek(intent.t);
      case 'playback/speed':
        return clock.setSpeed(intent.speed);
      default:
        seq += 1;
        return send({ type: 'view/error', seq, message: `${intent.type} is not available in a report: it replays one recorded run. Open the plan in VS Code to try it.` });
    }
  };
  return {
    // Asynchronous like postMessage, so the app never handles a reply inside its own call.
    post: (intent) => void Promise.resolve().then(() => apply(intent)),
    onMessage: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    setState: (next) => (state = next),
  };
}
