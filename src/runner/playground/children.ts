import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The processes a playground starts, watched: the first one that cannot start or exits before
 * `stopAll` is the playground's failure, with the last lines it wrote to stderr.
 */
export class PlaygroundChildren {
  private readonly children: ChildProcess[] = [];
  private stopping = false;
  failure: string | undefined;

  start(name: string, program: string, argv: string[]): void {
    const child = spawn(program, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-400)));
    child.on('error', (error) => (this.failure ??= `cannot start ${name} (${program}): ${error.message}; run scripts/setup.sh to install it`));
    child.on('exit', (code, signal) => {
      if (this.stopping) return;
      const said = stderr.trim() ? `: ${stderr.trim().split('\n').slice(-2).join(' ')}` : '';
      this.failure ??= `${name} exited with ${code ?? signal}${said}`;
    });
    this.children.push(child);
  }

  /** SIGTERM to each, SIGKILL after `graceMs`; resolves once every one has exited, so nothing outlives the playground. */
  async stopAll(graceMs = 5000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
