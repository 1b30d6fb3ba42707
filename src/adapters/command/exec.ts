import { spawn } from 'node:child_process';
import type { PortResult } from '../../domain/ports';

export interface ExecOutput {
  stdout: string;
  stderr: string;
}

/**
 * Runs a program with arguments, never through a shell (a plan value can hold spaces, quotes or
 * `;` without becoming a second command), and kills it when it overruns `timeoutMs`, so a hung
 * script fails the step instead of hanging the release.
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
    const finish = (result: PortResult<ExecOutput>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const child = spawn(program, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, cwd: options.cwd });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
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
