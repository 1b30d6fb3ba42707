import { readFileSync } from 'node:fs';

/** What /proc/PID/stat says of a process that matters to stopping it. */
export interface ProcessStat {
  ppid: number;
  /** R running, S sleeping, T stopped, Z zombie (exited, not yet reaped by its parent)... */
  state: string;
  /** When it started, in clock ticks since boot: with the pid, what names one process for good. */
  startTicks: number;
}

/**
 * Reads /proc/PID/stat; undefined when the process is gone or there is no /proc. The command
 * name sits in parentheses and may itself contain spaces or parentheses, so fields are counted
 * from the last `)`.
 */
export function processStat(pid: number): ProcessStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const startTicks = Number(fields[19]);
    return fields[0] && Number.isInteger(ppid) && Number.isInteger(startTicks) ? { ppid, state: fields[0], startTicks } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process exists, a zombie included (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process that exists and has not exited: a zombie answers signal 0 but serves nothing. */
export function isRunning(pid: number): boolean {
  const stat = processStat(pid);
  return stat ? stat.state !== 'Z' : isAlive(pid);
}

/** The arguments a process was started with (or its retitled name, as nginx's workers set it); [] when gone. */
export function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** The direct children of a process; [] when it is gone or there is no /proc. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Sends a signal if the process is still there; false when it was already gone. */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
