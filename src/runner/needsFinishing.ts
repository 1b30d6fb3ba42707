import type { StampedEntry } from './journal';

/**
 * A run that ended `failed` after it acted: its rollback did not complete (the router died, a
 * scale-down failed), so traffic may still reach the candidate and the candidate may still run.
 * Such a run keeps its targets locked until `switchyard abort` finishes it.
 */
export function needsFinishing(entries: readonly StampedEntry[]): boolean {
  const ended = [...entries].reverse().find((entry) => entry.type === 'run.ended');
  return ended?.type === 'run.ended' && ended.outcome === 'failed' && entries.some((entry) => entry.type === 'action.intent');
}
