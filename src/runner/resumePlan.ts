import type { RoutingSnapshot } from '../domain/ports';
import { actionKey, type RunnerContext } from './context';
import { liveMembers } from './fleet';
import type { PendingTimer } from '../domain/run/events';
import type { JournalEntry } from './journal';

export interface ResumePoint {
  /** The machine's last persisted snapshot, or undefined when it crashed before the first. */
  snapshot: unknown;
  /** Actions with an intent and no result: they may be half done; their effect runs again. */
  interrupted: number[];
  /** The routing recorded as safe when the run started. */
  safe: RoutingSnapshot | undefined;
  /** Delayed events pending in the last snapshot (a timed pause), to re-arm. */
  timers: PendingTimer[];
}

/**
 * Reads a journal to continue a run: the last persisted snapshot, instances still running (the
 * adapter takes them over), the last confirmed route, and the actions completed after the last
 * snapshot. Those are answered from the journal when the restored machine asks again, so every
 * action appears in the journal once.
 */
export function prepareResume(entries: readonly JournalEntry[], context: RunnerContext): ResumePoint {
  let lastState = -1;
  let snapshot: unknown;
  let timers: PendingTimer[] = [];
  let safe: RoutingSnapshot | undefined;
  const results = new Map<number, boolean>();
  for (const [index, entry] of entries.entries()) {
    if (entry.kind === 'machine.state' && entry.data.persisted) {
      lastState = index;
      snapshot = entry.data.persisted.snapshot;
      timers = entry.data.persisted.timers;
    }
    if (entry.kind === 'route.safe') safe = entry.data.snapshot;
    if (entry.kind === 'action.result') results.set(entry.data.id, entry.data.ok);
    if (entry.kind === 'action.intent' || entry.kind === 'action.result') context.nextActionId = Math.max(context.nextActionId, entry.data.id + 1);
  }
  const interrupted: number[] = [];
  for (const [index, entry] of entries.entries()) {
    if (entry.kind !== 'action.intent') continue;
    const { id, effect, input } = entry.data;
    const result = results.get(id);
    if (result === undefined) interrupted.push(id);
    else if (result && index > lastState) context.replay.set(actionKey(effect, input), id);
  }
  context.ports.instances.adopt?.(liveMembers(entries));
  const route = (snapshot as { context?: { route?: RunnerContext['route'] } } | undefined)?.context?.route;
  if (route) context.route = route;
  return { snapshot, interrupted, safe, timers };
}
