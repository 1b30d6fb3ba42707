import { parsePlan } from '../../../src/domain/plan/parse';
import type { Diagnostic } from '../../../src/domain/plan/diagnostics';
import type { Plan } from '../../../src/domain/plan/schema';
import { estimateTimeline } from '../../../src/domain/simulator/estimate';
import { simulate } from '../../../src/domain/simulator/simulate';

/** However odd the plan, a call that takes longer than this is a bug. */
export const TIME_LIMIT_MS = 2000;

/** How many cases a fuzz test runs: its share of the unit suite, times SWITCHYARD_FUZZ_SCALE (`npm run fuzz` sets 20). */
export function fuzzRuns(inUnitSuite: number): number {
  const scale = Number(process.env.SWITCHYARD_FUZZ_SCALE);
  return Number.isFinite(scale) && scale > 1 ? Math.round(inUnitSuite * scale) : inUnitSuite;
}

function timed<T>(what: string, call: () => T): T {
  const started = performance.now();
  const result = call();
  const took = performance.now() - started;
  if (took > TIME_LIMIT_MS) throw new Error(`${what} took ${Math.round(took)} ms, more than ${TIME_LIMIT_MS} ms`);
  return result;
}

/** Lines as an editor counts them, computed here independently of the code under test. */
function editorLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const breaks = [...before.matchAll(/\r\n|\r|\n/g)];
  const last = breaks[breaks.length - 1];
  const lineStart = last?.index === undefined ? 0 : last.index + last[0].length;
  return { line: breaks.length + 1, column: offset - lineStart + 1 };
}

/** What is wrong with where a diagnostic points, or undefined when it points inside the file. */
export function misplaced(text: string, diagnostic: Diagnostic): string | undefined {
  const lines = editorLines(text);
  const { start, end, offset, endOffset } = diagnostic.range;
  const where = `${start.line}:${start.column}-${end.line}:${end.column} (${offset}-${endOffset}) of "${diagnostic.message}"`;
  for (const position of [start, end]) {
    const line = lines[position.line - 1];
    if (!Number.isInteger(position.line) || line === undefined) return `${where}: line outside 1..${lines.length}`;
    if (!Number.isInteger(position.column) || position.column < 1 || position.column > line.length + 1) return `${where}: column outside 1..${line.length + 1}`;
  }
  if (!(offset >= 0 && offset <= endOffset && endOffset <= text.length)) return `${where}: offsets outside 0..${text.length}`;
  const atStart = positionOf(text, offset);
  const atEnd = positionOf(text, endOffset);
  if (atStart.line !== start.line || atStart.column !== start.column) return `${where}: the offset is at ${atStart.line}:${atStart.column}`;
  if (atEnd.line !== end.line || atEnd.column !== end.column) return `${where}: the end offset is at ${atEnd.line}:${atEnd.column}`;
  return undefined;
}

/**
 * Lints a text as `switchyard lint` and the editor do (parse, then the timeline estimate) and
 * throws when a call throws, takes too long, or a diagnostic points outside the file.
 */
export function lintCleanly(text: string): Plan | undefined {
  const result = timed('parsePlan', () => parsePlan(text, 'fuzz.release.yaml'));
  for (const diagnostic of result.diagnostics) {
    const problem = misplaced(text, diagnostic);
    if (problem) throw new Error(problem);
  }
  if (!result.ok) return undefined;
  timed('estimateTimeline', () => estimateTimeline(result.plan));
  return result.plan;
}

/** Lints, then simulates the plan's first scenario (or the built-in one) in process, as `switchyard simulate` does. */
export function simulateCleanly(text: string): void {
  const plan = lintCleanly(text);
  if (plan) timed('simulate', () => simulate(plan, {}));
}
