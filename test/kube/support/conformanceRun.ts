import type { KubeClient } from '../../../src/adapters/kubernetes/client';
import type { ConformanceCase } from './conformanceCases';
import { observeRollout } from './conformanceCluster';
import { canonicalForm, firstDivergence, type Divergence } from './conformanceForm';
import { simulatedStates, simulateCase } from './conformanceSimulated';
import { namespaceFor } from './workloads';

/** Cases on the cluster at once: enough to finish in time on two cores, few enough that a wave's pods still turn ready within milliseconds of each other. */
const CONCURRENCY = 8;

export interface Compared {
  readonly real: string[];
  readonly simulated: string[];
  readonly divergence: Divergence | undefined;
  /** Identical only on the second observation, made with no other case on the cluster. */
  readonly secondLook?: boolean;
}

export interface Conformance {
  readonly results: ReadonlyMap<string, Compared>;
  readonly identical: number;
  /** "Deployment conformance: N/M cases identical", then the first divergence of each mismatch. */
  readonly report: string;
}

async function compare(client: KubeClient, row: ConformanceCase): Promise<Compared> {
  const simulated = canonicalForm(simulatedStates(simulateCase(row), row.replicas));
  const { namespace, remove } = await namespaceFor(client, 'conform');
  try {
    const real = canonicalForm(await observeRollout(client, namespace, row));
    return { real, simulated, divergence: firstDivergence(real, simulated) };
  } catch (error) {
    // A case that could not be observed counts as different, with the reason where the real form would be.
    const real = [`not observed: ${error instanceof Error ? error.message : String(error)}`];
    return { real, simulated, divergence: firstDivergence(real, simulated) };
  } finally {
    await remove();
  }
}

/**
 * Every case, {@link CONCURRENCY} at a time; then each case that differed once more, alone on the
 * cluster. Under load the controller's informer can lag its own writes by more than a pod's
 * readiness delay, so it reacts to a pod turning ready before it has finished the previous wave:
 * a real difference of timing, not of arithmetic. A case the simulator gets wrong differs both
 * times; one that matches only alone is reported as such.
 */
export async function runConformance(client: KubeClient, rows: readonly ConformanceCase[]): Promise<Conformance> {
  const results = new Map<string, Compared>();
  const queue = [...rows];
  const worker = async (): Promise<void> => {
    for (let row = queue.shift(); row; row = queue.shift()) results.set(row.name, await compare(client, row));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  for (const row of rows) {
    if (results.get(row.name)?.divergence === undefined) continue;
    const again = await compare(client, row);
    if (again.divergence === undefined) results.set(row.name, { ...again, secondLook: true });
  }
  const identical = rows.filter((row) => results.get(row.name)?.divergence === undefined).length;
  const alone = rows.filter((row) => results.get(row.name)?.secondLook === true);
  const lines = [`Deployment conformance: ${identical}/${rows.length} cases identical${alone.length > 0 ? ` (${alone.length} only when observed alone: ${alone.map((row) => row.name).join('; ')})` : ''}`];
  for (const row of rows) {
    const divergence = results.get(row.name)?.divergence;
    if (divergence) lines.push(`  ${row.name}: first divergence at ${divergence.index}: real ${divergence.real}, simulated ${divergence.simulated}`);
  }
  return { results, identical, report: lines.join('\n') };
}
