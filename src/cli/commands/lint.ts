import { rejectUnknownOptions, UsageError, flag, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import { formatDiagnostics, summarizeDiagnostics } from '../format/diagnostics';
import type { CliIO } from '../io';
import { loadPlan } from '../loadPlan';

/** `switchyard lint PLAN... [--json]`: schema and plan checks, every problem at once. */
export function runLint(args: ParsedArgs, io: CliIO): number {
  rejectUnknownOptions(args, ['json']);
  if (args.positionals.length === 0) throw new UsageError('lint needs at least one plan file: switchyard lint PLAN...');
  let worst: number = EXIT.promoted;
  const report: { file: string; diagnostics: unknown[] }[] = [];
  for (const file of args.positionals) {
    const loaded = loadPlan(file);
    if (!loaded.ok && loaded.ioError !== undefined) {
      io.err(loaded.ioError);
      worst = EXIT.invalidPlan;
      continue;
    }
    report.push({ file, diagnostics: loaded.diagnostics });
    if (!loaded.ok) worst = EXIT.invalidPlan;
    if (flag(args, 'json')) continue;
    if (loaded.diagnostics.length > 0) io.out(formatDiagnostics(file, loaded.source, loaded.diagnostics, io.outStyle) + '\n');
    io.out(`${file}: ${loaded.diagnostics.length === 0 ? io.outStyle.green('ok') : summarizeDiagnostics(loaded.diagnostics)}`);
  }
  if (flag(args, 'json')) io.out(JSON.stringify(report, null, 2));
  return worst;
}
