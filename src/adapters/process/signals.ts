import type { ProcessIdentity } from '../../domain/ports';
import { checkProcess } from './identity';

/** How a stop went: `stopped` (signalled until it exited), `gone` (nothing to stop), `other` (the pid is another process now: not signalled). */
export type StopOutcome = 'stopped' | 'gone' | 'other';

/**
 * SIGTERM, so the instance finishes what it is serving, then SIGKILL if it is still there after
 * `graceMs`. Instances are started detached, so they are signalled as a process group: a
 * wrapper script and the server it runs go together. Before each signal the pid is checked
 * against the identity recorded when it was started: a pid reused by another process is never
 * signalled.
 */
export async function stopProcess(pid: number, graceMs: number, identity?: ProcessIdentity): Promise<StopOutcome> {
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pid, name);
    } catch {
      try {
        process.kill(pid, name);
      } catch {
        // already gone
      }
    }
  };
  const first = checkProcess(pid, identity);
  if (first !== 'running') return first;
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (checkProcess(pid, identity) !== 'running') return 'stopped';
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (checkProcess(pid, identity) !== 'running') return 'stopped';
  signal('SIGKILL');
  // Stopped means gone: the kernel tears a killed process down asynchronously, so wait for it.
  const killDeadline = Date.now() + KILL_WAIT_MS;
  while (Date.now() < killDeadline && checkProcess(pid, identity) === 'running') await new Promise((resolve) => setTimeout(resolve, 20));
  return 'stopped';
}

/** How long a SIGKILLed process may take to be gone before the stop returns anyway. */
const KILL_WAIT_MS = 2_000;
