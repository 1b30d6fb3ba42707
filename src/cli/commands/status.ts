import { portsForPlan } from '../../adapters/factory';
import { findRun } from '../../runner/control';
import { needsFinishing } from '../../runner/finish';
import { checkRouter, runStatus, type RouterCheck } from '../../runner/status';
import { flag, rejectUnknownOptions, stringOption, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';
import { loadRunnablePlan } from './run';

/**
 * `switchyard status PLAN [--run DIR] [--json]`: where the latest run is, what it did, how it
 * ended, and whether the router serves what the journal says (it reads the live split).
 */
export async function runStatusCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  rejectUnknownOptions(args, ['run', 'json']);
  const loaded = loadRunnablePlan(args, io, 'status');
  if (typeof loaded === 'number') return loaded;
  const info = findRun(loaded.file, loaded.plan.service, stringOption(args, 'run'));
  if (!info) {
    io.out(`no run of ${loaded.plan.service} yet`);
    return EXIT.promoted;
  }
  const status = runStatus(info);
  const built = portsForPlan(loaded.plan, info.runDir);
  const router: RouterCheck | null = built.ok ? await checkRouter(built.ports.router, info.entries) : null;
  if (flag(args, 'json')) {
    io.out(JSON.stringify({ ...status, router }, null, 2));
    return EXIT.promoted;
  }
  io.out(`${loaded.plan.service}: ${status.state}${status.outcome ? ` (${status.outcome})` : ''}${info.livePid ? `, runner pid ${info.livePid}` : ''}`);
  if (status.reason) io.out(`  ${status.reason}`);
  io.out(`  machine: ${JSON.stringify(status.machineState)}`);
  if (router) io.out(router.agrees === false ? io.outStyle.red(`  ${router.message}`) : `  ${router.message}`);
  for (const action of status.actions) {
    const mark = action.result === 'ok' ? '✓' : action.result === 'failed' ? '✗' : '…';
    io.out(`  ${mark} #${action.id} ${action.description}${action.error ? `: ${action.error}` : ''}${action.ms !== undefined ? ` (${action.ms} ms)` : ''}`);
  }
  io.out(`  measurements: ${status.measurements} (${status.failedMeasurements} not successful)`);
  if (status.state === 'interrupted') io.out(`  the runner is gone: \`switchyard resume ${loaded.file}\` continues, \`switchyard abort ${loaded.file}\` rolls back`);
  if (needsFinishing(info.entries)) io.out(`  the rollback did not complete: \`switchyard abort ${loaded.file}\` sends all traffic to stable and stops the candidate`);
  io.out(io.outStyle.dim(`  journal: ${status.runDir}/journal.jsonl`));
  return EXIT.promoted;
}
