import { planFromManifests } from '../../../src/domain/manifests/convert';
import type { Diagnostic } from '../../../src/domain/plan/diagnostics';
import type { Plan } from '../../../src/domain/plan/schema';

/** A YAML stream from its lines, so each row of a table shows the manifest a user wrote. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

const indent = (lines: readonly string[], by: number): string[] => lines.map((line) => `${' '.repeat(by)}${line}`);

/** A Rollout named web with `specLines` under spec (replicas 10 unless they say otherwise). */
export function rollout(specLines: readonly string[]): string {
  const replicas = specLines.some((line) => /^replicas:/.test(line)) ? [] : ['replicas: 10'];
  return yaml('apiVersion: argoproj.io/v1alpha1', 'kind: Rollout', 'metadata:', '  name: web', 'spec:', ...indent([...replicas, ...specLines], 2));
}

/** A Rollout whose spec.strategy.canary is `canaryLines`. */
export function canaryRollout(canaryLines: readonly string[]): string {
  return rollout(['strategy:', '  canary:', ...indent(canaryLines, 4)]);
}

/** An AnalysisTemplate named `name` with `specLines` under spec. */
export function analysisTemplate(name: string, specLines: readonly string[]): string {
  return yaml('apiVersion: argoproj.io/v1alpha1', 'kind: AnalysisTemplate', 'metadata:', `  name: ${name}`, 'spec:', ...indent(specLines, 2));
}

/** A Flagger Canary named podinfo targeting Deployment podinfo, with `analysisLines` under spec.analysis. */
export function flaggerCanary(analysisLines: readonly string[], specLines: readonly string[] = []): string {
  return yaml(
    'apiVersion: flagger.app/v1beta1',
    'kind: Canary',
    'metadata:',
    '  name: podinfo',
    'spec:',
    '  targetRef:',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    '    name: podinfo',
    ...indent(specLines, 2),
    '  analysis:',
    ...indent(analysisLines, 4),
  );
}

/** A Deployment named podinfo with `specLines` under spec. */
export function deployment(specLines: readonly string[]): string {
  return yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: podinfo', 'spec:', ...indent(specLines, 2));
}

/** Documents joined into one stream. */
export function stream(...documents: string[]): string {
  return documents.join('---\n');
}

/** The plan a manifest converts to; a conversion with errors fails the test with them. */
export function planOf(text: string): Plan {
  return converted(text).plan;
}

export function converted(text: string): { plan: Plan; diagnostics: Diagnostic[] } {
  const result = planFromManifests(text);
  if (!result.ok) throw new Error(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line}:${d.range.start.column}: ${d.message}`).join('\n'));
  return result;
}

/** The notes as a user reads them: `line: message`. */
export function notesOf(text: string): string[] {
  return converted(text)
    .diagnostics.filter((d) => d.severity === 'info')
    .map((d) => `${d.range.start.line}: ${d.message}`);
}

/** The errors as a user reads them: `line:column: message [code]`. */
export function errorsOf(text: string): string[] {
  return planFromManifests(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.range.start.line}:${d.range.start.column}: ${d.message} [${d.code}]`);
}
