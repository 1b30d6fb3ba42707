import { lastOf } from '../domain/run/events';
import type { JournalEntry } from './journal';

/**
 * A run that ended `failed` after it acted: its rollback did not complete (the router died, a
 * scale-down failed), so traffic may still reach the candidate and the candidate may still run.
 * Such a run keeps its targets locked until `switchyard abort` finishes it.
 */
export function needsFinishing(entries: readonly JournalEntry[]): boolean {
  return lastOf(entries, 'outcome')?.data.outcome === 'failed' && entries.some((entry) => entry.kind === 'action.intent');
}
