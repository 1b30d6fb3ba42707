import { childPids, commandLine, isRunning, signalProcess } from '../procfs';

/** How long each step of a stop may take before the next, harder one. */
export interface NginxStopTimes {
  /** After SIGQUIT: workers finish the requests they are serving, then exit. */
  quitMs: number;
  /** After SIGTERM: the master tells its workers to exit now (and kills them itself after a second). */
  termMs: number;
}

export const NGINX_STOP_TIMES: NginxStopTimes = { quitMs: 5000, termMs: 2000 };

/** How nginx went away: `quit` is the graceful stop; `kill` means it had to be SIGKILLed, workers included. */
export type NginxStopped = { ok: true; how: 'gone' | 'quit' | 'term' | 'kill' } | { ok: false; error: string; leftovers: number[] };

const POLL_MS = 25;
/** After SIGKILL the kernel only has to reap them. */
const KILL_WAIT_MS = 1000;

/**
 * Stops an nginx through its master: SIGQUIT (graceful: requests in flight are answered), then
 * SIGTERM after `quitMs`, then SIGKILL after `termMs`, to the master and to every worker it was
 * seen with. Killing the master alone is what leaves workers behind: they are re-parented and
 * keep listening on its port, serving the last config, with no master to stop them. So the
 * workers are followed by pid from the start, and the stop is done only when they are gone too.
 *
 * @example
 * const stopped = await stopNginx(child.pid);
 * if (!stopped.ok) console.error(stopped.error);
 */
export async function stopNginx(master: number, times: NginxStopTimes = NGINX_STOP_TIMES): Promise<NginxStopped> {
  const workers = new Set<number>();
  const follow = (): void => {
    if (isRunning(master)) for (const pid of childPids(master)) workers.add(pid);
  };
  const gone = (): boolean => {
    follow();
    return !isRunning(master) && [...workers].every((pid) => !isRunning(pid));
  };
  follow();
  if (!isRunning(master)) return { ok: true, how: 'gone' };

  signalProcess(master, 'SIGQUIT');
  if (await until(gone, times.quitMs)) return { ok: true, how: 'quit' };
  signalProcess(master, 'SIGTERM');
  if (await until(gone, times.termMs)) return { ok: true, how: 'term' };

  signalProcess(master, 'SIGKILL');
  // A pid seen as a worker is signalled only while it still says it is nginx: it may have been
  // reused since it exited.
  for (const pid of workers) if (isRunning(pid) && isNginx(pid)) signalProcess(pid, 'SIGKILL');
  if (await until(gone, KILL_WAIT_MS)) return { ok: true, how: 'kill' };
  const leftovers = [master, ...workers].filter(isRunning);
  return { ok: false, error: `nginx master ${master}: ${leftovers.join(', ')} still running after SIGQUIT, SIGTERM and SIGKILL`, leftovers };
}

function isNginx(pid: number): boolean {
  return commandLine(pid)[0]?.startsWith('nginx') ?? false;
}

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}
