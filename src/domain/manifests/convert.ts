import { FILE_START, isError, sortDiagnostics } from '../plan/diagnostics';
import type { Diagnostic } from '../plan/diagnostics';
import { plan as planSchema } from '../plan/schema';
import type { Plan } from '../plan/schema';
import { validatePlan } from '../plan/validate';
import { issuesToDiagnostics } from '../plan/zodIssues';
import { ManifestContext } from './context';
import { deploymentPlan } from './deployment';
import { inApiGroup, RELEASE_KINDS } from './detect';
import type { ReleaseKind } from './detect';
import { describeDocument, readManifestDocuments } from './documents';
import type { ManifestDocument } from './documents';
import type { Fields, Finding } from './fields';
import { flaggerCanaryPlan } from './flaggerCanary';
import { findingDiagnostic, unreadFieldNotes, unusedDocumentNotes } from './notes';
import { rolloutPlan } from './rollout';
import { scenariosOf } from './scenarios';

export type ManifestConversion =
  | { ok: true; plan: Plan; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

type Converter = (fields: Fields, context: ManifestContext) => ReturnType<typeof rolloutPlan>;

const CONVERTERS: Record<ReleaseKind, Converter> = { Rollout: rolloutPlan, Canary: flaggerCanaryPlan, Deployment: deploymentPlan };

/** The order a file's releases are looked for in: a Rollout or a Canary is the release, a Deployment beside it its workload. */
const RELEASE_ORDER: readonly ReleaseKind[] = ['Rollout', 'Canary', 'Deployment'];

/**
 * Kubernetes manifests as a plan to rehearse, with a note for every field that is not modelled
 * exactly. The release is the file's first Rollout (engine argo-rollouts), else its first
 * Canary (flagger), else its first Deployment (kubernetes); the AnalysisTemplates,
 * MetricTemplates and Deployments it references are read from the same file. The plan is the one
 * the plan parser would give (the schema's defaults applied, its rules checked) with the built-in
 * scenarios, `good-version` first. Never throws for anything a file can hold: a file that cannot
 * be rehearsed gives errors at their lines, and `diagnostics` holds the notes as `info`.
 *
 * @example
 * const result = planFromManifests(readFileSync('rollout.yaml', 'utf8'));
 * // result.ok === true; result.plan.engine === 'argo-rollouts'
 * // result.diagnostics: [{ severity: 'info', message: 'spec.strategy.canary.steps[2].experiment.duration: experiment steps are simulated as a pause of their duration (1h)', range: ... }, ...]
 */
export function planFromManifests(text: string): ManifestConversion {
  const read = readManifestDocuments(text);
  if (!read.ok) return read;
  const subject = releaseOf(read.documents);
  if (!subject) return { ok: false, diagnostics: [...read.diagnostics, nothingToRehearse(read.documents)] };
  const context = new ManifestContext(read.documents, subject.document);
  const draft = CONVERTERS[subject.kind](context.fields(subject.document), context);
  const carried = scenariosOf(subject.document);
  const scenarioFindings = carried.finding ? [carried.finding] : [];
  // A conversion that stopped early has not read what follows: only what it found is said.
  if (!draft || context.findings.hasErrors || carried.finding?.severity === 'error') {
    return { ok: false, diagnostics: sortDiagnostics([...read.diagnostics, ...distinct([...context.findings.list, ...scenarioFindings]).map(findingDiagnostic), ...cutShort(subject.document)]) };
  }
  const findings = [...context.findings.list, ...scenarioFindings, ...unreadFieldNotes(context.findings), ...unusedDocumentNotes(read.documents, context.used)];
  const noted = distinct(findings).map(findingDiagnostic);

  const source = context.trace.source();
  const parsed = planSchema.safeParse({ ...draft, scenarios: carried.scenarios }, { reportInput: true });
  if (!parsed.success) {
    const schemaProblems = issuesToDiagnostics(parsed.error.issues, planSchema, source).map((diagnostic) => context.trace.retell(diagnostic));
    return { ok: false, diagnostics: sortDiagnostics([...read.diagnostics, ...schemaProblems, ...noted]) };
  }
  const checked = validatePlan(parsed.data, source).map((diagnostic) => context.trace.retell(diagnostic));
  const diagnostics = sortDiagnostics([...read.diagnostics, ...checked, ...noted]);
  return diagnostics.some(isError) ? { ok: false, diagnostics } : { ok: true, plan: parsed.data, diagnostics };
}

function releaseOf(documents: readonly ManifestDocument[]): { kind: ReleaseKind; document: ManifestDocument } | undefined {
  for (const kind of RELEASE_ORDER) {
    const document = documents.find((candidate) => candidate.kind === kind && inApiGroup(candidate.apiVersion, RELEASE_KINDS[kind].apiGroup));
    if (document) return { kind, document };
  }
  return undefined;
}

function nothingToRehearse(documents: readonly ManifestDocument[]): Diagnostic {
  const held = documents.length === 0 ? 'no Kubernetes objects' : documents.slice(0, 5).map(describeDocument).join(', ') + (documents.length > 5 ? `, and ${documents.length - 5} more` : '');
  const range = documents[0]?.source.rangeOf([]) ?? FILE_START;
  return {
    severity: 'error',
    message: `nothing to rehearse: the file holds ${held}; a rehearsal needs an Argo Rollouts Rollout, a Flagger Canary or a Deployment (with the templates it uses, in the same file)`,
    path: '',
    range,
    code: 'manifest.nothingToRehearse',
  };
}

/** Why a Rollout from documentation may lack what follows its `...`: YAML ended it there. */
function cutShort(document: ManifestDocument): Diagnostic[] {
  if (!document.cutAt) return [];
  return [
    {
      severity: 'info',
      message: `"..." ends a YAML document, so the lines after it are not part of ${describeDocument(document)} (documentation often writes "..." for lines left out; remove it)`,
      path: '',
      range: document.source.rangeOfOffsets(document.cutAt.offset, document.cutAt.endOffset),
      code: 'manifest.documentEnd',
    },
  ];
}

/** The same finding once: a template used twice notes its fields once. */
function distinct(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = JSON.stringify([finding.document.index, finding.path, finding.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
