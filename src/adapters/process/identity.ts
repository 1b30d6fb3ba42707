import { readFileSync } from 'node:fs';
import type { ProcessIdentity } from '../../domain/ports';
import { isRunning, processStat } from '../procfs';

let cachedBootId: string | null | undefined;

/** This boot of the machine (/proc/sys/kernel/random/boot_id); undefined where there is no /proc. */
export function bootId(): string | undefined {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId ?? undefined;
}

/**
 * The identity of a running process, to record beside its pid; undefined when it is gone or the
 * system has no /proc (then only the pid is recorded, and trusted as before).
 *
 * @example
 * const member = { id: 'candidate-0', pid: child.pid, identity: identityOf(child.pid) };
 */
export function identityOf(pid: number): ProcessIdentity | undefined {
  const boot = bootId();
  const stat = processStat(pid);
  return boot !== undefined && stat !== undefined ? { bootId: boot, startTicks: stat.startTicks } : undefined;
}

/** A runner's own pid and identity, as run.started, run.resumed and lock files record them. */
export function thisProcess(): { pid: number; identity?: ProcessIdentity } {
  const identity = identityOf(process.pid);
  return identity ? { pid: process.pid, identity } : { pid: process.pid };
}

/**
 * What a recorded pid is now: `running` (the same process), `gone` (exited, a zombie included),
 * or `other` (the pid was reused by another process, or the machine rebooted since). A record
 * without an identity is judged by the pid alone.
 */
export type ProcessCheck = 'running' | 'gone' | 'other';

export function checkProcess(pid: number, recorded: ProcessIdentity | undefined): ProcessCheck {
  if (pid <= 0) return 'gone';
  const stat = processStat(pid);
  if (stat === undefined) return bootId() === undefined && isRunning(pid) ? 'running' : 'gone';
  if (stat.state === 'Z') return 'gone';
  if (recorded === undefined) return 'running';
  return recorded.bootId === bootId() && recorded.startTicks === stat.startTicks ? 'running' : 'other';
}

/** What is said instead of signalling a reused pid. */
export function notSignalled(pid: number): string {
  return `pid ${pid} is now another process; not signalled`;
}
