import { findRun, waitForEnd } from '../../runner/control';
import { executeRun } from '../../runner/execute';
import { finishFailedRun, needsFinishing } from '../../runner/finish';
import { rejectUnknownOptions, stringOption, type ParsedArgs } from '../args';
import { EXIT, exitCodeForOutcome } from '../exitCodes';
import type { CliIO } from '../io';
import { loadRunnablePlan, printReport, runLog } from './run';

const LIVE_ABORT_TIMEOUT_MS = 120_000;

/**
 * `switchyard abort PLAN [--run DIR]`: stop the plan's latest unfinished run. A live runner is
 * asked to abort (SIGTERM; it rolls back itself); otherwise the last safe routing is restored
 * first, then the machine rolls back from its journal and the candidate is scaled down. A run
 * that ended failed (its rollback could not complete, e.g. the router died) is finished: all
 * traffic to stable, verified, then the candidate stopped; while the router is still down it
 * says so, exits 5, and a later abort tries again.
 */
export async function runAbort(args: ParsedArgs, io: CliIO): Promise<number> {
  rejectUnknownOptions(args, ['run', 'yes']);
  const loaded = loadRunnablePlan(args, io, 'abort', true);
  if (typeof loaded === 'number') return loaded;
  const info = findRun(loaded.file, loaded.plan.service, stringOption(args, 'run'));
  if (info?.finished && needsFinishing(info.entries)) {
    const report = await finishFailedRun({ planFile: loaded.file, plan: loaded.plan, runDir: info.runDir, entries: info.entries, log: runLog(io) });
    return printReport(report, io);
  }
  if (!info || info.finished) {
    io.err(`switchyard abort: no unfinished run of ${loaded.plan.service}; nothing to abort`);
    return EXIT.usage;
  }
  if (info.livePid !== undefined) {
    io.out(`asking the runner (pid ${info.livePid}) to abort ${info.runDir}`);
    process.kill(info.livePid, 'SIGTERM');
    const ended = await waitForEnd(info.runDir, LIVE_ABORT_TIMEOUT_MS);
    if (ended?.kind !== 'outcome') {
      io.err(`switchyard abort: the runner did not finish its rollback within ${LIVE_ABORT_TIMEOUT_MS / 1000} s; see ${info.runDir}/journal.jsonl`);
      return EXIT.failed;
    }
    io.out(`${ended.data.outcome}: ${ended.data.reason}`);
    return exitCodeForOutcome(ended.data.outcome);
  }
  const report = await executeRun({
    planFile: loaded.file,
    plan: loaded.plan,
    log: runLog(io),
    resume: { runDir: info.runDir, entries: info.entries, operator: [{ type: 'operator.abort', reason: 'aborted by operator' }], restoreFirst: true },
  });
  return printReport(report, io);
}
