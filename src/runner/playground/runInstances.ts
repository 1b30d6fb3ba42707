import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { checkProcess } from '../../adapters/process/identity';
import { stopProcess } from '../../adapters/process/signals';
import { commandLine } from '../../adapters/procfs';
import type { ProcessIdentity } from '../../domain/ports';
import { readJournal } from '../journal';
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

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

/**
 * The instances still journaled as running by the runs of the playground's plans: the promoted
 * version, and any a run left behind. Runs are found where the runner puts them for a plan in
 * `dir`; when SWITCHYARD_STATE_DIR gathers the runs of other plans too, only those whose plan
 * file is in `dir` count. Entries are read as plain data, so fields added later do not matter.
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
    const entries: unknown[] = readJournal(journal);
    if (!own && !entries.some((entry) => isFields(entry) && entry.type === 'run.started' && inside(dir, entry.planFile))) continue;
    found.push(...liveInstances(join(root, name), entries));
  }
  return found;
}

function liveInstances(runDir: string, entries: readonly unknown[]): JournaledInstance[] {
  const live = new Map<string, JournaledInstance>();
  for (const entry of entries) {
    if (!isFields(entry) || !isFields(entry.member)) continue;
    const { id, pid, port } = entry.member;
    if (typeof id !== 'string') continue;
    if (entry.type === 'instance.stopped') live.delete(id);
    if ((entry.type === 'instance.spawned' || entry.type === 'instance.started') && typeof pid === 'number' && typeof port === 'number') {
      const identity = identityField(entry.member.identity) ?? live.get(id)?.identity;
      live.set(id, { runDir, id, pid, port, identity });
    }
  }
  return [...live.values()];
}

function identityField(value: unknown): ProcessIdentity | undefined {
  return isFields(value) && typeof value.bootId === 'string' && typeof value.startTicks === 'number' ? { bootId: value.bootId, startTicks: value.startTicks } : undefined;
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
