import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { identityOf } from '../adapters/process/identity';
import type { RunEvent, RunEventData, RunEventKind } from '../domain/run/events';
import { fromLegacyLine } from './journalLegacy';
import { describeEntry } from './journalWords';

export type Stamped<T> = T & { seq: number; at: string };

/**
 * One line of a run's journal: a run event (the union a simulation writes too) with its sequence
 * number and wall-clock time. The journal is append-only JSON lines, written and fsynced before
 * the runner acts (intent) and again after (result), so after a crash it says what was surely
 * done, what may have been half done, and what routing was last known to be safe.
 */
export type JournalEntry = Stamped<RunEvent>;

/** A journal entry of one kind, for narrowing. */
export type EntryOf<K extends RunEventKind> = Extract<JournalEntry, { kind: K }>;

/**
 * An open journal. `append` returns only after the line is on disk (fsync), which costs about a
 * millisecond: cheap next to any action, and what makes "recorded before acting" true. `t` counts
 * from the journal's first line, so a resumed run keeps one time axis.
 *
 * @example
 * const journal = Journal.open('/tmp/run/journal.jsonl');
 * journal.append('operator', { event: 'operator.abort' });
 */
export class Journal {
  private constructor(
    readonly path: string,
    private readonly fd: number,
    private seq: number,
    private origin: number | undefined,
  ) {}

  /** Opens (or creates, with its run folder) a journal: a run folder exists only once its run holds its targets. */
  static open(path: string): Journal {
    mkdirSync(dirname(path), { recursive: true });
    const previous = existsSync(path) ? readJournal(path) : [];
    const fd = openSync(path, 'a');
    const first = previous[0];
    return new Journal(path, fd, previous.at(-1)?.seq ?? 0, first ? Date.parse(first.at) - first.t : undefined);
  }

  /** Appends one event; its message is the runner's wording of it unless given. */
  append<K extends RunEventKind>(kind: K, data: RunEventData[K], message?: string): EntryOf<K> {
    this.seq += 1;
    const now = Date.now();
    this.origin ??= now;
    const withIdentity = withRunnerIdentity(kind, data);
    const event = { t: now - this.origin, kind, message: message ?? describeEntry(kind, withIdentity), data: withIdentity } as RunEvent;
    const stamped = { seq: this.seq, at: new Date(now).toISOString(), ...event } as EntryOf<K>;
    writeSync(this.fd, `${JSON.stringify(stamped)}\n`);
    fsyncSync(this.fd);
    return stamped;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * A runner records itself as it starts or resumes a run: its pid, and the identity that tells it
 * from a later process given the same pid, whoever builds the entry.
 */
function withRunnerIdentity<K extends RunEventKind>(kind: K, data: RunEventData[K]): RunEventData[K] {
  if (kind !== 'run.started' && kind !== 'run.resumed') return data;
  const runner = data as RunEventData['run.started' | 'run.resumed'];
  if (runner.pid !== process.pid || runner.identity) return data;
  const identity = identityOf(process.pid);
  return (identity ? { ...runner, identity } : data) as RunEventData[K];
}

/**
 * Every complete line of a journal; a torn last line (a crash mid-write) is skipped. Lines in the
 * earlier format (`type` with its fields beside it) read as the same events.
 */
export function readJournal(path: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let origin: number | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      // A line cut short by a crash: the action it described was never confirmed.
      continue;
    }
    const entry = isEntry(parsed) ? parsed : fromLegacyLine(parsed, (origin ??= Date.parse((parsed as { at?: string }).at ?? '') || 0));
    if (entry) entries.push(entry);
  }
  return entries;
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Partial<JournalEntry> | null;
  return typeof entry?.kind === 'string' && typeof entry.seq === 'number' && typeof entry.at === 'string' && typeof entry.t === 'number';
}

/** The last machine state a real run persisted (what resume restores), or undefined before the first. */
export function lastPersisted(entries: readonly RunEvent[]): RunEventData['machine.state'] | undefined {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    if (entry?.kind === 'machine.state' && entry.data.persisted) return entry.data;
  }
  return undefined;
}

/** The runner process that last started or resumed the run. */
export function lastRunner(entries: readonly RunEvent[]): RunEventData['run.started' | 'run.resumed'] | undefined {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    if (entry?.kind === 'run.started' || entry?.kind === 'run.resumed') return entry.data;
  }
  return undefined;
}
