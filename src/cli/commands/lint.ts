import type { Diagnostic } from '../../domain/plan/diagnostics';
import { estimateTimeline, type TimelineEstimate } from '../../domain/simulator/estimate';
import { rejectUnknownOptions, stringOption, UsageError, flag, type ParsedArgs } from '../args';
import { githubAnnotations, sarifLog } from '../../text/ciFormats';
// Bundled at build time: SARIF names the version that found the problems.
import { version } from '../../../package.json';
import { EXIT } from '../exitCodes';
import { formatDiagnostics, summarizeDiagnostics } from '../../text/diagnostics';
import { escapeControl } from '../../text/escape';
import { formatEstimate } from '../../text/estimate';
import type { CliIO } from '../io';
import { loadPlan } from '../loadPlan';

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

function formatOption(args: ParsedArgs): Format {
  const named = stringOption(args, 'format');
  if (named === undefined) return flag(args, 'json') ? 'json' : 'text';
  if (!(FORMATS as readonly string[]).includes(named)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${named}"`);
  return named as Format;
}

/**
 * `switchyard lint PLAN... [--json | --format text|json|github|sarif]`: schema and plan checks
 * and lints, every problem at once, then a timeline estimate of each valid plan. `github` prints
 * workflow commands that GitHub Actions shows on the plan's lines; `sarif` one SARIF 2.1.0 log for
 * code scanning and review tools.
 *
 * @example
 * switchyard lint examples/canary.release.yaml
 * // examples/canary.release.yaml: ok
 * // Estimate: ~14 min (fastest 14 min, worst 18 min), 8 steps; longest: pause 5m, analysis error-rate, latency 2m
 */
export function runLint(args: ParsedArgs, io: CliIO): number {
  rejectUnknownOptions(args, ['json', 'format']);
  const format = formatOption(args);
  if (args.positionals.length === 0) throw new UsageError('lint needs at least one plan file: switchyard lint PLAN...');
  let worst: number = EXIT.promoted;
  const report: { file: string; diagnostics: Diagnostic[]; estimate?: TimelineEstimate }[] = [];
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
    if (format !== 'text') continue;
    if (loaded.diagnostics.length > 0) io.out(formatDiagnostics(file, loaded.source, loaded.diagnostics, io.outStyle) + '\n');
    io.out(`${escapeControl(file)}: ${loaded.diagnostics.length === 0 ? io.outStyle.green('ok') : summarizeDiagnostics(loaded.diagnostics)}`);
    if (estimate) io.out(formatEstimate(estimate));
  }
  if (format === 'json') io.out(JSON.stringify(report, null, 2));
  if (format === 'github') {
    const annotations = githubAnnotations(report);
    if (annotations.length > 0) io.out(annotations.join('\n'));
    for (const { file, diagnostics } of report) io.out(`${escapeControl(file)}: ${diagnostics.length === 0 ? 'ok' : summarizeDiagnostics(diagnostics)}`);
  }
  if (format === 'sarif') io.out(JSON.stringify(sarifLog(report, version), null, 2));
  return worst;
}
