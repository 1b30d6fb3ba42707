import { beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_CASES, type ConformanceCase } from './support/conformanceCases';
import { observeRollout } from './support/conformanceCluster';
import { canonicalForm, firstDivergence, type Divergence } from './support/conformanceForm';
import { simulatedStates, simulateCase } from './support/conformanceSimulated';
import { namespaceFor, testClient } from './support/workloads';

/*
 * The simulator's `engine: kubernetes` rolling update against the real Deployment controller
 * (kube-controller-manager v1.36.3 on kwok nodes): every case rolls v1 to v2 on the cluster and in
 * `simulate`, and both runs are reduced to the canonical form of support/conformanceForm.ts
 * (the syncs that answer the template change, then the state each wave settles in).
 */

const client = testClient();
/** Cases on the cluster at once: enough to finish in time on two cores, few enough that a wave's pods still turn ready within milliseconds of each other. */
const CONCURRENCY = 8;

interface Compared {
  readonly real: string[];
  readonly simulated: string[];
  readonly divergence: Divergence | undefined;
  /** Identical only on the second observation, made with no other case on the cluster. */
  readonly secondLook?: boolean;
}

const results = new Map<string, Compared>();

async function compare(row: ConformanceCase): Promise<Compared> {
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
async function runAll(rows: readonly ConformanceCase[]): Promise<void> {
  const queue = [...rows];
  const worker = async (): Promise<void> => {
    for (let row = queue.shift(); row; row = queue.shift()) results.set(row.name, await compare(row));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  for (const row of rows) {
    if (results.get(row.name)?.divergence === undefined) continue;
    const again = await compare(row);
    if (again.divergence === undefined) results.set(row.name, { ...again, secondLook: true });
  }
  const identical = rows.filter((row) => results.get(row.name)?.divergence === undefined).length;
  const alone = rows.filter((row) => results.get(row.name)?.secondLook === true);
  const lines = [`Deployment conformance: ${identical}/${rows.length} cases identical${alone.length > 0 ? ` (${alone.length} only when observed alone: ${alone.map((row) => row.name).join('; ')})` : ''}`];
  for (const row of rows) {
    const divergence = results.get(row.name)?.divergence;
    if (divergence) lines.push(`  ${row.name}: first divergence at ${divergence.index}: real ${divergence.real}, simulated ${divergence.simulated}`);
  }
  console.log(lines.join('\n'));
}

describe('the simulator\'s Kubernetes rolling update against the real Deployment controller', () => {
  beforeAll(() => runAll(CONFORMANCE_CASES), 420_000);

  it('should have a table of at least 50 cases with distinct names', () => {
    expect(CONFORMANCE_CASES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CONFORMANCE_CASES.map((row) => row.name)).size).toBe(CONFORMANCE_CASES.length);
  });

  it.each(CONFORMANCE_CASES.map((row) => ({ ...row })))('should step as the controller does: $name', (row) => {
    const compared = results.get(row.name);
    expect(compared, 'the case did not run').toBeDefined();
    expect(compared?.simulated).toEqual(compared?.real);
  });
});
