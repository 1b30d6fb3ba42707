import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../domain/plan/parse';
import type { OperatorEvent } from '../domain/strategies/effects';
import { findRun } from './control';
import { journalOf } from './runs';

/**
 * The live operator channel. A command is a small JSON file dropped into the run's `control/`
 * directory (written to a temp name, then renamed, so the runner never reads half a file); the
 * runner polls that directory on its 50 ms loop, journals each command with its id, deletes the
 * file and sends the event to the machine. A file, not a socket: it needs no listener to be up
 * when the command is sent, survives a runner restart (a resumed runner picks it up), and works
 * the same from the CLI, VS Code or a script.
 */

export const OPERATOR_COMMANDS = ['promote', 'promoteFull', 'pause', 'resume', 'retry', 'skipStep', 'abort'] as const;
export type OperatorCommand = (typeof OPERATOR_COMMANDS)[number];

interface ControlMessage {
  id: string;
  command: OperatorCommand;
  sentAt: string;
  pid: number;
}

export type OperatorResult = { ok: true; runDir: string; id: string; message: string } | { ok: false; error: string };

export function controlDir(runDir: string): string {
  return join(runDir, 'control');
}

export function operatorEvent(command: OperatorCommand): OperatorEvent {
  return command === 'abort' ? { type: 'operator.abort', reason: 'aborted by operator' } : { type: `operator.${command}` };
}

/** A plan file or a run directory, to the run a command is for. */
function resolveRun(target: string): { runDir: string; livePid: number | undefined; finished: boolean } | { error: string } {
  if (existsSync(join(target, 'journal.jsonl'))) {
    const info = findRun('', '', target);
    return info ? info : { error: `${target} has an empty journal` };
  }
  if (!existsSync(target) || statSync(target).isDirectory()) return { error: `${target} is neither a plan file nor a run directory` };
  const parsed = parsePlan(readFileSync(target, 'utf8'), target);
  if (!parsed.ok) return { error: `${target} is not a valid plan: run \`switchyard lint ${target}\`` };
  const info = findRun(target, parsed.plan.service);
  return info ? info : { error: `no run of ${parsed.plan.service} found; start one with \`switchyard run ${target}\`` };
}

/**
 * Sends an operator command to the runner that drives a run, and waits until the runner has
 * journaled it (taken it), so the caller knows it arrived. A run with no live runner is refused
 * with what to do instead (`resume --promote`).
 *
 * @example
 * const sent = await sendOperatorCommand('examples/playground/canary.release.yaml', 'promote');
 * if (!sent.ok) console.error(sent.error);
 */
export async function sendOperatorCommand(target: string, command: OperatorCommand, options: { timeoutMs?: number } = {}): Promise<OperatorResult> {
  if (!OPERATOR_COMMANDS.includes(command)) return { ok: false, error: `unknown operator command "${String(command)}"; known: ${OPERATOR_COMMANDS.join(', ')}` };
  const run = resolveRun(target);
  if ('error' in run) return { ok: false, error: run.error };
  if (run.finished) return { ok: false, error: `the run ${run.runDir} already ended; nothing to ${command}` };
  if (run.livePid === undefined) {
    return { ok: false, error: `no runner is driving ${run.runDir} (it stopped, paused or crashed): use \`switchyard resume PLAN --${kebab(command)}\` to continue it with this command` };
  }
  const id = `${Date.now()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const dir = controlDir(run.runDir);
  mkdirSync(dir, { recursive: true });
  const message: ControlMessage = { id, command, sentAt: new Date().toISOString(), pid: process.pid };
  const temp = join(dir, `.${id}.tmp`);
  writeFileSync(temp, JSON.stringify(message));
  renameSync(temp, join(dir, `${id}.json`));
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (Date.now() < deadline) {
    if (journalOf(run.runDir).some((entry) => entry.kind === 'operator' && entry.data.commandId === id)) {
      return { ok: true, runDir: run.runDir, id, message: `${command} taken by the runner (pid ${run.livePid})` };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Not taken: withdraw it, so it does not fire later by surprise.
  try {
    unlinkSync(join(dir, `${id}.json`));
  } catch {
    return { ok: true, runDir: run.runDir, id, message: `${command} taken by the runner (pid ${run.livePid})` };
  }
  return { ok: false, error: `the runner (pid ${run.livePid}) did not take ${command} within ${options.timeoutMs ?? 10_000} ms; see ${run.runDir}/journal.jsonl` };
}

/** Commands waiting in a run's control directory, oldest first; each file is removed as it is read. */
export function takeOperatorCommands(runDir: string): { id: string; command: OperatorCommand }[] {
  const dir = controlDir(runDir);
  if (!existsSync(dir)) return [];
  const taken: { id: string; command: OperatorCommand }[] = [];
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.json')).sort()) {
    const path = join(dir, name);
    try {
      const message = JSON.parse(readFileSync(path, 'utf8')) as ControlMessage;
      unlinkSync(path);
      if (OPERATOR_COMMANDS.includes(message.command)) taken.push({ id: message.id, command: message.command });
    } catch {
      // Withdrawn by its sender between readdir and read, or not ours: skip it.
    }
  }
  return taken;
}

function kebab(command: OperatorCommand): string {
  return command.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
