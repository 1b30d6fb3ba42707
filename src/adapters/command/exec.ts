import { spawn } from 'node:child_process';
import type { PortResult } from '../../domain/ports';

export interface ExecOutput {
  stdout: string;
  stderr: string;
}

/** Process groups of programs still running, killed if the runner exits before they finish. */
const running = new Set<number>();
let exitHookInstalled = false;

/**
 * Runs a program with arguments, never through a shell (a plan value can hold spaces, quotes or
 * `;` without becoming a second command), and kills it when it overruns `timeoutMs`, so a hung
 * script fails the step instead of hanging the release. The program leads a process group of
 * its own, and the whole group is killed: a script's children (`sleep 100 &`, a server it
 * started) go with it instead of living on unwatched.
 *
 * @example
 * await execArgv(['/usr/local/bin/set-weights', '80', '20'], { timeoutMs: 30_000 });
 * // { ok: true, value: { stdout: '', stderr: '' } }
 */
export function execArgv(argv: readonly string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string }): Promise<PortResult<ExecOutput>> {
  const [program, ...args] = argv;
  if (program === undefined) return Promise.resolve({ ok: false, error: 'empty command: give a program and its arguments' });
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const child = spawn(program, args, { shell: false, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, cwd: options.cwd });
    const group = child.pid;
    if (group !== undefined) track(group);
    const finish = (result: PortResult<ExecOutput>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (group !== undefined) running.delete(group);
      resolve(result);
    };
    const timer = setTimeout(() => {
      if (group !== undefined) killGroup(group);
      finish({ ok: false, error: `${program} did not finish within ${options.timeoutMs} ms (killed); raise its timeout or fix the script` });
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => finish({ ok: false, error: `cannot run ${program}: ${error.message}` }));
    child.on('close', (code, signal) => {
      if (code === 0) return finish({ ok: true, value: { stdout, stderr } });
      const how = signal ? `was killed by ${signal}` : `exited with ${code}`;
      const detail = stderr.trim().split('\n').slice(-3).join(' | ');
      finish({ ok: false, error: `${program} ${how}${detail ? `: ${detail}` : ''}` });
    });
  });
}

function track(group: number): void {
  running.add(group);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pgid of running) killGroup(pgid);
  });
}

/** SIGKILL to every process of the group led by `pgid` (the program, and what it started). */
function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}

/**
 * Replaces `{{name}}` in each argument; unknown names stay as written so a typo shows in the error.
 *
 * @example
 * templateArgs(['set', '{{stable}}', '{{candidate}}'], { stable: '80', candidate: '20' }); // ['set', '80', '20']
 */
export function templateArgs(argv: readonly string[], values: Record<string, string>): string[] {
  return argv.map((arg) => fillTemplate(arg, values));
}

export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
