import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const KUBE = resolve(__dirname, '../../../scripts/kube');
const ENV = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/local/go/bin` };

/** A script of scripts/kube, its output trimmed. */
export function kubeScript(name: string, ...args: string[]): string {
  return execFileSync('bash', [join(KUBE, name), ...args], { env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A real controller process on the test cluster, its output in a log file. */
export interface RunningController {
  readonly name: string;
  readonly log: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the controller to bind). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * Starts `binary args` with its output in `log`, and waits until `healthUrl` answers 200 (the
 * controller has its informers synced and serves its health endpoint, on 127.0.0.1 only, see
 * scripts/kube/controllers.sh). Fails with the log's tail if it exits or never turns healthy.
 */
export async function startController(name: string, binary: string, args: string[], env: Record<string, string>, log: string, healthUrl: string): Promise<RunningController> {
  const fd = openSync(log, 'a');
  const child = spawn(binary, args, { env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  const controller = { name, log, stop: () => stopChild(child) };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return controller;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  await controller.stop();
  throw new Error(`${name} ${exited ?? `was not healthy at ${healthUrl} within 90 s`}; the end of its log:\n${tail(log)}`);
}

/** The last lines of a log, for an error message. */
export function tail(log: string, lines = 30): string {
  try {
    return readFileSync(log, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** SIGTERM, then SIGKILL after five seconds; resolves once the process is gone. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
