import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readJournal, type StampedEntry } from './journal';

/** Runs live next to the plan, under `.switchyard/runs/<service>-<time>/`, unless SWITCHYARD_STATE_DIR says otherwise. */
export function runsDir(planFile: string): string {
  return process.env.SWITCHYARD_STATE_DIR ?? join(dirname(resolve(planFile)), '.switchyard', 'runs');
}

export function newRunDir(planFile: string, service: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = join(runsDir(planFile), `${service}-${stamp}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function journalPath(runDir: string): string {
  return join(runDir, 'journal.jsonl');
}

export function journalOf(runDir: string): StampedEntry[] {
  const path = journalPath(runDir);
  return existsSync(path) ? readJournal(path) : [];
}

/** A run that has not written `run.ended`: crashed, killed, or paused for an operator. */
export function isUnfinished(runDir: string): boolean {
  const entries = journalOf(runDir);
  return entries.length > 0 && !entries.some((entry) => entry.type === 'run.ended');
}

/** The most recent run of a plan's service, newest first by directory name. */
export function latestRun(planFile: string, service: string): string | undefined {
  const root = runsDir(planFile);
  if (!existsSync(root)) return undefined;
  const dirs = readdirSync(root)
    .filter((name) => name.startsWith(`${service}-`) && existsSync(journalPath(join(root, name))))
    .sort();
  const last = dirs.at(-1);
  return last === undefined ? undefined : join(root, last);
}
