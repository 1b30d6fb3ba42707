import { describe, expect, it } from 'vitest';
import { planFromManifests } from '../../../src/domain/manifests/convert';
import { analysisTemplate, canaryRollout, errorsOf, flaggerCanary, notesOf, rollout, stream, yaml } from './helpers';

// What a user sees for a manifest that cannot be rehearsed: where (line:column) and why.

describe('manifests that cannot be rehearsed', () => {
  it('should say where a Rollout names an AnalysisTemplate the file does not hold', () => {
    const text = canaryRollout(['steps:', '- setWeight: 20', '- analysis:', '    templates:', '    - templateName: success-rate']);
    expect(errorsOf(text)).toEqual([
      '13:27: spec.strategy.canary.steps[1].analysis.templates[0].templateName: no AnalysisTemplate "success-rate" in this file, so Argo Rollouts could not start this analysis; rehearse this file together with the template (kustomize build, or the files joined with ---) [manifest.missingTemplate]',
    ]);
  });

  it('should point at clusterScope when the template is the other kind', () => {
    const template = analysisTemplate('always-pass', ['metrics: [{name: p, successCondition: result < 1, provider: {job: {}}}]']).replace('kind: AnalysisTemplate', 'kind: ClusterAnalysisTemplate');
    const [error] = errorsOf(stream(canaryRollout(['steps: [{analysis: {templates: [{templateName: always-pass}]}}]']), template));
    expect(error).toContain('no AnalysisTemplate "always-pass" in this file, so Argo Rollouts could not start this analysis; the file has ClusterAnalysisTemplate always-pass: set clusterScope: true');
  });

  it('should say where a Canary names a MetricTemplate the file does not hold', () => {
    const text = flaggerCanary(['interval: 1m', 'stepWeight: 10', 'metrics:', '- name: latency', '  templateRef: {name: latency, namespace: istio-system}', '  thresholdRange: {max: 500}']);
    expect(errorsOf(text)).toEqual([
      '15:27: spec.analysis.metrics[0].templateRef.name: no MetricTemplate "latency" in this file, so Flagger could not check this metric; rehearse this file together with the template [manifest.missingTemplate]',
    ]);
  });

  it('should say an argument has no value where the Rollout references the template', () => {
    const template = analysisTemplate('success-rate', ['args: [{name: service-name}]', 'metrics: [{name: s, successCondition: result > 0.9, provider: {prometheus: {address: a, query: "{{args.service-name}}"}}}]']);
    expect(errorsOf(stream(canaryRollout(['steps:', '- analysis:', '    templates:', '    - templateName: success-rate']), template))).toEqual([
      '12:13: spec.strategy.canary.steps[0].analysis.templates[0]: argument "service-name" of AnalysisTemplate success-rate has no value: give it under args, or Argo Rollouts will not start the analysis [manifest.missingArg]',
    ]);
  });

  it('should say a file with only templates has nothing to rehearse, and what it holds', () => {
    const text = stream(analysisTemplate('a', ['metrics: []']), yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web}'));
    expect(errorsOf(text)).toEqual([
      '1:1: nothing to rehearse: the file holds AnalysisTemplate a, Service web; a rehearsal needs an Argo Rollouts Rollout, a Flagger Canary or a Deployment (with the templates it uses, in the same file) [manifest.nothingToRehearse]',
    ]);
  });

  it.each([
    ['a setWeight that is not a number', ['steps:', '- setWeight: twenty'], '10:20: spec.strategy.canary.steps[0].setWeight: expected a whole number, got "twenty" [manifest.invalid]'],
    ['a pause duration Go cannot read', ['steps:', '- pause: {duration: 5 minutes}'], '10:27: spec.strategy.canary.steps[0].pause.duration: expected a duration such as 30s or 5m, got "5 minutes" [manifest.invalid]'],
    ['a step that does two things', ['steps:', '- setWeight: 20', '  pause: {}'], '10:9: spec.strategy.canary.steps[0]: a step does one thing; found setWeight and pause (Argo Rollouts refuses it) [manifest.invalid]'],
    ['setCanaryScale without a router', ['steps:', '- setCanaryScale: {replicas: 2}'], '10:25: spec.strategy.canary.steps[0].setCanaryScale: setCanaryScale needs trafficRouting: Argo Rollouts refuses it on a basic canary [manifest.invalid]'],
    ['maxSurge that is neither a count nor a percentage', ['maxSurge: lots'], '9:17: spec.strategy.canary.maxSurge: expected a count like 1 or a percentage like "25%", got "lots" [manifest.invalid]'],
  ])('should refuse %s at its place', (_, canaryLines, error) => {
    expect(errorsOf(canaryRollout(canaryLines))).toEqual([error]);
  });

  it('should refuse a Rollout with both strategies, as Argo does (docs/features/specification)', () => {
    expect(errorsOf(rollout(['strategy:', '  canary: {}', '  blueGreen: {activeService: web}']))).toEqual([
      '8:5: spec.strategy: the Rollout has both canary and blueGreen; Argo Rollouts takes exactly one [manifest.strategy]',
    ]);
  });

  it("should tell what the plan's schema refuses at the manifest's own line and field", () => {
    expect(errorsOf(canaryRollout(['steps:', '- setWeight: 20', '- setWeight: 150']))).toEqual([
      '11:20: spec.strategy.canary.steps[1].setWeight: 150 is above 100 [schema.tooBig]',
    ]);
  });

  it('should stop at a YAML syntax error, at its line', () => {
    const [error] = planFromManifests('apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  replicas: [1\n').diagnostics;
    expect(error?.severity).toBe('error');
    expect(error?.message).toMatch(/^line 5, column 1: /);
    expect(error?.range.start.line).toBe(5);
  });

  it('should point at the "..." that cut a documentation Rollout short', () => {
    const text = yaml('apiVersion: argoproj.io/v1alpha1', 'kind: Rollout', 'metadata: {name: guestbook}', 'spec:', '...', '  strategy:', '    canary: {}');
    expect(planFromManifests(text).diagnostics.map((d) => `${d.range.start.line}: ${d.severity}: ${d.message}`)).toEqual([
      '1: error: a Rollout needs a spec with a strategy',
      '5: info: "..." ends a YAML document, so the lines after it are not part of Rollout guestbook (documentation often writes "..." for lines left out; remove it)',
    ]);
  });
});

describe('notes', () => {
  it('should say each field the rehearsal leaves out on its own line, with its path', () => {
    const text = canaryRollout(['antiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: {weight: 1}}', 'scaleDownDelaySeconds: 30', 'steps: [{setWeight: 50}]']);
    expect(notesOf(text)).toEqual([
      '9: spec.strategy.canary.antiAffinity: not modelled; the rehearsal goes on without it',
      '10: spec.strategy.canary.scaleDownDelaySeconds: not modelled; the rehearsal goes on without it',
    ]);
  });

  it('should say what else the file holds and why it is left out', () => {
    expect(notesOf(stream(canaryRollout(['steps: [{setWeight: 50}]']), yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web-canary}')))).toEqual([
      '11: Service web-canary: not rehearsed; the simulation models the router, the services and the pods itself',
    ]);
  });
});
