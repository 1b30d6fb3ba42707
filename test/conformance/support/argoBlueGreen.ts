import type { KubeClient } from '../../../src/adapters/kubernetes/client';
import { exportPlan } from '../../../src/domain/export';
import { simulate } from '../../../src/domain/simulator/simulate';
import { canonicalForm } from '../../kube/support/conformanceForm';
import { simulatedStates } from '../../kube/support/conformanceSimulated';
import { apply, OUTCOME_PHASE, phaseOf, replay, type Manifest } from './argoRun';
import { compareCase, planOf, READY_MS, specAtVersion, type Compared } from './conformance';
import { recordHistory, type Change, type KubeObject } from './history';

/** An Argo Rollouts blue-green release as a plan writes it: preview size, auto-promotion, a short scale-down delay. */
export interface BlueGreenCase {
  readonly name: string;
  readonly replicas: number;
  readonly previewReplicaCount?: number;
  /** Absent: promoted as soon as the preview is ready; `manual`: waits for an operator (autoPromotionEnabled false). */
  readonly autoPromotionSeconds?: number | 'manual';
}

/** The old ReplicaSet's delay after promotion, short so a case takes seconds (the plan and the Rollout alike). */
const SCALE_DOWN_DELAY_S = 2;

export function blueGreenCase(replicas: number, previewReplicaCount?: number, autoPromotionSeconds?: number | 'manual'): BlueGreenCase {
  const preview = previewReplicaCount === undefined ? 'full preview' : `preview ${previewReplicaCount}`;
  const promotion = autoPromotionSeconds === undefined ? 'promoted when ready' : autoPromotionSeconds === 'manual' ? 'manual promotion' : `promoted after ${autoPromotionSeconds}s`;
  return { name: `blue-green, ${replicas} replicas, ${preview}, ${promotion}`, replicas, ...(previewReplicaCount === undefined ? {} : { previewReplicaCount }), ...(autoPromotionSeconds === undefined ? {} : { autoPromotionSeconds }) };
}

/** Every replica count 1-8 with a full preview, a smaller one, each way of promoting. */
export function blueGreenCases(): BlueGreenCase[] {
  const cases: BlueGreenCase[] = [];
  for (let replicas = 1; replicas <= 8; replicas++) {
    cases.push(blueGreenCase(replicas));
    cases.push(blueGreenCase(replicas, Math.max(1, Math.floor(replicas / 2)), 2));
    cases.push(blueGreenCase(replicas, 1, 'manual'));
  }
  return cases;
}

export function blueGreenPlan(row: BlueGreenCase): string {
  return [
    'service: demo',
    'version: v2',
    'stableVersion: v1',
    'engine: argo-rollouts',
    `replicas: ${row.replicas}`,
    'strategy:',
    '  blueGreen:',
    `    scaleDownDelaySeconds: ${SCALE_DOWN_DELAY_S}`,
    ...(row.previewReplicaCount === undefined ? [] : [`    previewReplicaCount: ${row.previewReplicaCount}`]),
    ...(row.autoPromotionSeconds === 'manual' ? ['    autoPromotionEnabled: false'] : row.autoPromotionSeconds === undefined ? [] : [`    autoPromotionSeconds: ${row.autoPromotionSeconds}`]),
    'scenarios:',
    '  conformance:',
    `    fleet: { bootTime: { min: ${READY_MS}ms, max: ${READY_MS}ms }, drainTime: 0s }`,
    '',
  ].join('\n');
}


/** The simulated run: the ReplicaSets' waves, which version the active Service sends users to at the end, the phase. */
export function simulatedBlueGreen(row: BlueGreenCase): string[] {
  const result = simulate(planOf(row.name, blueGreenPlan(row)), { scenario: 'conformance' });
  const switched = result.events.some((event) => event.kind === 'traffic.set' && event.data.weights.candidate === 100);
  return [...canonicalForm(simulatedStates(result, row.replicas)), `active ${switched ? 'v2' : 'v1'}`, `phase ${OUTCOME_PHASE[result.outcome] ?? result.outcome}`];
}

/** The Rollout and its two Services as the export writes them, in the namespace, at one version, with kwok's fixed delays. */
export function exportedBlueGreen(row: BlueGreenCase, namespace: string, version: string): Manifest[] {
  const exported = exportPlan(planOf(row.name, blueGreenPlan(row)), 'argo-rollouts');
  if (!exported.ok) throw new Error(`export refused "${row.name}": ${exported.error}`);
  return exported.documents.map((document) => {
    const manifest = document as unknown as Manifest;
    const placed = { ...manifest, metadata: { ...manifest.metadata, namespace } };
    if (manifest.kind !== 'Rollout') return placed;
    return { ...placed, spec: specAtVersion(manifest.spec, version) };
  });
}

/** Which version the active Service selects at the end: its pod-template-hash is the ReplicaSet whose image says. */
function activeVersion(changes: readonly Change[], activeService: string): string {
  const images = new Map<string, string>();
  let selected: string | undefined;
  for (const change of changes) {
    if (change.path.endsWith('/replicasets')) {
      const hash = change.object.metadata?.labels?.['rollouts-pod-template-hash'];
      const image = (change.object.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec?.containers?.[0]?.image;
      if (hash && image) images.set(hash, image);
    } else if (change.path.endsWith('/services') && change.object.metadata?.name === activeService) {
      selected = (change.object.spec as { selector?: Record<string, string> } | undefined)?.selector?.['rollouts-pod-template-hash'];
    }
  }
  const image = selected ? images.get(selected) : undefined;
  return image ? image.replace('demo:', '') : 'none';
}

/**
 * Runs the case on the real rollouts-controller: v1 applied and left Healthy, then v2, watched
 * until it is Healthy on v2 with the old ReplicaSet at 0, or, for a manual promotion, Paused
 * with the preview ready (or the time runs out).
 */
export async function observedBlueGreen(client: KubeClient, namespace: string, row: BlueGreenCase): Promise<string[]> {
  const history = recordHistory(client, [`/apis/argoproj.io/v1alpha1/namespaces/${namespace}/rollouts`, `/apis/apps/v1/namespaces/${namespace}/replicasets`, `/api/v1/namespaces/${namespace}/services`]);
  const preview = row.previewReplicaCount ?? row.replicas;
  try {
    for (const manifest of exportedBlueGreen(row, namespace, 'v1')) await apply(client, manifest);
    const status = (rollout: KubeObject | undefined) => rollout?.status as { phase?: string; stableRS?: string; currentPodHash?: string } | undefined;
    await history.until((changes) => {
      const { states, rollout } = replay(changes);
      return status(rollout)?.phase === 'Healthy' && states.at(-1)?.old === row.replicas;
    }, 60_000);
    const rollout = exportedBlueGreen(row, namespace, 'v2').find((manifest) => manifest.kind === 'Rollout') as Manifest;
    await apply(client, rollout);
    const changes = await history
      .until((all) => {
        const { states, rollout: current } = replay(all);
        const last = states.at(-1);
        const now = status(current);
        if (row.autoPromotionSeconds === 'manual') return now?.phase === 'Paused' && last?.new === preview && last.available === preview;
        return now?.phase === 'Healthy' && now.stableRS === now.currentPodHash && last?.new === row.replicas && last.old === 0 && last.available === row.replicas;
      }, 90_000)
      .catch(() => history.changes());
    const { states, rollout: last } = replay(changes);
    const start = Math.max(0, states.findIndex((state) => state.hasNew) - 1);
    return [...canonicalForm(states.slice(start)), `active ${activeVersion(changes, 'demo')}`, `phase ${phaseOf(last)}`];
  } finally {
    history.stop();
  }
}

export function compareBlueGreen(client: KubeClient, namespace: string, row: BlueGreenCase): Promise<Compared> {
  return compareCase(() => simulatedBlueGreen(row), () => observedBlueGreen(client, namespace, row));
}
