import { parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { isError, sortDiagnostics } from '../plan/diagnostics';
import type { Diagnostic } from '../plan/diagnostics';
import { createPlanSource } from '../plan/source';
import type { PlanSource } from '../plan/source';
import { problemsOf, structureProblems, syntaxDiagnostics } from '../plan/yamlErrors';

/** One Kubernetes object of a manifest file: what it is, its plain value, and where its parts are. */
export interface ManifestDocument {
  apiVersion: string;
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
  value: Record<string, unknown>;
  /** Ranges of paths inside this object, in the whole file's text. */
  source: PlanSource;
  /** 0-based position among the file's objects. */
  index: number;
  /**
   * Where a `...` line ended this object's YAML document although more lines without a kind of
   * their own follow: documentation writes `...` for lines left out, YAML reads it as the end.
   */
  cutAt?: { offset: number; endOffset: number };
}

export type ManifestRead = { ok: true; documents: ManifestDocument[]; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The objects of a multi-document YAML stream, as Helm and Kustomize render them. Documents that
 * are empty (a lone `---`) or are not a map with `apiVersion` and `kind` are skipped: a rendered
 * chart often has both. A syntax error anywhere stops here, at its line.
 *
 * @example
 * const read = readManifestDocuments('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n---\n');
 * // read.ok === true; read.documents[0].kind === 'Deployment'; read.documents[0].name === 'web'
 */
export function readManifestDocuments(text: string): ManifestRead {
  const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const yamlDocuments: Document[] = Array.isArray(parsed) ? parsed : [];
  const diagnostics = yamlDocuments.flatMap((doc) => {
    const source = createPlanSource(doc, text);
    return [
      ...syntaxDiagnostics([...problemsOf(doc.errors), ...structureProblems(doc)], 'error', source, text),
      ...syntaxDiagnostics(problemsOf(doc.warnings), 'warning', source, text),
    ];
  });
  if (diagnostics.some(isError)) return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
  const documents: ManifestDocument[] = [];
  for (const [position, doc] of yamlDocuments.entries()) {
    const value = plainValue(doc);
    if (!isManifest(value)) continue;
    const metadata = isObject(value['metadata']) ? value['metadata'] : {};
    const cutAt = cutBy(doc, yamlDocuments[position + 1], text);
    documents.push({
      apiVersion: value.apiVersion,
      kind: value.kind,
      name: typeof metadata['name'] === 'string' ? metadata['name'] : undefined,
      namespace: typeof metadata['namespace'] === 'string' ? metadata['namespace'] : undefined,
      value,
      source: createPlanSource(doc, text),
      index: documents.length,
      ...(cutAt ? { cutAt } : {}),
    });
  }
  return { ok: true, documents, diagnostics };
}

function isManifest(value: unknown): value is Record<string, unknown> & { apiVersion: string; kind: string } {
  return isObject(value) && typeof value['apiVersion'] === 'string' && typeof value['kind'] === 'string';
}

/** The `...` that ended `doc` when the next document is the rest of it rather than an object of its own. */
function cutBy(doc: Document, next: Document | undefined, text: string): ManifestDocument['cutAt'] {
  const range = doc.range;
  if (!range || !doc.directives?.docEnd || !next || next.contents === null || isManifest(plainValue(next))) return undefined;
  const marker = /^\.\.\.[ \t]*$/m.exec(text.slice(range[1], range[2]));
  if (!marker) return undefined;
  const offset = range[1] + marker.index;
  return { offset, endOffset: offset + 3 };
}

/** A map, not a list or a scalar. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Rollout rollouts-demo`, or the kind alone for an object without a name. */
export function describeDocument(document: Pick<ManifestDocument, 'kind' | 'name'>): string {
  return document.name === undefined ? document.kind : `${document.kind} ${document.name}`;
}

function plainValue(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch {
    // An unresolved alias or an alias bomb: not an object this file can give us.
    return undefined;
  }
}
