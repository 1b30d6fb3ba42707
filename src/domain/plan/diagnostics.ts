/**
 * What a user is told about a plan file: where (a path in the plan and a range in the text),
 * what is wrong, and when we can tell, how to fix it.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A place in the text as a human reads it: both numbers are 1-based. */
export interface Position {
  line: number;
  column: number;
}

/**
 * A span of text. `start`/`end` are 1-based lines and columns (`end` is the column just after the
 * last character, like an editor's selection); `offset`/`endOffset` are the same span as 0-based
 * character offsets into the source, for an editor to map.
 */
export interface Range {
  start: Position;
  end: Position;
  offset: number;
  endOffset: number;
}

export interface Fix {
  message: string;
  /** Text that replaces the diagnostic's range, when the fix is that simple. */
  replacement?: string;
}

export interface Diagnostic {
  severity: Severity;
  /** `<path>: <what is wrong>`, e.g. `strategy.canary.steps[2].setWeight: 120 is above 100`. */
  message: string;
  /** Where in the plan, in the dotted/bracket form: `strategy.canary.steps[2].setWeight`; "" for the whole file. */
  path: string;
  range: Range;
  /** A stable id such as `schema.type` or `plan.maxWeight`, for filtering and docs. */
  code: string;
  fix?: Fix;
}

export type PathSegment = string | number;
export type PlanPath = readonly PathSegment[];

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * The human form of a path.
 *
 * @example
 *   formatPath(['strategy', 'canary', 'steps', 2, 'setWeight']); // "strategy.canary.steps[2].setWeight"
 *   formatPath(['scenarios', 'bad deploy', 'seed']);             // 'scenarios["bad deploy"].seed'
 */
export function formatPath(path: PlanPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** The start of the file, for problems that belong to no particular place. */
export const FILE_START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, offset: 0, endOffset: 0 };

export function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error';
}

/** Document order, then errors before warnings; stable for equal places. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...diagnostics].sort((a, b) => a.range.offset - b.range.offset || rank[a.severity] - rank[b.severity]);
}

/** A value as a message quotes it: strings in quotes, lists and maps by what they are. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return String(value);
}
