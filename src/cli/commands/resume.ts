import type { OperatorEvent } from '../../domain/strategies/effects';
import { findRun } from '../../runner/control';
import { executeRun } from '../../runner/execute';
import { flag, rejectUnknownOptions, stringOption, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';
import { confirmed, loadRunnablePlan, printReport } from './run';

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
  rejectUnknownOptions(args, ['run', 'yes', ...Object.keys(VERBS)]);
  const loaded = loadRunnablePlan(args, io, 'resume');
  if (typeof loaded === 'number') return loaded;
  const info = findRun(loaded.file, loaded.plan.service, stringOption(args, 'run'));
  if (!info) {
    io.err(`switchyard resume: no run of ${loaded.plan.service} found; start one with \`switchyard run ${loaded.file}\``);
    return EXIT.usage;
  }
  if (info.finished) {
    io.err(`switchyard resume: the latest run (${info.runDir}) already ended; start a new one with \`switchyard run ${loaded.file}\``);
    return EXIT.usage;
  }
  if (info.livePid !== undefined) {
    io.err(`switchyard resume: the run ${info.runDir} is still being driven by pid ${info.livePid}; abort it with \`switchyard abort ${loaded.file}\``);
    return EXIT.usage;
  }
  const operator = Object.entries(VERBS).flatMap(([name, event]) => (flag(args, name) ? [event] : []));
  if (!(await confirmed(args, io, `resume ${loaded.plan.service}`))) return EXIT.usage;
  const report = await executeRun({
    planFile: loaded.file,
    plan: loaded.plan,
    log: io.out,
    handleSignals: true,
    resume: { runDir: info.runDir, entries: info.entries, operator, restoreFirst: false },
  });
  return printReport(report, io);
}
