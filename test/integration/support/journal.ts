import { allOf } from '../../../src/domain/run/events';
import type { EntryOf, JournalEntry } from '../../../src/runner/journal';

/** Journal helpers for assertions: time of an entry in ms since epoch, actions by effect. */
export function timeOf(entry: JournalEntry): number {
  return Date.parse(entry.at);
}

export function actions(entries: readonly JournalEntry[]): { id: number; effect: string; description: string; results: EntryOf<'action.result'>[] }[] {
  return allOf(entries, 'action.intent').map(({ data: { id, effect, description } }) => ({ id, effect, description, results: allOf(entries, 'action.result').filter((other) => other.data.id === id) }));
}

/** Time of the result of the first action matching `description` after `since`. */
export function resultTime(entries: readonly JournalEntry[], match: RegExp, since = 0): number | null {
  for (const action of actions(entries)) {
    const result = action.results[0];
    if (match.test(action.description) && result && timeOf(result) >= since) return timeOf(result);
  }
  return null;
}
