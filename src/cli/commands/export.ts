import { writeFileSync } from 'node:fs';
import { parseDocument, stringify } from 'yaml';
import { EXPORT_TARGETS, exportPlan, type ExportTarget } from '../../domain/export';
import { formatDiagnostics, summarizeDiagnostics } from '../../text/diagnostics';
import { rejectUnknownOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';
import { loadPlan } from '../loadPlan';

/**
 * `switchyard export PLAN --to argo-rollouts|flagger|kubernetes [--out FILE]`: the plan as that
 * tool's manifests (multi-document YAML, ready for `kubectl apply`), with a comment line above
 * them, and a line on stderr, for each thing the target cannot say as the plan does.
 *
 * @example
 * switchyard export examples/canary.release.yaml --to argo-rollouts > rollout.yaml
 */
export function runExport(args: ParsedArgs, io: CliIO): number {
  rejectUnknownOptions(args, ['to', 'out']);
  const [file, ...extra] = args.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`export needs one plan: switchyard export PLAN --to ${EXPORT_TARGETS.join('|')}`);
  const to = stringOption(args, 'to');
  if (to === undefined || !(EXPORT_TARGETS as readonly string[]).includes(to)) throw new UsageError(`--to must be one of ${EXPORT_TARGETS.join(', ')}${to === undefined ? '' : `, got "${to}"`}`);
  const loaded = loadPlan(file);
  if (!loaded.ok) {
    io.err(loaded.ioError ?? `${formatDiagnostics(file, loaded.source, loaded.diagnostics, io.errStyle)}\n\n${file}: ${summarizeDiagnostics(loaded.diagnostics)}; nothing was exported`);
    return EXIT.invalidPlan;
  }
  // The plan's scenarios as written ride along in an annotation, so rehearsing the export runs them again.
  const scenarios = loaded.origin === 'plan' ? (parseDocument(loaded.source).get('scenarios') as { toJSON?: () => unknown } | undefined)?.toJSON?.() : undefined;
  const exported = exportPlan(loaded.plan, to as ExportTarget, scenarios === undefined ? {} : { scenarios });
  if (!exported.ok) {
    io.err(`${file}: ${exported.error}`);
    return EXIT.failed;
  }
  const header = [`# ${loaded.plan.service} exported by switchyard from ${file} for ${to}.`, ...exported.notes.map((note) => `# note: ${note}`)].join('\n');
  const yaml = `${header}\n${exported.documents.map((document) => `---\n${stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })}`).join('')}`;
  const out = stringOption(args, 'out');
  if (out === undefined) io.out(yaml.trimEnd());
  else {
    try {
      writeFileSync(out, yaml);
    } catch (error) {
      throw new UsageError(`cannot write ${out}: ${(error as Error).message}`);
    }
  }
  for (const note of exported.notes) io.err(`${file}: note: ${note}`);
  if (out !== undefined) io.err(`${exported.documents.length} manifests written to ${out}`);
  return EXIT.promoted;
}
