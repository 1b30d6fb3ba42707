import { findRun } from '../../runner/control';
import { runStatus } from '../../runner/status';
import { flag, rejectUnknownOptions, stringOption, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';
import { loadRunnablePlan } from './run';

/** `switchyard status PLAN [--run DIR] [--json]`: where the latest run is, what it did, how it ended. */
export function runStatusCommand(args: ParsedArgs, io: CliIO): number {
  rejectUnknownOptions(args, ['run', 'json']);
  const loaded = loadRunnablePlan(args, io, 'status');
  if (typeof loaded === 'number') return loaded;
  const info = findRun(loaded.file, loaded.plan.service, stringOption(args, 'run'));
  if (!info) {
    io.out(`no run of ${loaded.plan.service} yet`);
    return EXIT.promoted;
  }
  const status = runStatus(info);
  if (flag(args, 'json')) {
    io.out(JSON.stringify(status, null, 2));
    return EXIT.promoted;
  }
  io.out(`${loaded.plan.service}: ${status.state}${status.outcome ? ` (${status.outcome})` : ''}${info.livePid ? `, runner pid ${info.livePid}` : ''}`);
  if (status.reason) io.out(`  ${status.reason}`);
  io.out(`  machine: ${JSON.stringify(status.machineState)}`);
  for (const action of status.actions) {
    const mark = action.result === 'ok' ? '✓' : action.result === 'failed' ? '✗' : '…';
    io.out(`  ${mark} #${action.id} ${action.description}${action.error ? `: ${action.error}` : ''}${action.ms !== undefined ? ` (${action.ms} ms)` : ''}`);
  }
  io.out(`  measurements: ${status.measurements} (${status.failedMeasurements} not successful)`);
  if (status.state === 'interrupted') io.out(`  the runner is gone: \`switchyard resume ${loaded.file}\` continues, \`switchyard abort ${loaded.file}\` rolls back`);
  io.out(io.outStyle.dim(`  journal: ${status.runDir}/journal.jsonl`));
  return EXIT.promoted;
}
