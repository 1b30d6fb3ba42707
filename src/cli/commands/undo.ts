import { executeRun } from '../../runner/execute';
import { releaseHistory, undoChoice } from '../../runner/history';
import { escapeControl } from '../../text/escape';
import { flag, rejectUnknownOptions, stringOption, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';
import { confirmed, loadRunnablePlan, printReport, releaseWords, runLog } from './run';

/**
 * `switchyard undo PLAN [--to REVISION] [--list] [--dry-run] [--yes] [--wait]`: release an
 * earlier version again, through the plan's own strategy and gates (an undo is a release too: it
 * can be watched, paused and rolled back). The journals say which versions this plan promoted;
 * without --to it goes back to the one the last promoted release replaced.
 *
 * @example
 * switchyard undo checkout.release.yaml --list
 * switchyard undo checkout.release.yaml --to v2 --yes
 */
export async function runUndo(args: ParsedArgs, io: CliIO): Promise<number> {
  rejectUnknownOptions(args, ['to', 'list', 'dry-run', 'yes', 'wait']);
  const loaded = loadRunnablePlan(args, io, 'undo', true);
  if (typeof loaded === 'number') return loaded;
  const { file, plan } = loaded;
  if (plan.targets?.instances?.process) {
    io.err(`${escapeControl(file)}: undo needs a target that keeps what it promoted (Kubernetes, or instances started by a command): a process target's stable instances are the plan's stablePorts, which a promotion replaced`);
    return EXIT.failed;
  }
  const history = releaseHistory(file, plan.service);
  if (flag(args, 'list')) {
    if (history.length === 0) io.out(`${plan.service}: no release of ${escapeControl(file)} was promoted yet`);
    for (const [index, revision] of history.entries()) {
      const now = index === history.length - 1 ? '  ← users are on this' : '';
      io.out(`${escapeControl(revision.version).padEnd(16)} promoted by the run of ${revision.at}${revision.replaced ? ` over ${escapeControl(revision.replaced)}` : ''}${revision.undoOf ? ' (an undo)' : ''}${now}`);
    }
    return EXIT.promoted;
  }
  const choice = undoChoice(history, stringOption(args, 'to'));
  if (!choice.ok) {
    io.err(`${escapeControl(file)}: ${escapeControl(choice.error)}`);
    return EXIT.failed;
  }
  const undo = { ...plan, version: choice.to, stableVersion: choice.from.version };
  io.out(`undo: ${plan.service} ${escapeControl(choice.from.version)} → ${escapeControl(choice.to)} (${escapeControl(choice.from.version)} was promoted by the run of ${choice.from.at}), through the plan's ${Object.keys(plan.strategy)[0] ?? ''} strategy and its gates`);
  const dryRun = flag(args, 'dry-run');
  if (!dryRun && !(await confirmed(args, io, `undo: ${releaseWords(undo)}`))) return EXIT.usage;
  const report = await executeRun({ planFile: file, plan: undo, dryRun, log: runLog(io), handleSignals: true, waitForOperator: flag(args, 'wait'), undoOf: choice.from.runDir });
  return printReport(report, io, loaded);
}
