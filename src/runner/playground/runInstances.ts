import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { checkProcess } from '../../adapters/process/identity';
import { stopProcess } from '../../adapters/process/signals';
import { commandLine } from '../../adapters/procfs';
import type { ProcessIdentity } from '../../domain/ports';
import { readJournal, type JournalEntry } from '../journal';
import { runsDir } from '../runs';

/** An instance a run journaled as started (or spawned) and never as stopped. */
export interface JournaledInstance {
  runDir: string;
  id: string;
  pid: number;
  port: number;
  /** The process identity (boot and start ticks) the journal recorded, when it did. */
  identity: ProcessIdentity | undefined;
}

/**
 * The instances still journaled as running by the runs of the playground's plans: the promoted
 * version, and any a run left behind. Runs are found where the runner puts them for a plan in
 * `dir`; when SWITCHYARD_STATE_DIR gathers the runs of other plans too, only those whose plan
 * file is in `dir` count.
 */
export function journaledInstances(dir: string): JournaledInstance[] {
  // Every plan in `dir` has its runs in the same place.
  const root = runsDir(join(dir, 'canary.release.yaml'));
  if (!existsSync(root)) return [];
  const own = resolve(root) === resolve(dir, '.switchyard', 'runs');
  const found: JournaledInstance[] = [];
  for (const name of readdirSync(root)) {
    const journal = join(root, name, 'journal.jsonl');
    if (!existsSync(journal)) continue;
    const entries = readJournal(journal);
    if (!own && !entries.some((entry) => entry.kind === 'run.started' && inside(dir, entry.data.planFile))) continue;
    found.push(...liveInstances(join(root, name), entries));
  }
  return found;
}

function liveInstances(runDir: string, entries: readonly JournalEntry[]): JournaledInstance[] {
  const live = new Map<string, JournaledInstance>();
  for (const entry of entries) {
    if (entry.kind === 'instance.stopped') live.delete(entry.data.member.id);
    if (entry.kind !== 'instance.spawned' && entry.kind !== 'instance.started') continue;
    const { id, pid, port, identity } = entry.data.member;
    if (pid === undefined) continue;
    live.set(id, { runDir, id, pid, port, identity: identity ?? live.get(id)?.identity });
  }
  return [...live.values()];
}

function inside(dir: string, file: unknown): boolean {
  if (typeof file !== 'string') return false;
  const path = relative(resolve(dir), resolve(file));
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

/**
 * Whether `pid` is still the process the run started: it runs, it was given the instance's port
 * as an argument (the playground's plans start `demoService.mjs --port N`), and its start time
 * is the one the journal recorded, when it recorded one. A pid the system has since handed to
 * another process fails this and is left alone.
 */
export function isStillInstance(instance: JournaledInstance): boolean {
  if (checkProcess(instance.pid, instance.identity) !== 'running') return false;
  return commandLine(instance.pid).includes(String(instance.port));
}

/**
 * Stops every instance the playground's runs left running (SIGTERM, SIGKILL after `graceMs`)
 * and says what it did, one line each.
 */
export async function stopRunInstances(dir: string, graceMs = 3000): Promise<string[]> {
  const said: string[] = [];
  await Promise.all(
    journaledInstances(dir).map(async (instance) => {
      if (!isStillInstance(instance)) return;
      if ((await stopProcess(instance.pid, graceMs, instance.identity)) === 'other') return;
      said.push(`stopped ${instance.id} (pid ${instance.pid}, port ${instance.port}) started by the run in ${instance.runDir}`);
    }),
  );
  return said;
}
