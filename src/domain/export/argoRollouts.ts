import type { AnalysisGate, AnalysisRef, CanaryStep, HeaderMatch, Plan } from '../plan/schema';
import { missingProvider, queryOf, TODO_ADDRESS, todoQuery } from './metrics';
import { durationText } from '../plan/durationText';
import type { Exported, ExportOptions } from './types';
import { releaseMetadata, serviceOf, workloadOf, workloadSpec, type Workload } from './workload';
import { progressDeadlineAction } from '../strategies/engines/progressDeadline';

type Doc = Record<string, unknown>;

/** Argo's conditions read a Prometheus vector: `result` is the vector, `result[0]` its first value. */
const vectorCondition = (condition: string | undefined, prometheus: boolean): string | undefined =>
  condition === undefined || !prometheus ? condition : condition.replace(/\bresult\b(?!\s*\[)/g, 'result[0]');

/** One gate as an AnalysisTemplate of one metric, as Argo Rollouts runs it. */
function analysisTemplate(gate: AnalysisGate, plan: Plan, workload: Workload, notes: string[]): Doc {
  const version = plan.version ?? 'candidate';
  let provider: Doc;
  const prometheus = gate.provider?.prometheus !== undefined || gate.provider?.http === undefined;
  if (gate.provider?.prometheus) provider = { prometheus: { address: gate.provider.prometheus.address, query: queryOf(gate, plan.service, version) } };
  else if (gate.provider?.http) provider = { web: { url: gate.provider.http.url, ...(gate.provider.http.jsonPath ? { jsonPath: `{${gate.provider.http.jsonPath}}` } : {}), ...(gate.provider.http.timeout ? { timeoutSeconds: Math.max(1, Math.round(gate.provider.http.timeout / 1000)) } : {}) } };
  else {
    notes.push(missingProvider(gate));
    provider = { prometheus: { address: TODO_ADDRESS, query: todoQuery(gate) } };
  }
  const metric: Doc = {
    name: gate.name,
    interval: durationText(gate.interval),
    ...(gate.count !== undefined ? { count: gate.count } : {}),
    ...(gate.initialDelay !== undefined ? { initialDelay: durationText(gate.initialDelay) } : {}),
    ...(gate.successCondition ? { successCondition: vectorCondition(gate.successCondition, prometheus) } : {}),
    ...(gate.failureCondition ? { failureCondition: vectorCondition(gate.failureCondition, prometheus) } : {}),
    failureLimit: gate.failureLimit,
    inconclusiveLimit: gate.inconclusiveLimit,
    consecutiveErrorLimit: gate.consecutiveErrorLimit,
    provider,
  };
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name: gate.name, namespace: workload.namespace }, spec: { metrics: [metric] } };
}

const templatesOf = (ref: AnalysisRef | undefined): Doc | undefined => ref && { templates: ref.templates.map((templateName) => ({ templateName })) };

/** Argo's header match: one header, one value kind; a plan's cookie match has no Argo form. */
function headerMatches(matches: readonly HeaderMatch[] | undefined, notes: string[]): Doc[] {
  return (matches ?? []).flatMap((match) => {
    if (match.cookie) notes.push('a cookie match has no Argo Rollouts form (setHeaderRoute matches headers): left out');
    return Object.entries(match.headers ?? {}).map(([headerName, value]) => ({ headerName, headerValue: value }));
  });
}

function step(step: CanaryStep, notes: string[]): Doc | undefined {
  if (step.setWeight !== undefined) return { setWeight: step.setWeight };
  if (step.pause) return { pause: step.pause.duration === undefined ? {} : { duration: durationText(step.pause.duration) } };
  if (step.analysis) return { analysis: templatesOf(step.analysis) };
  if (step.setCanaryScale) return { setCanaryScale: step.setCanaryScale };
  if (step.setHeaderRoute) return { setHeaderRoute: { name: step.setHeaderRoute.name, match: headerMatches(step.setHeaderRoute.match, notes) } };
  if (step.setMirrorRoute) return { setMirrorRoute: { name: step.setMirrorRoute.name, ...(step.setMirrorRoute.percentage !== undefined ? { percentage: step.setMirrorRoute.percentage } : {}), match: [{ method: { prefix: '/' } }] } };
  return undefined;
}

/** The traffic router a Rollout names: the Gateway API plugin for a plan on Kubernetes, else a note. */
function trafficRouting(plan: Plan, workload: Workload, notes: string[]): Doc {
  const route = plan.targets?.kubernetes?.route ?? workload.name;
  if (!plan.targets?.kubernetes) notes.push(`trafficRouting names the Gateway API plugin and HTTPRoute ${route}: ${plan.targets?.router?.haproxy ? 'the plan routes through HAProxy, which Argo Rollouts does not drive' : plan.targets?.router?.nginx ? 'the plan routes through nginx; Argo Rollouts drives an nginx Ingress through trafficRouting.nginx instead' : 'the plan names no router'} (each provider has its own trafficRouting key)`);
  return { plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: route, namespace: workload.namespace } } };
}

/**
 * A plan as Argo Rollouts' own manifests: the Rollout (canary or blue-green), its Services and
 * an AnalysisTemplate per gate, plus the notes for what Argo cannot say as the plan does.
 * Rolling, recreate, A/B and shadow have no Rollout form: an error says which target has one.
 *
 * @example
 * exportArgoRollouts(canaryPlan).documents.map((d) => d.kind); // ["Rollout", "Service", "Service", "AnalysisTemplate", ...]
 */
export function exportArgoRollouts(plan: Plan, options: ExportOptions = {}): Exported {
  const notes: string[] = [];
  const { canary, blueGreen } = plan.strategy;
  if (!canary && !blueGreen) {
    const kind = plan.strategy.rolling ? 'rolling update' : plan.strategy.recreate ? 'recreate' : plan.strategy.abTest ? 'A/B test' : 'shadow';
    const where = plan.strategy.rolling || plan.strategy.recreate ? '--to kubernetes (a Deployment does it)' : '--to flagger (its Canary has match and mirror)';
    return { ok: false, error: `${kind === 'A/B test' ? 'an' : 'a'} ${kind} has no Argo Rollouts form (a Rollout is a canary or a blue-green): export ${where}` };
  }
  const workload = workloadOf(plan, notes);
  const services: Doc[] = [];
  let strategy: Doc;
  if (canary) {
    if (canary.steps === undefined) notes.push(`the canary is Flagger-style (stepWeight ${canary.stepWeight ?? ''}${canary.stepWeights ? `stepWeights ${canary.stepWeights.join(',')}` : ''}, interval): exported as setWeight steps each followed by a pause of the interval and the background analysis`);
    const steps = canary.steps ? canary.steps.flatMap((s) => step(s, notes) ?? []) : flaggerSteps(plan);
    const routed = canary.trafficRouting;
    if (routed) services.push(serviceOf(workload, `${workload.name}-stable`), serviceOf(workload, `${workload.name}-canary`));
    strategy = {
      canary: {
        ...(routed ? { stableService: `${workload.name}-stable`, canaryService: `${workload.name}-canary`, trafficRouting: trafficRouting(plan, workload, notes) } : {}),
        maxSurge: canary.maxSurge,
        maxUnavailable: canary.maxUnavailable,
        ...(canary.dynamicStableScale ? { dynamicStableScale: true } : {}),
        ...(routed && plan.policy.abortScaleDownDelaySeconds !== undefined ? { abortScaleDownDelaySeconds: plan.policy.abortScaleDownDelaySeconds } : {}),
        ...(canary.analysis ? { analysis: templatesOf(canary.analysis) } : {}),
        steps,
      },
    };
  } else {
    const green = blueGreen!;
    services.push(serviceOf(workload, workload.name), serviceOf(workload, `${workload.name}-preview`));
    strategy = {
      blueGreen: {
        activeService: workload.name,
        previewService: `${workload.name}-preview`,
        autoPromotionEnabled: green.autoPromotionEnabled,
        ...(green.autoPromotionSeconds !== undefined ? { autoPromotionSeconds: green.autoPromotionSeconds } : {}),
        ...(green.previewReplicaCount !== undefined ? { previewReplicaCount: green.previewReplicaCount } : {}),
        ...(green.prePromotionAnalysis ? { prePromotionAnalysis: templatesOf(green.prePromotionAnalysis) } : {}),
        ...(green.postPromotionAnalysis ? { postPromotionAnalysis: templatesOf(green.postPromotionAnalysis) } : {}),
        scaleDownDelaySeconds: green.scaleDownDelaySeconds,
        ...(plan.policy.abortScaleDownDelaySeconds !== undefined ? { abortScaleDownDelaySeconds: plan.policy.abortScaleDownDelaySeconds } : {}),
      },
    };
  }
  if (plan.engine !== 'argo-rollouts' && (blueGreen || canary?.trafficRouting) && plan.policy.abortScaleDownDelaySeconds === undefined) {
    notes.push('an aborted Rollout keeps the new version up for abortScaleDownDelaySeconds (30 s) once traffic is back on stable');
  }
  if (plan.policy.onFailure === 'pause') notes.push('policy.onFailure: pause has no Rollout form: Argo aborts on a failed analysis (and pauses only on an inconclusive one)');
  if (plan.hooks) notes.push('hooks have no Rollout form (a Rollout calls no webhooks and runs no commands of its own): add them as analysis steps with a web or job metric');
  const rollout: Doc = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: releaseMetadata(workload, options.scenarios),
    spec: { ...workloadSpec(plan, workload), progressDeadlineAbort: deadlineAbort(plan), strategy },
  };
  const used = new Set([canary?.analysis, blueGreen?.prePromotionAnalysis, blueGreen?.postPromotionAnalysis, ...(canary?.steps ?? []).map((s) => s.analysis)].flatMap((ref) => ref?.templates ?? []));
  const templates = plan.analysis.filter((gate) => used.has(gate.name)).map((gate) => analysisTemplate(gate, plan, workload, notes));
  return { ok: true, documents: [rollout, ...services, ...templates], notes };
}

/** A Flagger-style canary (stepWeight or stepWeights up to maxWeight, every interval) as setWeight and pause steps. */
function flaggerSteps(plan: Plan): Doc[] {
  const canary = plan.strategy.canary!;
  const weights = canary.stepWeights ?? (canary.stepWeight ? Array.from({ length: Math.floor(canary.maxWeight / canary.stepWeight) }, (_, i) => (i + 1) * canary.stepWeight!) : [canary.maxWeight]);
  const interval = durationText(canary.interval ?? 60_000);
  return weights.flatMap((setWeight) => [{ setWeight }, { pause: { duration: interval } }]);
}

/**
 * The Rollout's progressDeadlineAbort: the plan's own when it sets one; else whether the plan
 * rolls back at the deadline under its engine (Argo's default false for an argo-rollouts plan, so
 * the Rollout waits on as the plan's rehearsal does; true for a fleet plan that rolls back).
 */
function deadlineAbort(plan: Plan): boolean {
  return plan.policy.progressDeadlineAbort ?? (progressDeadlineAction(plan) !== 'report' && plan.policy.onFailure === 'rollback');
}
