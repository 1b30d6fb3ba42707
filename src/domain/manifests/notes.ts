import { formatPath } from '../plan/diagnostics';
import type { Diagnostic, PlanPath } from '../plan/diagnostics';
import { describeDocument, isObject } from './documents';
import type { ManifestDocument } from './documents';
import type { Finding, Findings } from './fields';

/** Top-level fields that say what an object is, not how it is released. */
const IDENTITY_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

const NOT_MODELLED = 'not modelled; the rehearsal goes on without it';

/**
 * A note for every field of the objects a conversion used that it neither modelled nor noted:
 * the largest part of the object nothing was read from, on its own line. A part some of whose
 * fields were read is looked into, so each unread field is said once, at its place.
 *
 * @example
 * // a Rollout whose spec.strategy.canary.pingPong nothing read:
 * unreadFieldNotes(findings)[0].path; // ['spec', 'strategy', 'canary', 'pingPong']
 */
export function unreadFieldNotes(findings: Findings): Finding[] {
  return findings.documentsRead().flatMap((document) =>
    Object.entries(document.value)
      .filter(([key]) => !IDENTITY_FIELDS.has(key))
      .flatMap(([key, value]) => unreadUnder(findings, document, [key], value)),
  );
}

function unreadUnder(findings: Findings, document: ManifestDocument, path: PlanPath, value: unknown): Finding[] {
  if (findings.isRead(document, path)) return [];
  const children: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : isObject(value) ? Object.entries(value) : [];
  if (children.length === 0 || !findings.isReadBelow(document, path)) {
    return [{ severity: 'info', document, path, message: NOT_MODELLED, code: 'manifest.notModelled' }];
  }
  return children.flatMap(([key, child]) => unreadUnder(findings, document, [...path, key], child));
}

/** One line for each object the rehearsal did not use, saying why it is left out. */
export function unusedDocumentNotes(documents: readonly ManifestDocument[], used: ReadonlySet<ManifestDocument>): Finding[] {
  return documents
    .filter((document) => !used.has(document))
    .map((document) => ({ severity: 'info', document, path: [], message: `${describeDocument(document)}: ${whyUnused(document.kind)}`, code: 'manifest.unused' }));
}

function whyUnused(kind: string): string {
  if (kind === 'AnalysisTemplate' || kind === 'ClusterAnalysisTemplate') return 'no analysis of the rehearsed release uses it';
  if (kind === 'MetricTemplate') return 'no metric of the rehearsed Canary uses it';
  if (kind === 'Rollout' || kind === 'Canary' || kind === 'Deployment') return 'not rehearsed: one release per file, the first one';
  return 'not rehearsed; the simulation models the router, the services and the pods itself';
}

/**
 * Findings as diagnostics, each at its place in the file: notes at the field's key, errors at
 * its value.
 *
 * @example
 * findingDiagnostic({ severity: 'info', document, path: ['spec', 'paused'], message: 'not modelled', code: 'manifest.notModelled' });
 * // { severity: 'info', message: 'spec.paused: not modelled', range: (the line of "paused:"), ... }
 */
export function findingDiagnostic(finding: Finding): Diagnostic {
  const path = formatPath(finding.path);
  const target = finding.severity === 'info' ? 'key' : 'value';
  const message = path === '' ? finding.message : `${path}: ${finding.message}`;
  return { severity: finding.severity, message, path, range: finding.document.source.rangeOf(finding.path, target), code: finding.code };
}
