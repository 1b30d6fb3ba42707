import type { OperatorEvent } from '../../domain/strategies/effects';
import { findRun } from '../../runner/control';
import { executeRun } from '../../runner/execute';
import { needsFinishing } from '../../runner/finish';
import { sendOperatorCommand, type OperatorCommand } from '../../runner/operator';
import { flag, rejectUnknownOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';
import { confirmed, loadRunnablePlan, printReport, runLog } from './run';

const VERBS: Record<string, OperatorEvent> = {
  promote: { type: 'operator.promote' },
  'promote-full': { type: 'operator.promoteFull' },
  retry: { type: 'operator.retry' },
  'skip-step': { type: 'operator.skipStep' },
};

/**
 * `switchyard resume PLAN [--promote|--promote-full|--retry|--skip-step] [--run DIR] [--yes]`:
 * continue the plan's latest unfinished run from its journal (after a crash, a kill, or a pause).
 */
export async function runResume(args: ParsedArgs, io: CliIO): Promise<number> {
  rejectUnknownOptions(args, ['run', 'yes', 'wait', ...Object.keys(VERBS)]);
  const loaded = loadRunnablePlan(args, io, 'resume', true);
  if (typeof loaded === 'number') return loaded;
  const info = findRun(loaded.file, loaded.plan.service, stringOption(args, 'run'));
  if (!info) {
    io.err(`switchyard resume: no run of ${loaded.plan.service} found; start one with \`switchyard run ${loaded.file}\``);
    return EXIT.usage;
  }
  if (info.finished && needsFinishing(info.entries)) {
    io.err(`switchyard resume: the latest run (${info.runDir}) failed before its rollback completed; \`switchyard abort ${loaded.file}\` finishes it (all traffic to stable, then the candidate stopped)`);
    return EXIT.usage;
  }
  if (info.finished) {
    io.err(`switchyard resume: the latest run (${info.runDir}) already ended; start a new one with \`switchyard run ${loaded.file}\``);
    return EXIT.usage;
  }
  const operator = Object.entries(VERBS).flatMap(([name, event]) => (flag(args, name) ? [event] : []));
  if (info.livePid !== undefined) {
    // A live runner: this is the operator's "resume" (release a pause), sent over its channel.
    const verb = operator.length === 0 ? 'resume' : (operator[0]?.type.replace('operator.', '') as OperatorCommand);
    const sent = await sendOperatorCommand(info.runDir, verb);
    if (!sent.ok) io.err(`switchyard resume: ${sent.error}`);
    else io.out(sent.message);
    return sent.ok ? EXIT.promoted : EXIT.failed;
  }
  if (!(await confirmed(args, io, `resume ${loaded.plan.service}`))) return EXIT.usage;
  const report = await executeRun({
    planFile: loaded.file,
    plan: loaded.plan,
    log: runLog(io),
    handleSignals: true,
    waitForOperator: flag(args, 'wait'),
    resume: { runDir: info.runDir, entries: info.entries, operator, restoreFirst: false },
  });
  return printReport(report, io);
}

const CLI_VERBS: Record<string, OperatorCommand> = { promote: 'promote', 'promote-full': 'promoteFull', pause: 'pause', retry: 'retry', 'skip-step': 'skipStep' };

/**
 * `switchyard promote|promote-full|pause|retry|skip-step PLAN [--run DIR]`: an operator command
 * for the run's live runner. When no runner drives the run (it stopped as paused, or crashed),
 * the command continues it here instead, as `switchyard resume PLAN --VERB` would.
 */
export function operatorCommand(verb: string): (args: ParsedArgs, io: CliIO) => Promise<number> {
  return async (args, io) => {
    rejectUnknownOptions(args, ['run', 'yes', 'wait']);
    const command = CLI_VERBS[verb];
    if (command === undefined) throw new UsageError(`unknown operator command ${verb}`);
    const loaded = loadRunnablePlan(args, io, verb);
    if (typeof loaded === 'number') return loaded;
    const info = findRun(loaded.file, loaded.plan.service, stringOption(args, 'run'));
    if (info && !info.finished && info.livePid === undefined && VERBS[verb]) {
      args.options.set(verb, true);
      return runResume(args, io);
    }
    const sent = await sendOperatorCommand(info?.runDir ?? loaded.file, command);
    if (!sent.ok) {
      io.err(`switchyard ${verb}: ${sent.error}`);
      return EXIT.usage;
    }
    io.out(sent.message);
    return EXIT.promoted;
  };
}
