import type { Diagnostic } from '../domain/plan/diagnostics';
import { escapeControl } from './escape';
import type { Style } from './style';

/**
 * Prints diagnostics the way compilers do (`file:line:col: error: message`), so terminals and CI
 * logs link them, followed by the source line and a caret under the problem.
 */
export function formatDiagnostics(fileName: string, source: string, diagnostics: readonly Diagnostic[], style: Style): string {
  const lines = source.split(/\r?\n/);
  return diagnostics.map((diagnostic) => formatOne(fileName, lines, diagnostic, style)).join('\n');
}

function formatOne(fileName: string, lines: readonly string[], diagnostic: Diagnostic, style: Style): string {
  const { line, column } = diagnostic.range.start;
  const severity = diagnostic.severity === 'error' ? style.red('error') : diagnostic.severity === 'warning' ? style.yellow('warning') : style.cyan('info');
  // Messages quote the plan: escaped, so a key holding ESC or CR is shown, not obeyed.
  const header = `${style.bold(`${escapeControl(fileName)}:${line}:${column}`)}: ${severity}: ${escapeControl(diagnostic.message)} ${style.dim(`[${diagnostic.code}]`)}`;
  const sourceLine = lines[line - 1];
  const out = [header];
  if (sourceLine !== undefined) {
    const sameLine = diagnostic.range.end.line === line;
    const width = sameLine ? Math.max(1, diagnostic.range.end.column - column) : Math.max(1, sourceLine.length - column + 1);
    out.push(...codeFrame(sourceLine, line, column, width, style));
  }
  if (diagnostic.fix) out.push(`${style.dim('      fix:')} ${escapeControl(diagnostic.fix.message)}`);
  return out.join('\n');
}

/**
 * The source line and a caret line under `width` characters from `column`. Control characters
 * are escaped, which widens them, so the caret is placed on the escaped text; tabs stay tabs on
 * both lines, so the caret lands under the same character whatever the tab width.
 */
function codeFrame(sourceLine: string, line: number, column: number, width: number, style: Style): [string, string] {
  const gutter = `${String(line).padStart(4)} | `;
  const before = escapeControl(sourceLine.slice(0, column - 1), '\t');
  const marked = escapeControl(sourceLine.slice(column - 1, column - 1 + width), '\t');
  const after = escapeControl(sourceLine.slice(column - 1 + width), '\t');
  const indent = ' '.repeat(gutter.length) + before.replace(/[^\t]/g, ' ');
  return [style.dim(gutter) + before + marked + after, indent + style.red('^'.repeat(Math.max(1, marked.length)))];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `1 error, 2 warnings`, and the notes when there are any (`, 12 notes`). */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const notes = diagnostics.filter((d) => d.severity === 'info').length;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${notes > 0 ? `, ${plural(notes, 'note')}` : ''}`;
}

/**
 * Notes one line each, under a heading: what a rehearsal of manifests does not model exactly,
 * printed before the run (lint shows each with its source line).
 *
 * @example
 * formatNotes('rollout.yaml', notes, style);
 * // rollout.yaml: 2 notes on what the rehearsal does not model exactly:
 * //   rollout.yaml:21:9: spec.strategy.canary.trafficRouting.istio: the simulation splits traffic by weight exactly as set; ...
 * //   rollout.yaml:30:11: spec.strategy.canary.steps[2].experiment.duration: experiment steps are simulated as a pause of their duration (1h)
 */
export function formatNotes(fileName: string, notes: readonly Diagnostic[], style: Style): string {
  const file = escapeControl(fileName);
  const heading = `${style.bold(file)}: ${plural(notes.length, 'note')} on what the rehearsal does not model exactly:`;
  const lines = notes.map((note) => `  ${style.dim(`${file}:${note.range.start.line}:${note.range.start.column}:`)} ${escapeControl(note.message)}`);
  return [heading, ...lines].join('\n');
}
