import { checkProcess } from '../adapters/process/identity';
import { lastRunner, type EntryOf, type JournalEntry } from './journal';
import { isUnfinished, journalOf, latestRun } from './runs';

export interface RunInfo {
  runDir: string;
  entries: JournalEntry[];
  /** The pid of the runner process that last drove the run, while it is still that process (a reused pid is not). */
  livePid: number | undefined;
  finished: boolean;
}

/** The latest run of a plan (or the one given), with whether a runner process still drives it. */
export function findRun(planFile: string, service: string, runDir?: string): RunInfo | undefined {
  const dir = runDir ?? latestRun(planFile, service);
  if (dir === undefined) return undefined;
  const entries = journalOf(dir);
  if (entries.length === 0) return undefined;
  const runner = lastRunner(entries);
  const finished = !isUnfinished(dir);
  const paused = entries.at(-1)?.kind === 'run.paused';
  const livePid = !finished && !paused && runner !== undefined && runner.pid !== process.pid && checkProcess(runner.pid, runner.identity) === 'running' ? runner.pid : undefined;
  return { runDir: dir, entries, livePid, finished };
}

/** Waits until a run's journal says it ended (a live runner finishing its rollback), or the timeout. */
export async function waitForEnd(runDir: string, timeoutMs: number): Promise<EntryOf<'outcome' | 'run.paused'> | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ended = journalOf(runDir).find((entry): entry is EntryOf<'outcome' | 'run.paused'> => entry.kind === 'outcome' || entry.kind === 'run.paused');
    if (ended) return ended;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}
