import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readJournal, type JournalEntry } from './journal';

/** Runs live next to the plan, under `.switchyard/runs/<service>-<time>-<pid>/`, unless SWITCHYARD_STATE_DIR says otherwise. */
export function runsDir(planFile: string): string {
  return process.env.SWITCHYARD_STATE_DIR ?? join(dirname(resolve(planFile)), '.switchyard', 'runs');
}

/** `<service>-<ISO time with : and . as ->-<pid>`; the service is everything before the time. */
const RUN_NAME = /^(.+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-(\d+)$/;

/**
 * The folder of a new run. It is not created here: the journal creates it once the run holds
 * its targets, so a run refused by a lock leaves no empty folder behind.
 */
export function newRunDir(planFile: string, service: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(runsDir(planFile), `${service}-${stamp}-${process.pid}`);
}

export function journalPath(runDir: string): string {
  return join(runDir, 'journal.jsonl');
}

export function journalOf(runDir: string): JournalEntry[] {
  const path = journalPath(runDir);
  return existsSync(path) ? readJournal(path) : [];
}

/** A run that has not written `run.ended`: crashed, killed, or paused for an operator. */
export function isUnfinished(runDir: string): boolean {
  const entries = journalOf(runDir);
  return entries.length > 0 && !entries.some((entry) => entry.kind === 'outcome');
}

/**
 * The most recent run of exactly this service, newest first by folder name. A folder counts
 * when its name gives this service (not one that merely starts with it: `demo` is not
 * `demo-alias`) and its journal's first line, when there is one, says so too. Where
 * SWITCHYARD_STATE_DIR gathers the runs of many plans, a run counts only when its journal names
 * this plan file: two plans of one service (say, one per namespace) never pick up each other's run.
 *
 * @example
 * latestRun('examples/canary.release.yaml', 'demo') // '.../runs/demo-2026-01-02T03-04-05-678Z-4242', never a demo-alias run
 */
export function latestRun(planFile: string, service: string): string | undefined {
  return runsOf(planFile, service).at(-1);
}

/** Every run of exactly this service and plan (as {@link latestRun} counts them), oldest first. */
export function runsOf(planFile: string, service: string): string[] {
  const root = runsDir(planFile);
  if (!existsSync(root)) return [];
  const shared = process.env.SWITCHYARD_STATE_DIR !== undefined;
  return readdirSync(root)
    .filter((name) => RUN_NAME.exec(name)?.[1] === service && existsSync(journalPath(join(root, name))))
    .sort()
    .filter((name) => {
      const started = startOf(join(root, name));
      if (started === undefined) return !shared;
      return started.service === service && (!shared || samePlan(started.planFile, planFile));
    })
    .map((name) => join(root, name));
}

/** What a run's journal says in its first line; undefined when it has none yet. */
function startOf(runDir: string): { service: string; planFile: string } | undefined {
  const [first] = journalOf(runDir);
  return first?.kind === 'run.started' ? first.data : undefined;
}

function samePlan(journaled: string, planFile: string): boolean {
  return realOrResolved(journaled) === realOrResolved(planFile);
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(resolve(path));
  } catch {
    return resolve(path);
  }
}
