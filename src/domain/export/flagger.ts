import type { AnalysisGate, AnalysisRef, HeaderMatch, Plan } from '../plan/schema';
import { deploymentOf } from './kubernetes';
import { missingProvider, queryOf, thresholdRange, TODO_ADDRESS, todoQuery } from './metrics';
import { durationText } from '../plan/durationText';
import { flaggerWebhooks } from './flaggerWebhooks';
import type { Exported, ExportOptions } from './types';
import { releaseMetadata, workloadOf, type Workload } from './workload';

type Doc = Record<string, unknown>;

/** A gate as a MetricTemplate (its query) and the Canary's metric (its interval and threshold range). */
function metricOf(gate: AnalysisGate, plan: Plan, workload: Workload, notes: string[]): { template: Doc; metric: Doc } {
  const prometheus = gate.provider?.prometheus;
  if (!prometheus) notes.push(gate.provider?.http ? `gate ${gate.name} reads ${gate.provider.http.url}: a Flagger MetricTemplate has no plain HTTP provider; exported as a Prometheus query marked TODO` : missingProvider(gate));
  const range = thresholdRange(gate);
  if (!range) notes.push(`gate ${gate.name}: Flagger judges a metric by a threshold range; "${[gate.successCondition, gate.failureCondition].filter(Boolean).join('", "')}" has no range form, so the metric has none (it always passes): set one by hand`);
  if (gate.count !== undefined || gate.failureLimit > 0) notes.push(`gate ${gate.name}: Flagger measures once per analysis interval and counts failed checks against the Canary's threshold; count ${gate.count ?? '-'} and failureLimit ${gate.failureLimit} have no MetricTemplate form`);
  const template = {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'MetricTemplate',
    metadata: { name: gate.name, namespace: workload.namespace },
    spec: { provider: { type: 'prometheus', address: prometheus?.address ?? TODO_ADDRESS }, query: prometheus ? queryOf(gate, plan.service, plan.version ?? 'candidate') : todoQuery(gate) },
  };
  return { template, metric: { name: gate.name, templateRef: { name: gate.name }, interval: durationText(gate.interval), ...(range ? { thresholdRange: range } : {}) } };
}

function matchOf(matches: readonly HeaderMatch[]): Doc[] {
  return matches.map((match) => ({
    ...(match.headers ? { headers: match.headers } : {}),
    ...(match.cookie ? { headers: { cookie: { regex: Object.entries(match.cookie).map(([name, value]) => `^(.*?;)?(${name}=${value.exact ?? value.regex ?? ''})(;.*)?$`).join('|') } } } : {}),
  }));
}

/**
 * A plan as Flagger's own manifests: the Deployment it targets, the Canary (progressive canary,
 * A/B test by header match, blue-green by iterations, or a mirrored canary) with the plan's hooks
 * as its webhooks, and a MetricTemplate per gate, with notes for what Flagger cannot say as the
 * plan does.
 *
 * @example
 * exportFlagger(canaryPlan).documents.map((d) => d.kind); // ["Deployment", "Canary", "MetricTemplate", ...]
 */
export function exportFlagger(plan: Plan, options: ExportOptions = {}): Exported {
  const { canary, blueGreen, abTest, shadow } = plan.strategy;
  if (!canary && !blueGreen && !abTest && !shadow) return { ok: false, error: `a ${plan.strategy.rolling ? 'rolling update' : 'recreate'} needs no canary controller: export --to kubernetes (a Deployment does it)` };
  const notes: string[] = [];
  const workload = workloadOf(plan, notes);
  let analysis: Doc;
  let refs: (AnalysisRef | undefined)[];
  // Flagger asks its confirm webhooks once per analysis interval.
  const intervalMs = canary ? (canary.interval ?? 60_000) : (abTest ?? shadow)?.interval ?? 60_000;
  if (canary) {
    const weights = canary.steps?.flatMap((step) => (step.setWeight !== undefined ? [step.setWeight] : []));
    if (canary.steps) notes.push('Argo-style steps: the setWeight steps become stepWeights, each held one analysis interval; pauses and per-step analysis are not Flagger steps (its metrics run every interval)');
    refs = [canary.analysis, ...(canary.steps ?? []).map((step) => step.analysis)];
    analysis = {
      interval: durationText(canary.interval ?? 60_000),
      threshold: canary.threshold ?? 2,
      maxWeight: canary.maxWeight,
      ...(weights ? { stepWeights: weights } : canary.stepWeights ? { stepWeights: canary.stepWeights } : { stepWeight: canary.stepWeight ?? 10 }),
    };
    if (!canary.trafficRouting) notes.push('trafficRouting: false has no Flagger form: Flagger always splits traffic at a mesh or ingress');
  } else if (abTest) {
    refs = [abTest.analysis];
    analysis = { interval: durationText(abTest.interval), threshold: abTest.threshold, iterations: abTest.iterations, match: matchOf(abTest.match) };
  } else if (shadow) {
    refs = [shadow.analysis];
    analysis = { interval: durationText(shadow.interval), threshold: shadow.threshold, iterations: shadow.iterations, mirror: true, ...(shadow.mirrorPercent < 100 ? { mirrorWeight: shadow.mirrorPercent } : {}) };
    notes.push('Flagger mirrors traffic only on Istio, and as a step of a canary: the Canary mirrors for its iterations, then promotes');
  } else {
    const green = blueGreen!;
    refs = [green.prePromotionAnalysis, green.postPromotionAnalysis];
    analysis = { interval: '1m', threshold: 2, iterations: 1 };
    notes.push('blue-green: Flagger runs its metrics for `iterations` intervals before the switch (pre-promotion); post-promotion analysis, autoPromotionSeconds and scaleDownDelaySeconds have no Canary form');
  }
  const used = new Set(refs.flatMap((ref) => ref?.templates ?? []));
  const metrics = plan.analysis.filter((gate) => used.has(gate.name)).map((gate) => metricOf(gate, plan, workload, notes));
  const webhooks = flaggerWebhooks(plan, intervalMs, notes);
  if (plan.policy.onFailure === 'pause') notes.push('policy.onFailure: pause has no Canary form: Flagger rolls back after threshold failed checks');
  const canaryDoc: Doc = {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: releaseMetadata(workload, options.scenarios),
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: workload.name },
      progressDeadlineSeconds: plan.policy.progressDeadlineSeconds,
      service: { port: workload.port, targetPort: workload.targetPort },
      analysis: { ...analysis, metrics: metrics.map((m) => m.metric), ...(webhooks.length > 0 ? { webhooks } : {}) },
    },
  };
  return { ok: true, documents: [deploymentOf(plan, workload), canaryDoc, ...metrics.map((m) => m.template)], notes };
}
