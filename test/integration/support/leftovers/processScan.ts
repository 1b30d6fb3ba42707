import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { commandLine, processStat } from '../../../../src/adapters/procfs';

/** A process still running that a test started, and how it was recognised. */
export interface LeftoverProcess {
  pid: number;
  command: string;
  why: string;
}

/**
 * The processes that belong to this test run and still run: those descending from `self` (the
 * test process) by their parent chain, and those that mention `marker` (the run's private temp
 * folder) in their working directory, command line, environment or open files. The second
 * kind catches what the parent chain loses: nginx workers whose master was killed, instances
 * started detached, anything re-parented to init. `self`, its ancestors and its siblings (other
 * test workers of the same runner) are not leftovers; zombies have already exited.
 */
export function leftoverProcesses(marker: string, self = process.pid): LeftoverProcess[] {
  const parents = new Map<number, number>();
  for (const pid of allPids()) {
    const stat = processStat(pid);
    if (stat && stat.state !== 'Z') parents.set(pid, stat.ppid);
  }
  const ancestors = chain(self, parents);
  // A runner's workers share its parent; init's other children are exactly what to look for.
  const runner = parents.get(self);
  const sibling = (ppid: number): boolean => runner !== undefined && runner > 1 && ppid === runner;
  const found: LeftoverProcess[] = [];
  for (const [pid, ppid] of parents) {
    if (pid === self || ancestors.includes(pid) || sibling(ppid)) continue;
    const why = chain(pid, parents).includes(self) ? `a child of the test process ${self}` : mention(pid, marker);
    if (why) found.push({ pid, command: commandLine(pid).join(' ') || '?', why });
  }
  return found;
}

function allPids(): number[] {
  try {
    return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return [];
  }
}

/** The parent chain of `pid`, nearest first, up to init. */
function chain(pid: number, parents: ReadonlyMap<number, number>): number[] {
  const seen: number[] = [];
  let current = parents.get(pid);
  while (current !== undefined && current > 1 && !seen.includes(current)) {
    seen.push(current);
    current = parents.get(current);
  }
  return seen;
}

function mention(pid: number, marker: string): string | undefined {
  if (link(`/proc/${pid}/cwd`)?.startsWith(marker)) return `works in ${link(`/proc/${pid}/cwd`)}`;
  if (commandLine(pid).some((arg) => arg.includes(marker))) return 'names the test temp folder in its command line';
  if (read(`/proc/${pid}/environ`)?.includes(marker)) return 'inherited the test temp folder in its environment';
  const open = files(pid).find((file) => file.startsWith(marker));
  return open ? `holds ${open} open` : undefined;
}

function files(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => link(`/proc/${pid}/fd/${fd}`) ?? []);
  } catch {
    return [];
  }
}

function link(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
