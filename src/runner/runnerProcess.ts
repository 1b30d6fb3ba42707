import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

/** A `switchyard` CLI process driving (or dry-running, resuming, aborting) a release. */
export interface RunnerProcess {
  pid: number | undefined;
  /** Everything the runner prints, appended as it goes; the tracker tails it. */
  logFile: string;
  /** The exit code, or null when it was killed by a signal. */
  exited: Promise<number | null>;
}

export interface RunnerOptions {
  /** dist/cli.js of the installed extension. */
  cliPath: string;
  args: string[];
  cwd: string;
  /** Where the runner's output goes (the extension's log folder). */
  logDir: string;
  /** Extra environment (metric tokens): passed to the process, never on its command line. */
  env: Record<string, string>;
}

/**
 * Starts the runner as its own process, not inside the extension host: it survives a crashed or
 * reloaded window (the journal lets VS Code find it again), its synchronous journal fsyncs never
 * stall the editor, and SIGTERM is its live abort. Output goes to a file, not a pipe, so a
 * runner that outlives the window never dies of a broken pipe mid-release.
 */
export function startRunner(options: RunnerOptions): RunnerProcess {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = join(options.logDir, `runner-${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.floor(performance.now())}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [options.cliPath, ...options.args], {
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', fd, fd],
    // In desktop VS Code execPath is Electron: this makes it a plain Node.
    env: { ...process.env, ...options.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code));
  });
  child.unref();
  return { pid: child.pid, logFile, exited };
}
