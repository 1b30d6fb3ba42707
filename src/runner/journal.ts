import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { identityOf } from '../adapters/process/identity';
import type { Member, ProcessIdentity, RoutingSnapshot } from '../domain/ports';
import type { Outcome } from '../domain/strategies/effects';

/** A delayed machine event (a timed pause, an interval) pending when the state was recorded. */
export interface PendingTimer {
  event: { type: string };
  delay: number;
  startedAt: number;
}

/**
 * One line of a run's journal. The journal is append-only JSON lines, written and fsynced before
 * the runner acts (intent) and again after (result), so after a crash it says what was surely
 * done, what may have been half done, and what routing was last known to be safe.
 */
export type JournalEntry =
  /** `pid` and `identity`: the runner process, so a later command never takes a reused pid for it. */
  | { type: 'run.started'; planFile: string; service: string; strategy: string; version: string; pid: number; identity?: ProcessIdentity; lockKeys: string[]; dryRun: boolean }
  | { type: 'run.resumed'; pid: number; identity?: ProcessIdentity; interrupted: number[] }
  | { type: 'route.safe'; snapshot: RoutingSnapshot }
  | { type: 'action.intent'; id: number; effect: string; input: unknown; description: string }
  | { type: 'action.result'; id: number; ok: boolean; error?: string; ms: number }
  /** Spawned, not yet healthy: journaled before the health wait so a crash leaves no untracked process. */
  | { type: 'instance.spawned'; member: Member }
  | { type: 'instance.started'; member: Member }
  | { type: 'instance.stopped'; member: Member }
  | { type: 'measurement'; gate: string; version: string; value: number | null; phase: string; message?: string }
  | { type: 'state'; value: unknown; stepIndex: number; snapshot: unknown; timers: PendingTimer[] }
  | { type: 'operator'; event: string; commandId?: string }
  | { type: 'run.paused'; reason: string }
  | { type: 'run.ended'; outcome: Outcome; reason: string };

export type Stamped<T> = T & { seq: number; at: string };
export type StampedEntry = Stamped<JournalEntry>;

/**
 * An open journal. `append` returns only after the line is on disk (fsync), which costs about a
 * millisecond: cheap next to any action, and what makes "recorded before acting" true.
 *
 * @example
 * const journal = Journal.open('/tmp/run/journal.jsonl');
 * journal.append({ type: 'operator', event: 'operator.abort' });
 */
export class Journal {
  private constructor(
    readonly path: string,
    private readonly fd: number,
    private seq: number,
  ) {}

  /** Opens (or creates, with its run folder) a journal: a run folder exists only once its run holds its targets. */
  static open(path: string): Journal {
    mkdirSync(dirname(path), { recursive: true });
    const previous = existsSync(path) ? readJournal(path) : [];
    const fd = openSync(path, 'a');
    return new Journal(path, fd, previous.at(-1)?.seq ?? 0);
  }

  append(entry: JournalEntry): StampedEntry {
    this.seq += 1;
    const stamped = { seq: this.seq, at: new Date().toISOString(), ...withRunnerIdentity(entry) } as StampedEntry;
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
function withRunnerIdentity(entry: JournalEntry): JournalEntry {
  if ((entry.type !== 'run.started' && entry.type !== 'run.resumed') || entry.pid !== process.pid || entry.identity) return entry;
  const identity = identityOf(process.pid);
  return identity ? { ...entry, identity } : entry;
}

/** Every complete line of a journal; a torn last line (a crash mid-write) is skipped. */
export function readJournal(path: string): StampedEntry[] {
  const entries: StampedEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as StampedEntry);
    } catch {
      // A line cut short by a crash: the action it described was never confirmed.
    }
  }
  return entries;
}
