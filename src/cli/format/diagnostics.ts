import type { Diagnostic } from '../../domain/plan/diagnostics';
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
  const header = `${style.bold(`${fileName}:${line}:${column}`)}: ${severity}: ${diagnostic.message} ${style.dim(`[${diagnostic.code}]`)}`;
  const sourceLine = lines[line - 1];
  const out = [header];
  if (sourceLine !== undefined) {
    const gutter = `${String(line).padStart(4)} | `;
    const sameLine = diagnostic.range.end.line === line;
    const width = sameLine ? Math.max(1, diagnostic.range.end.column - column) : Math.max(1, sourceLine.length - column + 1);
    out.push(style.dim(gutter) + sourceLine);
    out.push(' '.repeat(gutter.length + column - 1) + style.red('^'.repeat(width)));
  }
  if (diagnostic.fix) out.push(`${style.dim('      fix:')} ${diagnostic.fix.message}`);
  return out.join('\n');
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
