import type { Ports } from '../adapters/factory';
import type { Plan } from '../domain/plan/schema';
import type { RouteSpec } from '../domain/strategies/effects';
import type { RunEventData, RunEventKind } from '../domain/run/events';
import type { EntryOf } from './journal';
import { Mutex } from './mutex';

/** Where journal lines go: the run's file, or nowhere in a dry run. */
export interface JournalSink {
  append<K extends RunEventKind>(kind: K, data: RunEventData[K], message?: string): EntryOf<K> | undefined;
}

/** Everything the real effect actors share during one runner process. */
export interface RunnerContext {
  plan: Plan;
  ports: Ports;
  journal: JournalSink;
  dryRun: boolean;
  /** A line for the operator (stdout of the CLI). */
  log: (line: string) => void;
  /** Milliseconds since this process started the run. */
  now: () => number;
  /** Routing last confirmed in effect; members added later get their role's share of it. */
  route: RouteSpec;
  /** Effects completed before a crash whose result the machine never saw: answered from the journal. */
  replay: Map<string, number>;
  /** Approvals being waited for: the run stops as paused while any is. */
  waiting: Set<string>;
  mutex: Mutex;
  /** Wall time of the last failure reported to the machine, for detection-to-restore figures. */
  failureAt: number | null;
  /** Next action id (journal-wide, continues across resumes). */
  nextActionId: number;
}

export function createRunnerContext(fields: Omit<RunnerContext, 'mutex' | 'failureAt' | 'waiting' | 'replay'> & Partial<Pick<RunnerContext, 'replay'>>): RunnerContext {
  return { ...fields, replay: fields.replay ?? new Map(), waiting: new Set(), mutex: new Mutex(), failureAt: null };
}

/** An effect invocation as a replay key: the same effect with the same input is the same action. */
export function actionKey(effect: string, input: unknown): string {
  return `${effect} ${JSON.stringify(input)}`;
}
