import { estimateTimeline, type TimelineEstimate } from '../../domain/simulator/estimate';
import { rejectUnknownOptions, UsageError, flag, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import { formatDiagnostics, summarizeDiagnostics } from '../../text/diagnostics';
import { escapeControl } from '../../text/escape';
import { formatEstimate } from '../../text/estimate';
import type { CliIO } from '../io';
import { loadPlan } from '../loadPlan';

/**
 * `switchyard lint PLAN... [--json]`: schema and plan checks and lints, every problem at once,
 * then a timeline estimate of each valid plan.
 *
 * @example
 * switchyard lint examples/canary.release.yaml
 * // examples/canary.release.yaml: ok
 * // Estimate: ~14 min (fastest 14 min, worst 18 min), 8 steps; longest: pause 5m, analysis error-rate, latency 2m
 */
export function runLint(args: ParsedArgs, io: CliIO): number {
  rejectUnknownOptions(args, ['json']);
  if (args.positionals.length === 0) throw new UsageError('lint needs at least one plan file: switchyard lint PLAN...');
  let worst: number = EXIT.promoted;
  const report: { file: string; diagnostics: unknown[]; estimate?: TimelineEstimate }[] = [];
  for (const file of args.positionals) {
    const loaded = loadPlan(file);
    if (!loaded.ok && loaded.ioError !== undefined) {
      io.err(loaded.ioError);
      worst = EXIT.invalidPlan;
      continue;
    }
    const estimate = loaded.ok ? estimateTimeline(loaded.plan) : undefined;
    report.push({ file, diagnostics: loaded.diagnostics, ...(estimate ? { estimate } : {}) });
    if (!loaded.ok) worst = EXIT.invalidPlan;
    if (flag(args, 'json')) continue;
    if (loaded.diagnostics.length > 0) io.out(formatDiagnostics(file, loaded.source, loaded.diagnostics, io.outStyle) + '\n');
    io.out(`${escapeControl(file)}: ${loaded.diagnostics.length === 0 ? io.outStyle.green('ok') : summarizeDiagnostics(loaded.diagnostics)}`);
    if (estimate) io.out(formatEstimate(estimate));
  }
  if (flag(args, 'json')) io.out(JSON.stringify(report, null, 2));
  return worst;
}
