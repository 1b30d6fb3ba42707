import { describe, expect, it } from 'vitest';
import { planFromManifests } from '../../../src/domain/manifests/convert';
import type { ManifestConversion } from '../../../src/domain/manifests/convert';
import type { Plan } from '../../../src/domain/plan/schema';
import { simulate } from '../../../src/domain/simulator/simulate';
import { companionsOf, corpusFiles, holdsOnlyTemplates, holdsRelease, joined, releaseUsing } from './corpus';

// Every Rollout, Canary, Deployment and analysis template of the Argo Rollouts and Flagger
// repositories' examples, documentation, kustomize and test folders (test/fixtures/manifests,
// PROVENANCE.md), rehearsed as written.

const corpus = corpusFiles();
const releases = corpus.filter(holdsRelease);
const templateFiles = corpus.filter(holdsOnlyTemplates);

interface Refusal {
  code: string;
  line: number;
  why: string;
}

const ELIDED = 'the page writes "..." for left-out lines, which ends the YAML document before spec';
const FRAGMENT = 'a documentation fragment showing one field; it has no analysis, which Flagger\'s CRD requires';

/** Upstream objects that cannot be rehearsed as written, each refused with an error at its line that says why. */
const NOT_REHEARSABLE: Record<string, Refusal> = {
  'argo-rollouts/docs/features/analysis.L44-L67.yaml': { code: 'manifest.strategy', line: 1, why: ELIDED },
  'argo-rollouts/docs/features/analysis.L114-L130.yaml': { code: 'manifest.strategy', line: 1, why: ELIDED },
  'argo-rollouts/docs/features/analysis.L195-L212.yaml': { code: 'manifest.strategy', line: 1, why: ELIDED },
  'argo-rollouts/docs/features/analysis.L255-L269.yaml': { code: 'manifest.strategy', line: 1, why: ELIDED },
  'argo-rollouts/docs/features/analysis.L590-L615.yaml': { code: 'manifest.strategy', line: 1, why: ELIDED },
  'argo-rollouts/docs/features/analysis.L724-L739.yaml': { code: 'manifest.strategy', line: 1, why: ELIDED },
  'argo-rollouts/docs/features/analysis.L759-L775.yaml': { code: 'manifest.strategy', line: 1, why: ELIDED },
  'argo-rollouts/docs/features/experiment.L161-L186.yaml': { code: 'manifest.strategy', line: 1, why: ELIDED },
  'argo-rollouts/docs/features/experiment.L270-L289.yaml': { code: 'manifest.strategy', line: 1, why: ELIDED },
  'argo-rollouts/docs/features/traffic-management/ambassador.L38-L54.yaml': { code: 'manifest.strategy', line: 1, why: ELIDED },
  'argo-rollouts/docs/features/notifications.L89-L96.yaml': { code: 'manifest.strategy', line: 2, why: 'a Rollout with metadata only, to show an annotation' },
  'argo-rollouts/docs/features/analysis.L1213-L1228.yaml': { code: 'manifest.missingArg', line: 10, why: "its page's success-rate template needs args.service-name, which this Rollout does not give" },
  'argo-rollouts/docs/features/hpa-support.L24-L45.yaml': { code: 'manifest.strategy', line: 21, why: 'the strategy is written "blueGreen | canary:", to be replaced' },
  'argo-rollouts/docs/features/specification.L6-L489.yaml': { code: 'manifest.strategy', line: 91, why: 'the reference lists every field, canary and blueGreen together, which Argo refuses' },
  'argo-rollouts/docs/features/traffic-management/apisix.L58-L115.yaml': { code: 'manifest.invalid', line: 20, why: 'one step holds setCanaryScale and setHeaderRoute, which Argo refuses' },
  'argo-rollouts/examples/apisix/rollout.yaml': { code: 'manifest.invalid', line: 20, why: 'one step holds setCanaryScale and setHeaderRoute, which Argo refuses' },
  'flagger/README.L55-L165.yaml': { code: 'manifest.missingTemplate', line: 78, why: 'its db-connections MetricTemplate is not defined anywhere upstream' },
  'flagger/docs/gitbook/faq.L93-L111.yaml': { code: 'manifest.strategy', line: 6, why: FRAGMENT },
  'flagger/docs/gitbook/faq.L212-L225.yaml': { code: 'manifest.strategy', line: 3, why: FRAGMENT },
  'flagger/docs/gitbook/faq.L548-L597.yaml': { code: 'manifest.strategy', line: 6, why: FRAGMENT },
  'flagger/docs/gitbook/faq.L686-L696.yaml': { code: 'manifest.strategy', line: 6, why: FRAGMENT },
  'flagger/docs/gitbook/faq.L816-L848.yaml': { code: 'manifest.strategy', line: 5, why: FRAGMENT },
  'flagger/docs/gitbook/faq.L866-L872.yaml': { code: 'manifest.strategy', line: 3, why: FRAGMENT },
  'flagger/docs/gitbook/faq.L878-L884.yaml': { code: 'manifest.strategy', line: 3, why: FRAGMENT },
  'flagger/docs/gitbook/tutorials/gatewayapi-progressive-delivery.L742-L752.yaml': { code: 'manifest.strategy', line: 6, why: FRAGMENT },
  'flagger/docs/gitbook/tutorials/gatewayapi-progressive-delivery.L765-L787.yaml': { code: 'manifest.strategy', line: 6, why: FRAGMENT },
  'flagger/docs/gitbook/tutorials/gatewayapi-progressive-delivery.L800-L814.yaml': { code: 'manifest.strategy', line: 6, why: FRAGMENT },
  'flagger/docs/gitbook/tutorials/gatewayapi-progressive-delivery.L825-L834.yaml': { code: 'manifest.strategy', line: 6, why: FRAGMENT },
  'flagger/docs/gitbook/tutorials/gatewayapi-progressive-delivery.L850-L877.yaml': { code: 'manifest.strategy', line: 6, why: FRAGMENT },
  'flagger/docs/gitbook/tutorials/istio-progressive-delivery.L512-L520.yaml': { code: 'manifest.strategy', line: 4, why: FRAGMENT },
  'flagger/docs/gitbook/tutorials/zero-downtime-deployments.L169-L181.yaml': { code: 'manifest.strategy', line: 3, why: FRAGMENT },
  'flagger/kustomize/README.L65-L73.yaml': { code: 'manifest.strategy', line: 6, why: FRAGMENT },
};

/** A template without metadata.name, which nothing can reference. */
const NAMELESS_TEMPLATES = new Set(['argo-rollouts/docs/features/analysis.L1244-L1259.yaml']);

const rehearsable = releases.filter((file) => NOT_REHEARSABLE[file.name] === undefined);
const refused = releases.filter((file) => NOT_REHEARSABLE[file.name] !== undefined);

function converted(text: string): Extract<ManifestConversion, { ok: true }> {
  const result = planFromManifests(text);
  if (!result.ok) throw new Error(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line}:${d.range.start.column}: ${d.message}`).join('\n'));
  return result;
}

/** A pause without a duration, or a blue-green without auto-promotion: Argo waits for an operator there. */
function waitsForOperator(plan: Plan): boolean {
  const blueGreen = plan.strategy.blueGreen;
  if (blueGreen) return !blueGreen.autoPromotionEnabled && blueGreen.autoPromotionSeconds === undefined;
  return (plan.strategy.canary?.steps ?? []).some((step) => step.pause !== undefined && step.pause.duration === undefined);
}

describe('the upstream corpus', () => {
  it('should hold every file PROVENANCE.md lists, from both projects', () => {
    expect(corpus.filter((file) => file.project === 'argo-rollouts').length).toBe(106);
    expect(corpus.filter((file) => file.project === 'flagger').length).toBe(143);
    expect(rehearsable.length + refused.length + templateFiles.length).toBe(corpus.length);
  });

  it.each(rehearsable.map((file) => [file.name, file] as const))('should rehearse %s to an outcome under good-version and bad-version', (_, file) => {
    const result = converted(joined([file, ...companionsOf(file, corpus)]));
    const good = simulate(result.plan, { scenario: 'good-version', seed: 1 });
    const bad = simulate(result.plan, { scenario: 'bad-version', seed: 1 });
    const gateBeforeTraffic = result.diagnostics.some((d) => d.code === 'lint.gateNoTraffic');
    // A gate that measures before any user traffic reaches the canary can only err; lint says so.
    expect(good.outcome).toBe(gateBeforeTraffic ? 'rolledBack' : waitsForOperator(result.plan) ? 'paused' : 'promoted');
    if (good.outcome === 'paused') expect(good.reason).toContain('waiting for operator.promote');
    // Some upstream gates are lenient on purpose (Flagger's lifecycle tests pass at 1 % success): any ending will do.
    expect(['promoted', 'rolledBack', 'paused']).toContain(bad.outcome);
  });

  it.each(refused.map((file) => [file.name, file] as const))('should refuse %s with an error at its line that says why', (name, file) => {
    const refusal = NOT_REHEARSABLE[name];
    const result = planFromManifests(joined([file, ...companionsOf(file, corpus)]));
    expect(result.ok).toBe(false);
    const error = result.diagnostics.find((d) => d.severity === 'error');
    expect({ code: error?.code, line: error?.range.start.line }, refusal?.why).toEqual({ code: refusal?.code, line: refusal?.line });
  });

  it.each(templateFiles.filter((file) => !NAMELESS_TEMPLATES.has(file.name)).map((file) => [file.name, file] as const))(
    'should rehearse the templates of %s through a release that uses them',
    (_, file) => {
      expect(planFromManifests(file.text).diagnostics.map((d) => d.code)).toContain('manifest.nothingToRehearse');
      const result = converted(`${releaseUsing(file)}---\n${file.text}`);
      expect(result.diagnostics.filter((d) => d.code === 'manifest.unused')).toEqual([]);
      for (const scenario of ['good-version', 'bad-version']) expect(['promoted', 'rolledBack', 'paused']).toContain(simulate(result.plan, { scenario, seed: 1 }).outcome);
    },
  );

  it('should say every note at a line of the file it is about', () => {
    for (const file of rehearsable) {
      const text = joined([file, ...companionsOf(file, corpus)]);
      const lines = text.split('\n').length;
      for (const note of converted(text).diagnostics.filter((d) => d.severity === 'info')) {
        expect(note.range.start.line, `${file.name}: ${note.message}`).toBeLessThanOrEqual(lines);
        expect(note.message, file.name).toMatch(/\S: \S|^\S+ \S+: /);
      }
    }
  });
});
