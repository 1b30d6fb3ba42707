import { PatchStrategy } from '@kubernetes/client-node';
import { apiError, type KubeClient } from '../../../src/adapters/kubernetes/client';
import { exportPlan } from '../../../src/domain/export';
import { simulate } from '../../../src/domain/simulator/simulate';
import { compareCase, planOf, READY_MS, specAtVersion, type Compared } from './conformance';
import type { FlaggerCase } from './flaggerCases';
import { recordHistory, type Change, type KubeObject } from './history';

/** Flagger's shortest analysis interval: it reads anything shorter as 10 s. */
const INTERVAL = '10s';
const INTERVAL_MS = 10_000;

/** "weight 20 @1": the weight and the tick it came at, counted in intervals from the first weight. */
const tickOf = (t: number, first: number): number => Math.round((t - first) / INTERVAL_MS);
const ROLLOUT_TIMEOUT_MS = 300_000;

type Manifest = KubeObject & { apiVersion: string; kind: string };

/** The case as a user writes it: an `engine: flagger` canary, pods ready after a fixed delay. */
export function flaggerPlan(row: FlaggerCase): string {
  return [
    'service: demo',
    'version: v2',
    'stableVersion: v1',
    'engine: flagger',
    `replicas: ${row.replicas}`,
    'strategy:',
    '  canary:',
    `    interval: ${INTERVAL}`,
    ...(row.stepWeights ? [`    stepWeights: [${row.stepWeights.join(', ')}]`] : [`    stepWeight: ${row.stepWeight}`]),
    ...(row.maxWeight === undefined ? [] : [`    maxWeight: ${row.maxWeight}`]),
    'scenarios:',
    '  conformance:',
    `    fleet: { bootTime: { min: ${READY_MS}ms, max: ${READY_MS}ms }, drainTime: 0s }`,
    '',
  ].join('\n');
}


/**
 * The simulated run: each canary weight below 100 the route takes while the canary is analysed
 * and the tick it comes at, the tick of Flagger's Promoting (it copies the canary to the primary;
 * the simulated run ends two ticks later, after Finalising), then how it ends (`promoted`:
 * Flagger's Succeeded).
 */
export function simulatedFlagger(row: FlaggerCase): string[] {
  const result = simulate(planOf(row.name, flaggerPlan(row)), { scenario: 'conformance' });
  const form: string[] = [];
  let first: number | undefined;
  let last = -1;
  for (const event of result.events) {
    if (event.kind !== 'traffic.set') continue;
    const weight = event.data.weights.candidate;
    if (weight === 100 || weight === 0 || weight === last) continue;
    first ??= event.t;
    last = weight;
    form.push(`weight ${weight} @${tickOf(event.t, first)}`);
  }
  // A promoted run ends two ticks after Flagger's Promoting one (Promoting, Finalising, Succeeded).
  const end = result.events.at(-1)?.t ?? 0;
  if (result.outcome === 'promoted') form.push(`promoting @${tickOf(end - 2 * INTERVAL_MS, first ?? end)}`);
  form.push(result.outcome === 'promoted' ? 'promoted' : result.outcome);
  return form;
}

/** The Deployment and Canary `switchyard export --to flagger` writes, at one version, with kwok's fixed delays and a Gateway for the route. */
export function exportedFlagger(row: FlaggerCase, namespace: string, version: string): { deployment: Manifest; canary: Manifest } {
  const exported = exportPlan(planOf(row.name, flaggerPlan(row)), 'flagger');
  if (!exported.ok) throw new Error(`export refused "${row.name}": ${exported.error}`);
  const find = (kind: string): Manifest => {
    const document = exported.documents.find((candidate) => candidate.kind === kind) as Manifest | undefined;
    if (!document) throw new Error(`export of "${row.name}" has no ${kind}`);
    return { ...document, metadata: { ...document.metadata, namespace } };
  };
  const deployment = find('Deployment');
  const canary = find('Canary');
  const service = (canary.spec as { service: Record<string, unknown> }).service;
  // Flagger's Gateway API router needs the Gateway its HTTPRoute attaches to, as a user's cluster names it.
  const canarySpec = { ...canary.spec, service: { ...service, gatewayRefs: [{ name: 'gateway', namespace }] } };
  return { deployment: { ...deployment, spec: specAtVersion(deployment.spec, version) }, canary: { ...canary, spec: canarySpec } };
}

async function apply(client: KubeClient, object: Manifest): Promise<void> {
  try {
    await client.objects.patch(object, undefined, undefined, 'kubectl', true, PatchStrategy.ServerSideApply);
  } catch (error) {
    throw new Error(`apply ${object.kind} ${object.metadata?.namespace}/${object.metadata?.name}: ${apiError(error)}`);
  }
}

const phaseOf = (canary: KubeObject | undefined): string => String((canary?.status as { phase?: string } | undefined)?.phase ?? '');

function canaryWeightOf(route: KubeObject): number | undefined {
  const rules = (route.spec as { rules?: { backendRefs?: { name?: string; weight?: number }[] }[] } | undefined)?.rules ?? [];
  const backend = rules[0]?.backendRefs?.find((ref) => ref.name?.endsWith('-canary'));
  return backend?.weight;
}

/** The canary weights the HTTPRoute takes while the Canary progresses, then how it ends, each at its tick. */
function formOf(changes: readonly Change[], since: number): string[] {
  const form: string[] = [];
  let phase = '';
  let first: number | undefined;
  let last = -1;
  for (const change of changes) {
    if (change.version <= since) continue;
    if (change.path.endsWith('/canaries')) {
      const previous = phase;
      phase = phaseOf(change.object);
      if (phase === 'Promoting' && previous !== 'Promoting') form.push(`promoting @${tickOf(change.at, first ?? change.at)}`);
      // Not timed: Flagger succeeds once the primary's new pods are ready, which takes longer on a busy cluster.
      const end = phase === 'Succeeded' ? 'promoted' : phase === 'Failed' ? 'rolledBack' : undefined;
      if (end && form.at(-1) !== end) form.push(end);
      continue;
    }
    const weight = canaryWeightOf(change.object);
    if (phase !== 'Progressing' || weight === undefined || weight === 0 || weight === 100 || weight === last) continue;
    first ??= change.at;
    last = weight;
    form.push(`weight ${weight} @${tickOf(change.at, first)}`);
  }
  return form;
}

/**
 * Runs the case on the real Flagger: v1's Deployment and the Canary applied and left until
 * Flagger has initialised it (primary created, target scaled to 0), then v2's Deployment,
 * recorded from watches on the namespace's Canaries and HTTPRoutes until the Canary Succeeded or
 * Failed (or the time runs out).
 */
export async function observedFlagger(client: KubeClient, namespace: string, row: FlaggerCase): Promise<string[]> {
  const history = recordHistory(client, [`/apis/flagger.app/v1beta1/namespaces/${namespace}/canaries`, `/apis/gateway.networking.k8s.io/v1/namespaces/${namespace}/httproutes`]);
  try {
    const v1 = exportedFlagger(row, namespace, 'v1');
    await apply(client, v1.deployment);
    await apply(client, v1.canary);
    const lastPhase = (changes: readonly Change[]): string => phaseOf(changes.filter((change) => change.path.endsWith('/canaries')).at(-1)?.object);
    const initialized = await history.until((changes) => lastPhase(changes) === 'Initialized', 120_000);
    const since = initialized.at(-1)?.version ?? 0;
    await apply(client, exportedFlagger(row, namespace, 'v2').deployment);
    const changes = await history
      .until((all) => ['Succeeded', 'Failed'].includes(lastPhase(all.filter((change) => change.version > since))), ROLLOUT_TIMEOUT_MS)
      .catch(() => history.changes());
    return formOf(changes, since);
  } finally {
    history.stop();
  }
}

export function compareFlagger(client: KubeClient, namespace: string, row: FlaggerCase): Promise<Compared> {
  return compareCase(() => simulatedFlagger(row), () => observedFlagger(client, namespace, row));
}
