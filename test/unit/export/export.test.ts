import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { exportPlan } from '../../../src/domain/export';
import { thresholdRange } from '../../../src/domain/export/metrics';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { AnalysisGate } from '../../../src/domain/plan/schema';
import { cli, EXAMPLES } from '../cli/helpers';

function planOf(text: string) {
  const parsed = parsePlan(text, 'export.release.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.plan;
}
const example = (name: string) => planOf(readFileSync(join(EXAMPLES, name), 'utf8'));
// The manifests' specs are read as the tests need them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = { kind: string; metadata: { name: string }; spec: Record<string, any> };
const docs = (result: ReturnType<typeof exportPlan>): Doc[] => (result.ok ? (result.documents as Doc[]) : []);

describe('switchyard export', () => {
  it('should write the canary example as a Rollout with its steps, Services and an AnalysisTemplate per gate', () => {
    const result = exportPlan(example('canary.release.yaml'), 'argo-rollouts');
    expect(docs(result).map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['Rollout/checkout', 'Service/checkout-stable', 'Service/checkout-canary', 'AnalysisTemplate/error-rate', 'AnalysisTemplate/latency']);
    const rollout = docs(result)[0]!;
    expect(rollout.spec.strategy.canary.steps).toEqual([
      { setWeight: 10 }, { pause: { duration: '2m' } }, { analysis: { templates: [{ templateName: 'error-rate' }] } },
      { setWeight: 25 }, { pause: { duration: '2m' } }, { analysis: { templates: [{ templateName: 'error-rate' }, { templateName: 'latency' }] } },
      { setWeight: 50 }, { pause: { duration: '5m' } },
    ]);
    expect([rollout.spec.replicas, rollout.spec.minReadySeconds, rollout.spec.progressDeadlineSeconds, rollout.spec.progressDeadlineAbort]).toEqual([10, 10, 600, true]);
    const metric = docs(result)[3]!.spec.metrics[0];
    expect(metric).toMatchObject({ name: 'error-rate', interval: '30s', count: 4, successCondition: 'result[0] < 0.01', failureCondition: 'result[0] >= 0.05', failureLimit: 1 });
    expect(result.ok && result.notes).toContain('gate error-rate has no provider (a simulation judges its metric errorRate): exported as a Prometheus query marked TODO');
  });

  it('should write a blue-green as a Rollout with active and preview Services and its analyses', () => {
    const rollout = docs(exportPlan(example('blue-green.release.yaml'), 'argo-rollouts'))[0]!;
    expect(rollout.spec.strategy.blueGreen).toEqual({
      activeService: 'payments', previewService: 'payments-preview', autoPromotionEnabled: true, autoPromotionSeconds: 60,
      prePromotionAnalysis: { templates: [{ templateName: 'smoke' }] }, postPromotionAnalysis: { templates: [{ templateName: 'error-rate' }] }, scaleDownDelaySeconds: 120,
    });
  });

  it('should write an A/B test as a Flagger Canary with its header and cookie matches, iterations and threshold', () => {
    const result = exportPlan(example('ab-test.release.yaml'), 'flagger');
    expect(docs(result).map((d) => d.kind)).toEqual(['Deployment', 'Canary', 'MetricTemplate']);
    expect(docs(result)[1]!.spec.analysis).toEqual({
      interval: '1m', threshold: 2, iterations: 10,
      match: [{ headers: { 'x-variant': { exact: 'b' } } }, { headers: { cookie: { regex: '^(.*?;)?(variant=b)(;.*)?$' } } }],
      metrics: [{ name: 'error-rate', templateRef: { name: 'error-rate' }, interval: '1m', thresholdRange: { max: 0.01 } }],
    });
  });

  it('should write a rolling update as a Deployment, saying the gates and pauses it cannot keep', () => {
    const result = exportPlan(example('rolling.release.yaml'), 'kubernetes');
    expect(docs(result)[0]!.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(result.ok && result.notes).toEqual(expect.arrayContaining(['a Deployment has no gates: error-rate is left out (switchyard run checks them, pausing the Deployment at each batch)', 'a Deployment does not pause between batches: pauseBetweenBatches is left out']));
  });

  it.each([
    { name: 'rolling', target: 'argo-rollouts', error: 'a rolling update has no Argo Rollouts form (a Rollout is a canary or a blue-green): export --to kubernetes (a Deployment does it)' },
    { name: 'ab-test', target: 'argo-rollouts', error: 'an A/B test has no Argo Rollouts form (a Rollout is a canary or a blue-green): export --to flagger (its Canary has match and mirror)' },
    { name: 'canary', target: 'kubernetes', error: 'a Deployment only rolls or recreates: export a canary or a blue-green --to argo-rollouts, an A/B test or a shadow --to flagger' },
    { name: 'recreate', target: 'flagger', error: 'a recreate needs no canary controller: export --to kubernetes (a Deployment does it)' },
  ] as const)('should refuse $name for $target, naming the target that has its form', ({ name, target, error }) => {
    expect(exportPlan(example(`${name}.release.yaml`), target)).toEqual({ ok: false, error });
  });

  it.each([
    { success: 'result < 0.01', failure: undefined, range: { max: 0.01 } },
    { success: 'result >= 100', failure: undefined, range: { min: 100 } },
    { success: 'result < 0.01', failure: 'result >= 0.05', range: { max: 0.01 } },
    { success: 'result < 0.01 && result > 0', failure: undefined, range: undefined },
  ])('should read "$success" / "$failure" as a Flagger threshold range', ({ success, failure, range }) => {
    const gate = { name: 'g', successCondition: success, ...(failure ? { failureCondition: failure } : {}) } as AnalysisGate;
    expect(thresholdRange(gate)).toEqual(range);
  });

  it('should print the manifests with a note line for each thing the target cannot say, and say them on stderr', async () => {
    const { code, out, err } = await cli('export', join(EXAMPLES, 'rolling.release.yaml'), '--to', 'kubernetes');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(`# catalog exported by switchyard from ${join(EXAMPLES, 'rolling.release.yaml')} for kubernetes.`);
    const documents = parseAllDocuments(out).map((document) => document.toJSON() as Doc);
    expect(documents.map((d) => d.kind)).toEqual(['Deployment', 'Service']);
    expect(err).toContain('note: a Deployment has no gates');
    expect(out).not.toMatch(/[&*]a\d/);
  });

  it('should refuse an unknown target with the list of targets', async () => {
    const { code, err } = await cli('export', join(EXAMPLES, 'rolling.release.yaml'), '--to', 'spinnaker');
    expect(code).toBe(64);
    expect(err).toBe('switchyard export: --to must be one of argo-rollouts, flagger, kubernetes, got "spinnaker"');
  });
});
