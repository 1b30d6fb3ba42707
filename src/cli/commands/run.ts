import { createInterface } from 'node:readline/promises';
import type { Plan } from '../../domain/plan/schema';
import { kubernetesWhere } from '../../adapters/kubernetes/client';
import { executeRun, type RunReport } from '../../runner/execute';
import { flag, rejectUnknownOptions, UsageError, type ParsedArgs } from '../args';
import { EXIT, exitCodeForOutcome } from '../exitCodes';
import { formatDiagnostics } from '../../text/diagnostics';
import { diagnosticAt } from '../../domain/plan/source';
import { escapeControl } from '../../text/escape';
import type { CliIO } from '../io';
import { loadPlan, manifestsRefused } from '../loadPlan';
import { missingTargets } from '../targets';

/**
 * The plan of a real-run command, or the exit code after printing why there is none. With
 * `needsTargets` (the commands that act on them), a plan without targets is an invalid plan.
 */
export function loadRunnablePlan(args: ParsedArgs, io: CliIO, command: string, needsTargets = false): { file: string; plan: Plan; source: string } | number {
  const [file, ...extra] = args.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`${command} needs exactly one plan file: switchyard ${command} PLAN`);
  const loaded = loadPlan(file);
  if (!loaded.ok) {
    io.err(loaded.ioError ?? formatDiagnostics(file, loaded.source, loaded.diagnostics, io.errStyle));
    return EXIT.invalidPlan;
  }
  if (needsTargets && loaded.origin === 'manifests') {
    io.err(escapeControl(manifestsRefused(file, command)));
    return EXIT.invalidPlan;
  }
  const noTargets = needsTargets ? missingTargets(loaded.plan, loaded.source) : undefined;
  if (noTargets) {
    io.err(formatDiagnostics(file, loaded.source, [noTargets], io.errStyle));
    return EXIT.invalidPlan;
  }
  return { file, plan: loaded.plan, source: loaded.source };
}

/** The runner's log on stdout: its lines name the plan's steps and quote the targets' errors, shown escaped. */
export function runLog(io: CliIO): (line: string) => void {
  return (line) => io.out(escapeControl(line));
}

export function printReport(report: RunReport, io: CliIO, plan?: { file: string; source: string }): number {
  if (report.refusedAt && plan) {
    // A field the target refused, shown where the plan sets it, as lint shows its problems.
    io.err(formatDiagnostics(plan.file, plan.source, [diagnosticAt(plan.source, report.refusedAt, report.reason, 'target.refused')], io.errStyle));
  }
  if (report.targetBusy) {
    io.err(`${io.errStyle.red('target busy')}: ${escapeControl(report.reason)}`);
    return EXIT.targetBusy;
  }
  const style = report.outcome === 'promoted' ? io.outStyle.green : report.outcome === 'paused' ? io.outStyle.yellow : io.outStyle.red;
  io.out(`${style(report.outcome)}: ${escapeControl(report.reason)}`);
  if (report.runDir) io.out(io.outStyle.dim(`journal: ${escapeControl(report.runDir)}/journal.jsonl`));
  return exitCodeForOutcome(report.outcome);
}

/** What a confirmation names: the release, and on Kubernetes the cluster context and namespace it changes. */
export function releaseWords(plan: Plan): string {
  const release = `release ${plan.service} ${plan.version ?? ''}`.trim();
  const kubernetes = plan.targets?.kubernetes;
  return kubernetes ? `${release} on Kubernetes ${kubernetesWhere(kubernetes)}` : release;
}

/** A real run changes live traffic: it needs --yes, or a "yes" typed at a terminal. */
export async function confirmed(args: ParsedArgs, io: CliIO, what: string): Promise<boolean> {
  if (flag(args, 'yes')) return true;
  if (!process.stdin.isTTY) {
    io.err(`switchyard: ${what} changes live traffic; pass --yes to confirm (or --dry-run to see what it would do)`);
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt.question(`${escapeControl(what)}: this changes live traffic. Continue? [y/N] `);
  prompt.close();
  return /^y(es)?$/i.test(answer.trim());
}

/**
 * `switchyard run PLAN [--dry-run] [--yes] [--wait]`: run the plan's strategy against its targets.
 * `--wait` keeps the runner up through operator pauses, taking `switchyard promote PLAN` etc. live.
 */
export async function runRun(args: ParsedArgs, io: CliIO): Promise<number> {
  rejectUnknownOptions(args, ['dry-run', 'yes', 'wait']);
  const loaded = loadRunnablePlan(args, io, 'run', true);
  if (typeof loaded === 'number') return loaded;
  const dryRun = flag(args, 'dry-run');
  const waitForOperator = flag(args, 'wait');
  if (!dryRun && !(await confirmed(args, io, releaseWords(loaded.plan)))) return EXIT.usage;
  const report = await executeRun({ planFile: loaded.file, plan: loaded.plan, dryRun, log: runLog(io), handleSignals: true, waitForOperator });
  return printReport(report, io, loaded);
}
