import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { httpGet } from '../../../src/adapters/process/httpGet';
import { readJournal } from '../../../src/runner/journal';
import { waitFor } from './ports';

export const DEMO_SERVICE = resolve(__dirname, '../../../playground/demoService.mjs');

/** How a child that needs more than SIGKILL to leave nothing behind is stopped (nginx: through its master). */
export type StopRoutine = (child: ChildProcess) => Promise<void>;

/** Children the suite started; `stopAll` stops each by its own pid in afterAll, by its stop routine when it has one. */
export class Processes {
  private readonly children: { child: ChildProcess; stop: StopRoutine | undefined }[] = [];
  readonly dirs: string[] = [];

  tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), `switchyard-${prefix}-`));
    this.dirs.push(dir);
    return dir;
  }

  start(program: string, args: string[], options: { cwd?: string; stop?: StopRoutine } = {}): ChildProcess {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`${program} exited ${code}: ${output.slice(-2000)}\n`);
    });
    this.children.push({ child, stop: options.stop });
    return child;
  }

  async demo(port: number, version: string, extra: string[] = []): Promise<ChildProcess> {
    const child = this.start(process.execPath, [DEMO_SERVICE, '--port', String(port), '--version', version, ...extra]);
    await waitFor(async () => (await httpGet(`http://127.0.0.1:${port}/healthz`, 500)).ok, 5000, `demo ${version} on ${port}`);
    return child;
  }

  /** Instances the runner started (journaled with their pid) that are still up: promoted candidates. */
  killJournaledInstances(stateDir: string | undefined): void {
    if (!stateDir || !existsSync(stateDir)) return;
    for (const run of readdirSync(stateDir)) {
      const journal = join(stateDir, run, 'journal.jsonl');
      if (!existsSync(journal)) continue;
      for (const entry of readJournal(journal)) {
        const pid = entry.kind === 'instance.started' || entry.kind === 'instance.spawned' ? entry.data.member.pid : undefined;
        if (pid === undefined) continue;
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already stopped by the release itself
        }
      }
    }
  }

  async stopAll(): Promise<void> {
    this.killJournaledInstances(process.env.SWITCHYARD_STATE_DIR);
    const running = this.children.filter(({ child }) => child.exitCode === null && child.signalCode === null && child.pid);
    const stopped = await Promise.allSettled(running.map(({ child, stop }) => (stop ? stop(child) : killAndWait(child))));
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    const failed = stopped.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

function killAndWait(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGKILL');
  return exited;
}
