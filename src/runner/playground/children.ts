import { spawn, type ChildProcess } from 'node:child_process';

/**
 * How a child is stopped when it needs more than SIGTERM (nginx: through its master, workers
 * checked gone); resolves with what is left running when it could not stop it, else undefined.
 */
export type StopRoutine = (pid: number) => Promise<string | undefined>;

interface Child {
  process: ChildProcess;
  stop: StopRoutine | undefined;
}

/**
 * The processes a playground starts, watched: the first one that cannot start or exits before
 * `stopAll` is the playground's failure, with the last lines it wrote to stderr.
 */
export class PlaygroundChildren {
  private readonly children: Child[] = [];
  private stopping = false;
  failure: string | undefined;

  start(name: string, program: string, argv: string[], stop?: StopRoutine): void {
    const child = spawn(program, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-400)));
    child.on('error', (error) => (this.failure ??= `cannot start ${name} (${program}): ${error.message}; run scripts/setup.sh to install it`));
    child.on('exit', (code, signal) => {
      if (this.stopping) return;
      const said = stderr.trim() ? `: ${stderr.trim().split('\n').slice(-2).join(' ')}` : '';
      this.failure ??= `${name} exited with ${code ?? signal}${said}`;
    });
    this.children.push({ process: child, stop });
  }

  /**
   * Each child by its own stop routine, or SIGTERM and SIGKILL after `graceMs`; resolves once
   * every one has exited, so nothing outlives the playground. Returns what a stop routine could
   * not stop.
   */
  async stopAll(graceMs = 5000): Promise<string[]> {
    this.stopping = true;
    const problems: string[] = [];
    await Promise.all(
      this.children.map(async ({ process: child, stop }) => {
        if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        if (stop) {
          const problem = await stop(child.pid);
          if (problem !== undefined) problems.push(problem);
        } else {
          child.kill('SIGTERM');
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
    return problems;
  }
}
