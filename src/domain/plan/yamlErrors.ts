import { isCollection, isMap, isPair, isScalar } from 'yaml';
import type { Document, Node, YAMLError } from 'yaml';
import type { Diagnostic, Severity } from './diagnostics';
import { MAX_NESTING } from './limits';
import type { PlanSource } from './source';

/** One problem yaml (or structureProblems) found, by 0-based offsets. */
export interface SyntaxProblem {
  code: string;
  message: string;
  start: number;
  end: number;
}

const YAML_CODES: Record<string, string> = {
  DUPLICATE_KEY: 'yaml.duplicateKey',
  BAD_ALIAS: 'yaml.alias',
  MULTIPLE_DOCS: 'yaml.multipleDocuments',
  RESOURCE_EXHAUSTION: 'yaml.tooDeep',
};

/** Errors that are usually the echo of an earlier one: the parser lost its place and reports every token after it. */
const CASCADE_CODES: ReadonlySet<string> = new Set(['UNEXPECTED_TOKEN', 'BAD_INDENT', 'MISSING_CHAR', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_ANCHOR', 'TAB_AS_INDENT']);

/** A word underlined for a one-character error stops here, so a huge token costs nothing. */
const MAX_WORD = 200;

/** Only blank space and comments between two problems: nothing the parser read in between. */
const NOTHING_BETWEEN = /^(?:\s|#[^\n\r]*)*$/;

/**
 * yaml's errors or warnings as diagnostics a user can act on: one per mistake. A cascade of
 * "unexpected token" errors, one per token after the place where the parser lost track (a deleted
 * `#` makes every later line unreadable), folds into its first error, whose message says how far
 * the cascade goes; the same error repeated at one place is said once.
 *
 * @example
 *   // "-\n)\n e:" gives yaml's "unexpected scalar at node end" at 2:1 and an unexpected ":" at 3:3:
 *   syntaxDiagnostics(problems, 'error', source, text)[0].message;
 *   // 'line 2, column 1: unexpected scalar at node end (1 more syntax error follows it, up to line 3, column 3; fix this one first)'
 */
export function syntaxDiagnostics(problems: readonly SyntaxProblem[], severity: Severity, source: PlanSource, text: string): Diagnostic[] {
  const sorted = [...problems].sort((a, b) => a.start - b.start);
  // Nesting too deep is one mistake, whether our limit or yaml's stack found it: said where it starts.
  const firstTooDeep = sorted.find((problem) => problem.code === 'RESOURCE_EXHAUSTION');
  const distinct = sorted.filter((problem) => problem.code !== 'RESOURCE_EXHAUSTION' || problem === firstTooDeep);
  const runs: { first: SyntaxProblem; last: SyntaxProblem; folded: number }[] = [];
  for (const problem of distinct) {
    const run = runs[runs.length - 1];
    const cascades = CASCADE_CODES.has(problem.code);
    // A second error at the same place says nothing new.
    const repeated = run !== undefined && run.last.start === problem.start && (cascades || run.last.message === problem.message);
    const follows = run !== undefined && cascades && NOTHING_BETWEEN.test(text.slice(run.last.end, Math.max(run.last.end, problem.start)));
    if (run && (repeated || follows)) {
      if (!repeated) run.folded += 1;
      run.last = problem;
    } else {
      runs.push({ first: problem, last: problem, folded: 0 });
    }
  }
  return runs.map(({ first, last, folded }) => {
    const range = source.rangeOfOffsets(first.start, wordEnd(text, first.start, first.end));
    const lastAt = source.rangeOfOffsets(last.start, last.end).start;
    const cascade = folded === 0 ? '' : ` (${folded} more syntax error${folded === 1 ? ' follows' : 's follow'} it, up to line ${lastAt.line}, column ${lastAt.column}; fix this one first)`;
    return {
      severity,
      message: `line ${range.start.line}, column ${range.start.column}: ${detailOf(first)}${cascade}`,
      path: '',
      range,
      code: YAML_CODES[first.code] ?? 'yaml.syntax',
    };
  });
}

/** yaml's own errors and warnings as problems by offset. */
export function problemsOf(errors: readonly YAMLError[]): SyntaxProblem[] {
  return errors.map((error) => ({ code: error.code, message: error.message, start: error.pos[0], end: error.pos[1] }));
}

/**
 * What yaml leaves unchecked, in one pass: keys that appear twice in one map (yaml's own check,
 * `uniqueKeys`, compares each key with every key before it, so a map of 100,000 keys takes
 * minutes), and lists and maps nested deeper than any plan (reported once, where it starts).
 * Keys compare as yaml compares them: scalars by value, anything else never equal.
 *
 * @example
 *   structureProblems(parseDocument('a: 1\na: 2\n', { uniqueKeys: false })); // [{ code: 'DUPLICATE_KEY', start: 5, end: 6, ... }]
 */
export function structureProblems(doc: Document): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  // A parsed document is a tree (an alias is a node of its own), so each collection is met once.
  const pending: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  let tooDeep = false;
  while (pending.length > 0) {
    const { node, depth } = pending.pop() ?? { node: null, depth: 0 };
    if (!isCollection(node)) continue;
    if (depth > MAX_NESTING) {
      if (!tooDeep) problems.push(tooDeepAt(node));
      tooDeep = true;
      continue;
    }
    const keys = new Set<unknown>();
    for (const item of node.items) {
      if (!isPair(item)) {
        pending.push({ node: item, depth: depth + 1 });
        continue;
      }
      pending.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      if (!isMap(node) || !isScalar(item.key)) continue;
      if (keys.has(item.key.value)) problems.push(duplicateAt(item.key));
      else keys.add(item.key.value);
    }
  }
  return problems;
}

function tooDeepAt(node: Node): SyntaxProblem {
  const [start] = node.range ?? [0];
  return { code: 'RESOURCE_EXHAUSTION', message: 'Nested too deeply', start, end: start + 1 };
}

function duplicateAt(key: Node): SyntaxProblem {
  const [start, end] = key.range ?? [0, 0];
  return { code: 'DUPLICATE_KEY', message: 'Map keys must be unique', start, end: Math.max(end, start + 1) };
}

function detailOf(problem: SyntaxProblem): string {
  if (problem.code === 'DUPLICATE_KEY') return 'this key appears twice in the same map; keep one';
  if (problem.code === 'RESOURCE_EXHAUSTION') return `lists and maps nest more than ${MAX_NESTING} levels deep here; a plan needs only a few`;
  return lowerFirst(problem.message);
}

/** yaml marks some errors with one character; widen that to the word (a duplicate key's name). */
function wordEnd(text: string, start: number, end: number): number {
  if (end - start > 1) return end;
  const limit = Math.min(text.length, start + MAX_WORD);
  let index = start;
  while (index < limit && /[^\s:,[\]{}]/.test(text.charAt(index))) index += 1;
  return Math.max(index, end, start);
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
