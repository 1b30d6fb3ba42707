import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { FILE_START } from './diagnostics';
import { formatPath } from './diagnostics';
import type { Diagnostic, PlanPath, Range } from './diagnostics';
import { lineTable } from './lineTable';

/** Where the parts of a plan are in its text. */
export interface PlanSource {
  /**
   * The range of the value at `path`; with `target: 'key'`, the range of its key (`maxWeight:` rather
   * than `50`). A path that does not exist falls back to the nearest part that does: the key of its
   * closest existing parent.
   */
  rangeOf(path: PlanPath, target?: 'value' | 'key'): Range;
  /**
   * The range of 1-based columns [fromColumn, toColumn) inside the string at `path`, when the string
   * is written on one line without escapes; otherwise the range of the whole value.
   */
  rangeInString(path: PlanPath, fromColumn: number, toColumn: number): Range;
  /** The range of 0-based offsets [offset, endOffset), clamped to the text. */
  rangeOfOffsets(offset: number, endOffset: number): Range;
}

/** Where a path leads in a YAML document. */
export interface Located {
  /** The node at the path, or at the deepest part of it that exists. */
  node: Node | null;
  /** The key node of that node when its parent is a map. */
  keyNode: Node | null;
  /** How many segments of the path exist. */
  depth: number;
  found: boolean;
}

/**
 * Follows a plan path through a YAML document, through aliases, stopping at the first missing part.
 *
 * @example
 *   locate(doc, ['strategy', 'canary', 'steps', 0, 'setWeight']).node?.range; // [start, valueEnd, nodeEnd]
 */
export function locate(doc: Document, path: PlanPath): Located {
  let node: Node | null = resolve(doc, doc.contents);
  let keyNode: Node | null = null;
  let depth = 0;
  for (const segment of path) {
    if (!node) break;
    let next: Node | null | undefined;
    let nextKey: Node | null = null;
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(segment));
      if (pair) {
        next = resolve(doc, pair.value) ?? nodeWithoutValue(pair.key);
        nextKey = isScalar(pair.key) ? pair.key : null;
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = resolve(doc, node.items[segment]);
    }
    if (!next) return { node, keyNode, depth, found: false };
    node = next;
    keyNode = nextKey;
    depth += 1;
  }
  return { node, keyNode, depth, found: depth === path.length && node !== null };
}

/**
 * Ranges of a parsed document in its text. Lines and columns come from the text itself, so they
 * are right wherever yaml's error recovery went, and every range lies inside the text.
 */
export function createPlanSource(doc: Document, text: string): PlanSource {
  const lines = lineTable(text);
  const rangeOfOffsets = (offset: number, endOffset: number): Range => {
    const from = lines.clampOffset(offset);
    const to = Math.max(from, lines.clampOffset(endOffset));
    return { start: lines.positionAt(from), end: lines.positionAt(to), offset: from, endOffset: to };
  };
  const rangeOfNode = (node: Node | null): Range | undefined => {
    const range = node?.range;
    if (!range || range[1] <= range[0]) return undefined;
    // A block map's range runs on to the next line; an editor should underline only the text.
    let end = range[1];
    while (end > range[0] + 1 && /\s/.test(text.charAt(end - 1))) end -= 1;
    return rangeOfOffsets(range[0], end);
  };
  const rangeOf = (path: PlanPath, target: 'value' | 'key' = 'value'): Range => {
    const located = locate(doc, path);
    if (located.found && target === 'value') return rangeOfNode(located.node) ?? rangeOfNode(located.keyNode) ?? fileStart();
    if (located.found) return rangeOfNode(located.keyNode) ?? rangeOfNode(located.node) ?? fileStart();
    // A missing part is reported at its parent's key ("strategy:" for a missing strategy.canary),
    // or at the parent itself when that is a list item; a missing top-level key at the first line.
    if (located.depth === 0) return firstLine() ?? fileStart();
    return rangeOfNode(located.keyNode) ?? rangeOfNode(located.node) ?? fileStart();
  };
  const fileStart = (): Range => rangeOfNode(doc.contents) ?? FILE_START;
  const firstLine = (): Range | undefined => {
    const contents = doc.contents;
    if (!isMap(contents)) return undefined;
    const firstKey = contents.items[0]?.key;
    return isScalar(firstKey) ? rangeOfNode(firstKey) : undefined;
  };
  const rangeInString = (path: PlanPath, fromColumn: number, toColumn: number): Range => {
    const whole = rangeOf(path);
    const located = locate(doc, path);
    const node = located.node;
    if (!located.found || !isScalar(node) || typeof node.value !== 'string' || !node.range) return whole;
    const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : node.type === 'PLAIN' ? 0 : -1;
    if (quote < 0) return whole;
    const contentStart = node.range[0] + quote;
    // Only when the text is the value character for character do columns inside it map one to one.
    if (text.slice(contentStart, contentStart + node.value.length) !== node.value) return whole;
    const length = node.value.length;
    // A problem at the very end ("result >") points at the last character rather than past it.
    const from = Math.min(Math.max(0, fromColumn - 1), Math.max(0, length - 1));
    const to = Math.min(length, Math.max(from + 1, toColumn - 1));
    return rangeOfOffsets(contentStart + from, contentStart + to);
  };
  return { rangeOf, rangeInString, rangeOfOffsets };
}

/** A source for a plan that was built in code rather than read from text: every range is the file start. */
export const NO_SOURCE: PlanSource = {
  rangeOf: () => FILE_START,
  rangeInString: () => FILE_START,
  rangeOfOffsets: () => FILE_START,
};

const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A map's pairs by key, built once per map: a diagnostic in a map of 10,000 scenarios finds its key at once. */
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && !index.has(key)) index.set(key, pair);
    }
    pairIndexes.set(map, index);
  }
  return index;
}

function resolve(doc: Document, value: unknown): Node | null {
  if (isAlias(value)) return value.resolve(doc) ?? null;
  if (isMap(value) || isSeq(value) || isScalar(value)) return value;
  return null;
}

/** `pause:` with nothing after it has no value node; its key stands in. */
function nodeWithoutValue(key: unknown): Node | null {
  return isScalar(key) ? key : null;
}

/**
 * An error about the part of a plan at `path`, placed where the text sets it: for a problem
 * found outside the plan (a target refusing a field), shown the way lint shows its own.
 *
 * @example
 * diagnosticAt(text, ['targets', 'kubernetes', 'image'], 'the API server refused it', 'target.refused').range.start; // { line: 9, column: 12 }
 */
export function diagnosticAt(text: string, path: PlanPath, message: string, code: string): Diagnostic {
  const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'silent' });
  return { severity: 'error', message: `${formatPath(path)}: ${message}`, path: formatPath(path), range: createPlanSource(doc, text).rangeOf(path), code };
}
