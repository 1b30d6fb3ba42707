import type { StampedEntry } from '../../../src/runner/journal';

/** Journal helpers for assertions: time of an entry in ms since epoch, actions by effect. */
export function timeOf(entry: StampedEntry): number {
  return Date.parse(entry.at);
}

export function actions(entries: readonly StampedEntry[]): { id: number; effect: string; description: string; results: StampedEntry[] }[] {
  return entries.flatMap((entry) =>
    entry.type === 'action.intent'
      ? [{ id: entry.id, effect: entry.effect, description: entry.description, results: entries.filter((other) => other.type === 'action.result' && other.id === entry.id) }]
      : [],
  );
}

/** Time of the result of the first action matching `description` after `since`. */
export function resultTime(entries: readonly StampedEntry[], match: RegExp, since = 0): number | null {
  for (const action of actions(entries)) {
    const result = action.results[0];
    if (match.test(action.description) && result && timeOf(result) >= since) return timeOf(result);
  }
  return null;
}
