import { describeValue } from '../plan/diagnostics';
import type { PlanPath } from '../plan/diagnostics';
import { isObject } from './documents';
import type { ManifestDocument } from './documents';
import { goDurationSeconds, integerOf } from './quantities';

/** Something a conversion has to say about one field: an error that stops it, or a note. */
export interface Finding {
  severity: 'error' | 'info';
  document: ManifestDocument;
  path: PlanPath;
  message: string;
  code: string;
}

const SEPARATOR = '\u0000';
const keyOf = (path: PlanPath): string => path.map(String).join(SEPARATOR);

/**
 * What a conversion found, and which fields of each object it has read: a field read is modelled
 * or has a note of its own; every other field gets a note at the end, so none is silently dropped.
 */
export class Findings {
  readonly list: Finding[] = [];
  private readonly read = new Map<ManifestDocument, Set<string>>();

  add(finding: Finding): void {
    this.list.push(finding);
  }

  markRead(document: ManifestDocument, path: PlanPath): void {
    let paths = this.read.get(document);
    if (!paths) this.read.set(document, (paths = new Set()));
    paths.add(keyOf(path));
  }

  /** Documents the conversion has read from at all. */
  documentsRead(): ManifestDocument[] {
    return [...this.read.keys()];
  }

  /** Whether `path` or one of its parents was read. */
  isRead(document: ManifestDocument, path: PlanPath): boolean {
    const paths = this.read.get(document);
    if (!paths) return false;
    for (let depth = path.length; depth >= 0; depth--) if (paths.has(keyOf(path.slice(0, depth)))) return true;
    return false;
  }

  /** Whether something below `path` was read (not `path` itself). */
  isReadBelow(document: ManifestDocument, path: PlanPath): boolean {
    const prefix = keyOf(path) + (path.length === 0 ? '' : SEPARATOR);
    for (const key of this.read.get(document) ?? []) if (key.startsWith(prefix) && key.length > prefix.length) return true;
    return false;
  }

  get hasErrors(): boolean {
    return this.list.some((finding) => finding.severity === 'error');
  }
}

/**
 * Typed reads of one object's fields (or of a part of it) that remember what was read. A field of
 * the wrong type is an error at its place and reads as absent.
 *
 * `value` is what the reads see: the object itself, or a copy with Argo's `{{args.*}}` filled in;
 * paths and places are always the object's own.
 *
 * @example
 * const spec = new Fields(findings, rollout).at(['spec']);
 * spec.integer(['replicas']); // 5, and spec.replicas counts as read
 * spec.note(['revisionHistoryLimit'], 'not rehearsed'); // an info line at its place
 */
export class Fields {
  constructor(
    readonly findings: Findings,
    readonly document: ManifestDocument,
    readonly base: PlanPath = [],
    private readonly value: unknown = document.value,
  ) {}

  /** A view of the part at `path`; reading nothing by itself. */
  at(path: PlanPath): Fields {
    return new Fields(this.findings, this.document, [...this.base, ...path], this.peek(path));
  }

  /** The same place, reading `value` instead (a template with its arguments filled in). */
  withValue(value: unknown): Fields {
    return new Fields(this.findings, this.document, this.base, value);
  }

  /** The value at `path` without counting it as read. */
  peek(path: PlanPath = []): unknown {
    let node: unknown = this.value;
    for (const segment of path) {
      if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
      else if (isObject(node)) node = node[String(segment)];
      else return undefined;
    }
    return node;
  }

  has(path: PlanPath): boolean {
    return this.peek(path) !== undefined && this.peek(path) !== null;
  }

  /** The keys of the map here (none for anything else). */
  keys(path: PlanPath = []): string[] {
    const node = this.peek(path);
    return isObject(node) ? Object.keys(node) : [];
  }

  /** Counts the field (and everything under it) as modelled. */
  consume(path: PlanPath = []): void {
    this.findings.markRead(this.document, [...this.base, ...path]);
  }

  read(path: PlanPath = []): unknown {
    this.consume(path);
    return this.peek(path);
  }

  string(path: PlanPath): string | undefined {
    return this.typed(path, 'a string', (value) => (typeof value === 'string' ? value : undefined));
  }

  boolean(path: PlanPath): boolean | undefined {
    return this.typed(path, 'true or false', (value) => (typeof value === 'boolean' ? value : undefined));
  }

  number(path: PlanPath): number | undefined {
    return this.typed(path, 'a number', (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined));
  }

  /** A whole number, also written as digits in a string (IntOrString); at least `min`. */
  integer(path: PlanPath, min = 0): number | undefined {
    const found = this.typed(path, 'a whole number', integerOf);
    if (found === undefined || found >= min) return found;
    this.error(path, `${found} is below ${min}`);
    return undefined;
  }

  /** Seconds of a duration written as Go writes them (`30s`, `1m30s`) or as a number of seconds. */
  duration(path: PlanPath): number | undefined {
    return this.typed(path, 'a duration such as 30s or 5m', (value) =>
      typeof value === 'number' ? (value >= 0 ? value : undefined) : typeof value === 'string' ? goDurationSeconds(value) : undefined,
    );
  }

  /** The map at `path`, as a view; absent when there is none. Its fields count as read one by one. */
  map(path: PlanPath): Fields | undefined {
    const found = this.typed(path, 'a map', (value) => (isObject(value) ? value : undefined), false);
    if (found !== undefined && Object.keys(found).length === 0) this.consume(path);
    return found === undefined ? undefined : this.at(path);
  }

  /** The items of the list at `path`, each as a view; its items count as read one by one. */
  list(path: PlanPath): Fields[] {
    const found = this.typed(path, 'a list', (value) => (Array.isArray(value) ? value : undefined), false);
    if (found !== undefined && found.length === 0) this.consume(path);
    return (found ?? []).map((_, index) => this.at([...path, index]));
  }

  note(path: PlanPath, message: string, code = 'manifest.note'): void {
    this.consume(path);
    this.findings.add({ severity: 'info', document: this.document, path: [...this.base, ...path], message, code });
  }

  error(path: PlanPath, message: string, code = 'manifest.invalid'): void {
    this.consume(path);
    this.findings.add({ severity: 'error', document: this.document, path: [...this.base, ...path], message, code });
  }

  private typed<T>(path: PlanPath, expected: string, accept: (value: unknown) => T | undefined, consume = true): T | undefined {
    const value = this.peek(path);
    if (value === undefined) return undefined;
    // `steps:` with nothing after it is written, and read as absent, as the controllers read it.
    if (consume || value === null) this.consume(path);
    if (value === null) return undefined;
    const accepted = accept(value);
    if (accepted === undefined) this.error(path, `expected ${expected}, got ${describeValue(value)}`);
    return accepted;
  }
}
