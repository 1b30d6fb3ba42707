import { deploymentStrategy } from '../physics/flagger';
import type { HeaderMatch, PlanInput } from '../plan/schema';
import type { ManifestContext } from './context';
import type { Fields } from './fields';
import { flaggerMetricGates } from './flaggerMetrics';
import { flaggerHooks } from './flaggerWebhooks';
import { goDurationSeconds } from './quantities';
import { DEFAULT_REPLICAS, imageVersion, referencedDeployment } from './workloads';

/** Flagger's analysis interval when none is written, and its blue-green without a mesh's iterations. */
const FLAGGER_INTERVAL_SECONDS = 60;
const FLAGGER_BLUE_GREEN_ITERATIONS = 10;

type Draft = Omit<PlanInput, 'scenarios'>;

/**
 * A Flagger `Canary` as a plan with `engine: flagger`. The strategy follows Flagger's own reading
 * of the analysis: match with iterations is an A/B test, iterations alone blue-green (with
 * mirror, a shadow), anything else a canary by stepWeight or stepWeights up to maxWeight. Each
 * interval checks the metrics; `threshold` failed checks roll back. Replicas are the target
 * Deployment's when it is in the file.
 *
 * @example
 * // spec: { targetRef: { kind: Deployment, name: podinfo }, analysis: { interval: 1m, threshold: 5, maxWeight: 50, stepWeight: 10, metrics: [...] } }
 * flaggerCanaryPlan(fields, context);
 * // { service: 'podinfo', engine: 'flagger', replicas: 3, strategy: { canary: { stepWeight: 10, maxWeight: 50, interval: 60, threshold: 5, analysis: {...} } }, ... }
 */
export function flaggerCanaryPlan(canary: Fields, context: ManifestContext): Draft | undefined {
  const spec = canary.map(['spec']);
  if (!spec) {
    canary.error([], 'a Canary needs a spec with a targetRef and an analysis', 'manifest.strategy');
    return undefined;
  }
  const replicas = targetReplicas(spec, context);
  noteRouting(spec);
  const analysis = spec.map(['analysis']) ?? spec.map(['canaryAnalysis']);
  if (!analysis) {
    spec.error(['analysis'], 'a Canary needs spec.analysis (Flagger\'s CRD requires it): its interval, threshold and how traffic moves', 'manifest.strategy');
    return undefined;
  }
  if (analysis.base.at(-1) === 'canaryAnalysis') spec.note(['canaryAnalysis'], 'canaryAnalysis is the old name of analysis, read as such', 'manifest.canaryAnalysis');
  context.trace.link(['strategy'], analysis);
  const strategy = flaggerStrategy(analysis, spec, context);
  if (!strategy) return undefined;
  const hooks = flaggerHooks(analysis, intervalSecondsOf(analysis), context);
  const progressDeadlineSeconds = spec.integer(['progressDeadlineSeconds'], 1);
  context.trace.link(['policy'], spec, ['progressDeadlineSeconds']);
  if (spec.boolean(['skipAnalysis']) === true) spec.note(['skipAnalysis'], 'Flagger promotes without analysis; the rehearsal runs the analysis anyway, to show what it would judge', 'manifest.skipAnalysis');
  return {
    service: canary.document.name ?? 'canary',
    ...(replicas.version === undefined ? {} : { version: replicas.version }),
    engine: 'flagger',
    replicas: replicas.count,
    strategy,
    policy: progressDeadlineSeconds === undefined ? {} : { progressDeadlineSeconds },
    analysis: context.gates.gates,
    ...(hooks === undefined ? {} : { hooks }),
  };
}

/** The analysis interval as flaggerStrategy read it (its errors and notes said there). */
function intervalSecondsOf(analysis: Fields): number {
  const written = analysis.peek(['interval']);
  const seconds = typeof written === 'number' ? written : typeof written === 'string' ? goDurationSeconds(written) : undefined;
  return seconds ?? FLAGGER_INTERVAL_SECONDS;
}

function targetReplicas(spec: Fields, context: ManifestContext): { count: number; version?: string } {
  context.trace.link(['replicas'], spec, ['targetRef']);
  const deployment = referencedDeployment(spec, ['targetRef'], context);
  if (!deployment) {
    spec.note(['targetRef'], `the target is not in this file: rehearsed with ${DEFAULT_REPLICAS} replicas`, 'manifest.defaultReplicas');
    return { count: DEFAULT_REPLICAS };
  }
  const count = deployment.integer(['spec', 'replicas']) ?? 1;
  const version = imageVersion(deployment.at(['spec', 'template']));
  deployment.note([], `the Canary's target: its ${count} replica${count === 1 ? '' : 's'} size the primary and the canary; Flagger runs the release, so its own strategy and pod template are not rehearsed`, 'manifest.target');
  return version === undefined ? { count } : { count, version };
}

/** The router the Canary names: any of them splits by weight in the rehearsal, Flagger's kubernetes provider cannot. */
function noteRouting(spec: Fields): void {
  const provider = spec.string(['provider']);
  if (provider !== undefined) spec.note(['provider'], provider === 'kubernetes' ? 'provider kubernetes has no traffic routing: Flagger runs blue-green, all traffic at once' : `provider ${provider}: the simulation splits traffic by weight exactly as set`, 'manifest.trafficRouter');
  if (spec.has(['service'])) spec.note(['service'], 'the Services and routes Flagger generates are modelled as stable and candidate; ports, gateways, hosts, retries and headers are not rehearsed', 'manifest.service');
  if (spec.has(['autoscalerRef'])) spec.note(['autoscalerRef'], 'the autoscaler is not modelled: primary and canary keep the replicas of the target', 'manifest.autoscaler');
  for (const ref of ['ingressRef', 'routeRef', 'upstreamRef'] as const) {
    if (spec.has([ref])) spec.note([ref], `the router object it names is modelled as a router that splits by weight exactly`, 'manifest.trafficRouter');
  }
}

function flaggerStrategy(analysis: Fields, spec: Fields, context: ManifestContext): PlanInput['strategy'] | undefined {
  const interval = analysis.duration(['interval']);
  if (interval === undefined) analysis.note(['interval'], `not set: Flagger's ${FLAGGER_INTERVAL_SECONDS}s`, 'manifest.defaultInterval');
  const intervalSeconds = interval ?? FLAGGER_INTERVAL_SECONDS;
  const threshold = analysis.integer(['threshold'], 0);
  const iterations = analysis.integer(['iterations'], 0);
  const matches = analysis.has(['match']) ? headerMatches(analysis) : [];
  const match = matches.length > 0 ? matches : undefined;
  const mirror = analysis.boolean(['mirror']) === true;
  noteLoopSettings(analysis);
  const gates = flaggerMetricGates(analysis, context);
  const checks = gates.length > 0 ? { analysis: { templates: gates } } : {};
  const loop = { interval: intervalSeconds, ...(threshold ? { threshold } : {}) };
  const kind = spec.peek(['provider']) === 'kubernetes' && !iterations ? 'blue-green' : deploymentStrategy({ match: match !== undefined, iterations: iterations ?? 0 });
  if (kind === 'ab-testing' && match) return { abTest: { match, iterations, ...loop, ...checks } };
  if (analysis.has(['match'])) analysis.note(['match'], match ? 'match applies only with iterations (A/B testing); Flagger runs a canary by weight here' : 'no header or cookie match here: the rehearsal routes by weight', 'manifest.match');
  if (kind === 'blue-green' && mirror) {
    const mirrorWeight = analysis.integer(['mirrorWeight']);
    return { shadow: { iterations: iterations ?? FLAGGER_BLUE_GREEN_ITERATIONS, ...loop, ...(mirrorWeight === undefined ? {} : { mirrorPercent: mirrorWeight }), ...checks } };
  }
  if (mirror) analysis.note(['mirror'], 'mirror applies only to blue-green (iterations); Flagger runs a canary by weight here', 'manifest.mirror');
  if (kind === 'blue-green') return blueGreen(analysis, iterations ?? FLAGGER_BLUE_GREEN_ITERATIONS, intervalSeconds, threshold, gates);
  const stepWeight = analysis.number(['stepWeight']);
  const stepWeights = analysis.has(['stepWeights']) ? analysis.list(['stepWeights']).flatMap((weight) => weight.number([]) ?? []) : undefined;
  const maxWeight = analysis.number(['maxWeight']);
  if (!stepWeight && !stepWeights?.length) {
    analysis.error([], 'the analysis needs stepWeight, stepWeights or iterations: without them Flagger never moves traffic to the canary', 'manifest.strategy');
    return undefined;
  }
  if (stepWeight) return { canary: { stepWeight, ...(maxWeight === undefined ? {} : { maxWeight }), ...loop, ...checks } };
  if (maxWeight !== undefined) analysis.note(['maxWeight'], 'with stepWeights Flagger promotes after the last of them and does not read maxWeight', 'manifest.maxWeight');
  return { canary: { stepWeights, ...loop, ...checks } };
}

/**
 * Flagger's blue-green as the plan's: its track runs Flagger's default 10 iterations of 1m and
 * rolls back on the first failed check; other values are said, not modelled.
 */
function blueGreen(analysis: Fields, iterations: number, intervalSeconds: number, threshold: number | undefined, gates: string[]): PlanInput['strategy'] {
  if (iterations !== FLAGGER_BLUE_GREEN_ITERATIONS || intervalSeconds !== FLAGGER_INTERVAL_SECONDS) {
    analysis.note(['iterations'], `a Flagger blue-green is rehearsed with Flagger's ${FLAGGER_BLUE_GREEN_ITERATIONS} iterations of ${FLAGGER_INTERVAL_SECONDS}s, not ${iterations} of ${intervalSeconds}s`, 'manifest.blueGreenIterations');
  }
  if (threshold !== undefined && threshold > 1) analysis.note(['threshold'], `a Flagger blue-green is rehearsed rolling back on the first failed check, not after ${threshold}`, 'manifest.blueGreenThreshold');
  return { blueGreen: gates.length > 0 ? { prePromotionAnalysis: { templates: gates } } : {} };
}

/** Flagger's settings that only pace or decorate the loop, each said on its line. */
function noteLoopSettings(analysis: Fields): void {
  const said: Record<string, string> = {
    stepWeightPromotion: 'promotion moves all traffic at once in the rehearsal, not in steps of stepWeightPromotion',
    sessionAffinity: 'session affinity is not modelled: every request is routed by weight',
    primaryReadyThreshold: 'readiness thresholds are not modelled: a Deployment is ready when all its instances are',
    canaryReadyThreshold: 'readiness thresholds are not modelled: a Deployment is ready when all its instances are',
    alerts: 'alerts are not sent in a rehearsal',
  };
  for (const [field, note] of Object.entries(said)) if (analysis.has([field])) analysis.note([field], note, 'manifest.notModelled');
}

/** Flagger's match (Istio's HTTPMatchRequest: the list is any of, the headers of one entry all of) as plan matches. */
function headerMatches(analysis: Fields): HeaderMatch[] {
  const matches: HeaderMatch[] = [];
  for (const entry of analysis.list(['match'])) {
    const headers: NonNullable<HeaderMatch['headers']> = {};
    for (const name of entry.keys(['headers'])) {
      const matcher = entry.at(['headers', name]);
      const exact = matcher.string(['exact']);
      const prefix = matcher.string(['prefix']);
      const regex = matcher.string(['regex']);
      for (const other of matcher.keys().filter((key) => !['exact', 'prefix', 'regex'].includes(key))) matcher.note([other], `a ${other} match is not modelled`, 'manifest.match');
      headers[name] = { ...(exact === undefined ? {} : { exact }), ...(prefix === undefined ? {} : { prefix }), ...(regex === undefined ? {} : { regex }) };
    }
    for (const other of entry.keys().filter((key) => key !== 'headers')) entry.note([other], `a ${other} match is not modelled: only headers and cookies select the A/B test's users`, 'manifest.match');
    if (Object.keys(headers).length > 0) matches.push({ headers });
  }
  return matches;
}
