import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The upstream manifests, stored unchanged with their provenance (test/fixtures/manifests/PROVENANCE.md). */
export const CORPUS_ROOT = join(__dirname, '../../fixtures/manifests');

export interface CorpusFile {
  /** `argo-rollouts/examples/rollout-canary.yaml` */
  name: string;
  project: 'argo-rollouts' | 'flagger';
  text: string;
  objects: { kind: string; name: string | undefined; namespace: string | undefined; value: Record<string, unknown> }[];
}

const RELEASE_KINDS = new Set(['Rollout', 'Canary', 'Deployment']);
const TEMPLATE_KINDS = new Set(['AnalysisTemplate', 'ClusterAnalysisTemplate', 'MetricTemplate']);

/** Every fixture, in a stable order. */
export function corpusFiles(): CorpusFile[] {
  const names: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.yaml')) names.push(relative(CORPUS_ROOT, path));
    }
  };
  walk(CORPUS_ROOT);
  return names.map((name) => {
    const text = readFileSync(join(CORPUS_ROOT, name), 'utf8');
    const objects = parseAllDocuments(text, { logLevel: 'error' }).flatMap((doc) => {
      const value = doc.toJS() as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
      const record = value as Record<string, unknown>;
      const metadata = (record['metadata'] ?? {}) as Record<string, unknown>;
      const kind = record['kind'];
      if (typeof kind !== 'string') return [];
      return [{ kind, name: metadata['name'] as string | undefined, namespace: metadata['namespace'] as string | undefined, value: record }];
    });
    return { name, project: name.startsWith('flagger/') ? 'flagger' : 'argo-rollouts', text, objects };
  });
}

/** A file holding a release: a Rollout, a Canary or a Deployment. */
export function holdsRelease(file: CorpusFile): boolean {
  return file.objects.some((object) => RELEASE_KINDS.has(object.kind));
}

/** A file holding only analysis templates, rehearsed through a release that uses them. */
export function holdsOnlyTemplates(file: CorpusFile): boolean {
  return file.objects.length > 0 && file.objects.every((object) => TEMPLATE_KINDS.has(object.kind));
}

interface TemplateRef {
  kind: string;
  name: string;
}

/** The templates a file's objects name (templateName, with clusterScope; templateRef), nested anywhere. */
function referencedTemplates(file: CorpusFile): TemplateRef[] {
  const refs: TemplateRef[] = [];
  const visit = (value: unknown, project: CorpusFile['project']): void => {
    if (Array.isArray(value)) return value.forEach((item) => visit(item, project));
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record['templateName'] === 'string') refs.push({ kind: record['clusterScope'] === true ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate', name: record['templateName'] });
    const templateRef = record['templateRef'] as Record<string, unknown> | undefined;
    if (project === 'flagger' && typeof templateRef?.['name'] === 'string') refs.push({ kind: 'MetricTemplate', name: templateRef['name'] });
    Object.values(record).forEach((item) => visit(item, project));
  };
  file.objects.forEach((object) => visit(object.value, file.project));
  return refs;
}

/** `docs/features/analysis` for `docs/features/analysis.L44-L67.yaml`: the page a block comes from. */
function pageOf(name: string): string {
  return name.replace(/\.L\d+-L\d+\.yaml$/, '').replace(/\.yaml$/, '');
}

/**
 * The templates a release file needs that it does not hold, as its project has them: from the
 * same page first (the tutorial that shows both), then the same folder, then anywhere in the
 * project (Argo's examples share examples/analysis-templates.yaml). Undefined names are left out:
 * the rehearsal reports them.
 */
export function companionsOf(file: CorpusFile, corpus: readonly CorpusFile[]): CorpusFile[] {
  const defines = (candidate: CorpusFile, ref: TemplateRef) => candidate.objects.some((object) => object.kind === ref.kind && object.name === ref.name);
  const sameProject = corpus.filter((candidate) => candidate.project === file.project && candidate !== file && holdsOnlyTemplates(candidate));
  const preferences = [
    (candidate: CorpusFile) => pageOf(candidate.name) === pageOf(file.name),
    (candidate: CorpusFile) => dirname(candidate.name) === dirname(file.name),
    () => true,
  ];
  const companions: CorpusFile[] = [];
  for (const ref of referencedTemplates(file)) {
    if (defines(file, ref) || companions.some((companion) => defines(companion, ref))) continue;
    for (const preferred of preferences) {
      const found = sameProject.find((candidate) => preferred(candidate) && defines(candidate, ref));
      if (found) {
        companions.push(found);
        break;
      }
    }
  }
  return companions;
}

/** Files joined as one stream, as `kustomize build` or `cat a.yaml b.yaml` would give them. */
export function joined(files: readonly CorpusFile[]): string {
  return files.map((file) => file.text.replace(/\n*$/, '\n')).join('---\n');
}

/**
 * A release that uses every template of a templates-only file, so each is rehearsed: a Rollout
 * with one analysis step per AnalysisTemplate (its arguments given a value), or a Canary whose
 * metrics name each MetricTemplate.
 */
export function releaseUsing(file: CorpusFile): string {
  const templates = file.objects.filter((object) => TEMPLATE_KINDS.has(object.kind));
  if (file.project === 'flagger') {
    const metrics = templates.map((template, index) => [
      `    - name: ${template.name ?? `metric-${index}`}`,
      `      templateRef: { name: ${template.name ?? ''}${template.namespace ? `, namespace: ${template.namespace}` : ''} }`,
      '      thresholdRange: { max: 5 }',
    ]);
    return [
      'apiVersion: flagger.app/v1beta1',
      'kind: Canary',
      'metadata: { name: podinfo }',
      'spec:',
      '  targetRef: { apiVersion: apps/v1, kind: Deployment, name: podinfo }',
      '  analysis:',
      '    interval: 1m',
      '    threshold: 2',
      '    stepWeight: 20',
      '    maxWeight: 60',
      '    metrics:',
      ...metrics.flat(),
      '',
    ].join('\n');
  }
  const steps = templates.map((template) => {
    const args = ((template.value['spec'] as Record<string, unknown> | undefined)?.['args'] ?? []) as { name: string }[];
    const given = args.map((arg) => `{ name: ${arg.name}, value: "1" }`).join(', ');
    const scope = template.kind === 'ClusterAnalysisTemplate' ? ', clusterScope: true' : '';
    return `    - analysis: { templates: [{ templateName: ${template.name ?? ''}${scope} }], args: [${given}] }`;
  });
  return [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Rollout',
    'metadata: { name: rollouts-demo }',
    'spec:',
    '  replicas: 4',
    '  strategy:',
    '    canary:',
    '      steps:',
    '      - setWeight: 25',
    ...steps.map((step) => step.replace(/^ {4}/, '      ')),
    '',
  ].join('\n');
}
