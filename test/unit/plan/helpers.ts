import { parsePlan } from '../../../src/domain/plan/parse';
import type { Diagnostic } from '../../../src/domain/plan/diagnostics';

/** A YAML document from its lines, so each row of a table shows the text a user wrote. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** What a user sees in an editor's problem list: "line:column", severity, message. */
export interface Seen {
  at: string;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
}

export function seen(diagnostic: Diagnostic): Seen {
  const { start } = diagnostic.range;
  return { at: `${start.line}:${start.column}`, severity: diagnostic.severity, code: diagnostic.code, message: diagnostic.message };
}

/** Every problem parsePlan reports for `text`, as a user sees it. */
export function problemsIn(text: string): Seen[] {
  return parsePlan(text, 'test.release.yaml').diagnostics.map(seen);
}

/** A plan whose strategy block is `strategyLines` (indented under `strategy:`), plus extra top-level lines. */
export function canaryPlan(canaryLines: string[], ...rest: string[]): string {
  return yaml('service: checkout', 'strategy:', '  canary:', ...canaryLines.map((line) => `    ${line}`), ...rest);
}
