import { PatchStrategy } from '@kubernetes/client-node';
import type { KubeClient } from '../../../src/adapters/kubernetes/client';
import { apiError } from '../../../src/adapters/kubernetes/client';
import { exportPlan } from '../../../src/domain/export';
import { simulate } from '../../../src/domain/simulator/simulate';
import type { RunResult } from '../../../src/domain/simulator/types';
import { canonicalForm, type RolloutState } from '../../kube/support/conformanceForm';
import type { ArgoCase } from './argoCases';
import { recordHistory, type Change, type KubeObject } from './history';
import { compareCase, planOf, READY_MS, specAtVersion, type Compared } from './conformance';

/** Long enough for one pod a wave at 50 replicas (a wave is about 3 s on a loaded cluster). */
const rolloutTimeoutMs = (row: ArgoCase): number => 60_000 + 5_000 * row.replicas;

/** The case as a user writes it: an `engine: argo-rollouts` canary without a traffic router, pods ready after a fixed delay. */
export function argoPlan(row: ArgoCase): string {
  const quote = (value: number | string): string => (typeof value === 'string' ? `'${value}'` : String(value));
  return [
    'service: demo',
    'version: v2',
    'stableVersion: v1',
    'engine: argo-rollouts',
    `replicas: ${row.replicas}`,
    'strategy:',
    '  canary:',
    '    trafficRouting: false',
    `    maxSurge: ${quote(row.maxSurge)}`,
    `    maxUnavailable: ${quote(row.maxUnavailable)}`,
    '    steps:',
    ...row.steps.map((step) => ('setWeight' in step ? `      - setWeight: ${step.setWeight}` : 'pause' in step ? `      - pause: { duration: ${step.pause}s }` : '      - analysis: { templates: [error-rate] }')),
    ...(row.version ? ['analysis:', '  - { name: error-rate, metric: errorRate, interval: 1s, count: 1, successCondition: result < 0.05, failureCondition: result >= 0.05, failureLimit: 0 }'] : []),
    'scenarios:',
    '  conformance:',
    `    fleet: { bootTime: { min: ${READY_MS}ms, max: ${READY_MS}ms }, drainTime: 0s }`,
    ...(row.version === 'bad' ? ['    candidate: { errorRate: 0.5 }'] : row.version === 'good' ? ['    candidate: { errorRate: 0 }'] : []),
    '',
  ].join('\n');
}


export const OUTCOME_PHASE: Record<string, string> = { promoted: 'Healthy', rolledBack: 'Degraded', paused: 'Paused', failed: 'Degraded' };

/** The simulated run in canonical form, then the phase it ends in as Argo names it. */
export function simulatedArgo(row: ArgoCase): string[] {
  const result = simulate(planOf(row.name, argoPlan(row)), { scenario: 'conformance' });
  return [...canonicalForm(simulatedArgoStates(result, row.replicas)), `phase ${OUTCOME_PHASE[result.outcome] ?? result.outcome}`];
}

/**
 * The simulated run's states as the ReplicaSets would show them: each `scale` event sets one
 * side's spec (scaling the canary down takes its available pods with it), and each time the
 * candidate's pods turn ready its availability follows (minReadySeconds is 0 in these cases), so
 * a canary that became available before an abort shows it, as the controller's status does.
 */
export function simulatedArgoStates(result: RunResult, replicas: number): RolloutState[] {
  const state = { new: 0, old: replicas, available: 0 };
  const states: RolloutState[] = [{ ...state }];
  for (const event of result.events) {
    if (event.kind === 'scale') {
      if (event.data.role === 'candidate') {
        state.new = event.data.replicas;
        state.available = Math.min(state.available, state.new);
      } else state.old = event.data.replicas;
    } else if (event.kind === 'instances.ready' && event.data.role === 'candidate') {
      state.available = Math.min(event.data.ready, state.new);
    } else continue;
    states.push({ ...state });
  }
  return states;
}

export type Manifest = KubeObject & { apiVersion: string; kind: string };

/**
 * The AnalysisTemplates the export writes for the case, their Prometheus query swapped for a
 * `web` metric at `metricUrl` (the test's server answers `{"value": 0.5}` for a bad version, 0
 * for a good one), as a user points a template at their own provider.
 */
export function exportedTemplates(row: ArgoCase, namespace: string, metricUrl: string): Manifest[] {
  const exported = exportPlan(planOf(row.name, argoPlan(row)), 'argo-rollouts');
  if (!exported.ok) throw new Error(`export refused "${row.name}": ${exported.error}`);
  return exported.documents
    .filter((document) => document.kind === 'AnalysisTemplate')
    .map((document) => {
      const template = document as unknown as Manifest;
      const spec = structuredClone(template.spec) as { metrics: { successCondition?: string; failureCondition?: string; provider: unknown }[] };
      for (const metric of spec.metrics) {
        metric.provider = { web: { url: `${metricUrl}/${row.version ?? 'good'}`, jsonPath: '{$.value}' } };
        // A web metric's result is the value itself, not a Prometheus vector.
        metric.successCondition = metric.successCondition?.replaceAll('result[0]', 'result');
        metric.failureCondition = metric.failureCondition?.replaceAll('result[0]', 'result');
      }
      return { ...template, metadata: { ...template.metadata, namespace }, spec: spec as unknown as Record<string, unknown> };
    });
}

/** The Rollout `switchyard export --to argo-rollouts` writes for the case, at one version, in the namespace, with kwok's fixed delays on its pods. */
export function exportedRollout(row: ArgoCase, namespace: string, version: string): Manifest {
  const exported = exportPlan(planOf(row.name, argoPlan(row)), 'argo-rollouts');
  if (!exported.ok) throw new Error(`export refused "${row.name}": ${exported.error}`);
  const rollout = exported.documents.find((document) => document.kind === 'Rollout') as (KubeObject & { apiVersion: string; kind: string }) | undefined;
  if (!rollout) throw new Error(`export of "${row.name}" has no Rollout`);
  return { ...rollout, metadata: { ...rollout.metadata, namespace }, spec: specAtVersion(rollout.spec, version) };
}

export async function apply(client: KubeClient, object: Manifest): Promise<void> {
  try {
    await client.objects.patch(object, undefined, undefined, 'kubectl', true, PatchStrategy.ServerSideApply);
  } catch (error) {
    throw new Error(`apply ${object.kind} ${object.metadata?.namespace}/${object.metadata?.name}: ${apiError(error)}`);
  }
}

interface SetView {
  image: string;
  replicas: number;
  available: number;
}

/** The ReplicaSets and the Rollout after each change, in the API server's order. */
export function replay(changes: readonly Change[]): { states: ObservedState[]; rollout: KubeObject | undefined } {
  const sets = new Map<string, SetView>();
  const states: ObservedState[] = [];
  let rollout: KubeObject | undefined;
  for (const change of changes) {
    const name = change.object.metadata?.name ?? '';
    if (change.path.endsWith('/rollouts')) {
      rollout = change.object;
      continue;
    }
    if (!change.path.endsWith('/replicasets')) continue;
    if (change.phase === 'DELETED') sets.delete(name);
    else sets.set(name, viewOf(change.object));
    states.push(stateOf(sets));
  }
  return { states, rollout };
}

function viewOf(rs: KubeObject): SetView {
  const spec = rs.spec as { replicas?: number; template?: { spec?: { containers?: { image?: string }[] } } } | undefined;
  return { image: spec?.template?.spec?.containers?.[0]?.image ?? '', replicas: spec?.replicas ?? 0, available: Number((rs.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0) };
}

/** A state, and whether v2's ReplicaSet exists yet. */
export interface ObservedState extends RolloutState {
  readonly hasNew: boolean;
}

function stateOf(sets: ReadonlyMap<string, SetView>): ObservedState {
  let state = { new: 0, old: 0, available: 0, hasNew: false };
  for (const set of sets.values()) {
    if (set.image === 'demo:v2') state = { ...state, new: set.replicas, available: set.available, hasNew: true };
    else state = { ...state, old: state.old + set.replicas };
  }
  return state;
}

export const phaseOf = (rollout: KubeObject | undefined): string => String((rollout?.status as { phase?: string } | undefined)?.phase ?? 'unknown');

/**
 * Runs the case on the real rollouts-controller: v1 applied and left to become Healthy, then v2,
 * recorded from watches on the namespace's Rollouts and ReplicaSets until the Rollout is Healthy
 * on v2 with the old ReplicaSet at 0 (or the time runs out).
 */
export async function observedArgo(client: KubeClient, namespace: string, row: ArgoCase, metricUrl: string): Promise<string[]> {
  const history = recordHistory(client, [`/apis/argoproj.io/v1alpha1/namespaces/${namespace}/rollouts`, `/apis/apps/v1/namespaces/${namespace}/replicasets`]);
  try {
    for (const template of exportedTemplates(row, namespace, metricUrl)) await apply(client, template);
    await apply(client, exportedRollout(row, namespace, 'v1'));
    const settledOn = (version: string) => (changes: readonly Change[]): boolean => {
      const { states, rollout } = replay(changes);
      const last = states.at(-1);
      const status = rollout?.status as { phase?: string; stableRS?: string; currentPodHash?: string; abort?: boolean } | undefined;
      // Aborted: the canary gone and the stable back at full size.
      if (version === 'v2' && status?.abort === true) return status.phase === 'Degraded' && last?.new === 0 && last.available === 0 && last.old === row.replicas;
      const full = version === 'v1' ? last?.old === row.replicas && last.new === 0 : last?.new === row.replicas && last.old === 0 && last.available === row.replicas;
      return status?.phase === 'Healthy' && status.stableRS === status.currentPodHash && full;
    };
    await history.until(settledOn('v1'), 60_000);
    await apply(client, exportedRollout(row, namespace, 'v2'));
    const changes = await history.until(settledOn('v2'), rolloutTimeoutMs(row)).catch(() => history.changes());
    const { states, rollout } = replay(changes);
    // From the last state before v2's ReplicaSet exists: what v1 settled in.
    const start = Math.max(0, states.findIndex((state) => state.hasNew) - 1);
    return [...canonicalForm(states.slice(start)), `phase ${phaseOf(rollout)}`];
  } finally {
    history.stop();
  }
}

/** Both sides of a case; a case that could not be observed counts as different, with the reason where the real form would be. */
export function compareArgo(client: KubeClient, namespace: string, row: ArgoCase, metricUrl: string): Promise<Compared> {
  return compareCase(() => simulatedArgo(row), () => observedArgo(client, namespace, row, metricUrl));
}
