import type { KubeClient } from '../../../src/adapters/kubernetes/client';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { Plan } from '../../../src/domain/plan/schema';
import { firstDivergence, type Divergence } from '../../kube/support/conformanceForm';
import { namespaceFor } from '../../kube/support/workloads';

/** Cases on the cluster at once by default: enough to finish in time on two cores, few enough that pods started together still turn ready together. */
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
  /** "<engine> conformance: N/M cases identical (P %)", then the first divergence of each mismatch. */
  readonly report: string;
}

/** Each pod turns Ready this long after it is created, in kwok and in the cases' scenarios alike. */
export const READY_MS = 500;

/** A case's plan text as a plan, or an error naming the case. */
export function planOf(name: string, text: string): Plan {
  const parsed = parsePlan(text, 'conformance.release.yaml');
  if (!parsed.ok) throw new Error(`the plan for "${name}" does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return parsed.plan;
}

/** A workload's exported spec at one version: every container on `demo:<version>`, pods ready {@link READY_MS} after they are created (kwok's stage delays). */
export function specAtVersion(spec: unknown, version: string): Record<string, unknown> {
  const copy = structuredClone(spec) as { template: { metadata: { annotations?: Record<string, string> }; spec: { containers: { image: string }[] } } };
  copy.template.metadata.annotations = { 'pod-ready.stage.kwok.x-k8s.io/delay': `${READY_MS}ms`, 'pod-create.stage.kwok.x-k8s.io/delay': '0s' };
  for (const container of copy.template.spec.containers) container.image = `demo:${version}`;
  return copy as unknown as Record<string, unknown>;
}

/**
 * Both sides of one case in canonical form. A case the simulator cannot run, or that could not
 * be observed, counts as different, with the reason where its form would be.
 */
export async function compareCase(simulated: () => string[], observed: () => Promise<string[]>): Promise<Compared> {
  let expected: string[];
  try {
    expected = simulated();
  } catch (error) {
    expected = [`not simulated: ${error instanceof Error ? error.message : String(error)}`];
  }
  let real: string[];
  try {
    real = await observed();
  } catch (error) {
    real = [`not observed: ${error instanceof Error ? error.message : String(error)}`];
  }
  return { real, simulated: expected, divergence: firstDivergence(real, expected) };
}

/**
 * Every case in a namespace of its own, {@link CONCURRENCY} at a time; then each case that
 * differed once more, alone on the cluster, so a controller slowed down by its neighbours is told
 * apart from a simulator that is wrong (which differs both times).
 */
export async function runConformance<Row extends { readonly name: string }>(
  engine: string,
  client: KubeClient,
  rows: readonly Row[],
  compare: (namespace: string, row: Row) => Promise<Compared>,
  concurrency = CONCURRENCY,
): Promise<Conformance> {
  const results = new Map<string, Compared>();
  const once = async (row: Row): Promise<Compared> => {
    const { namespace, remove } = await namespaceFor(client, 'conform');
    try {
      return await compare(namespace, row);
    } finally {
      await remove();
    }
  };
  const queue = [...rows];
  const worker = async (): Promise<void> => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const compared = await once(row);
      results.set(row.name, compared);
      // Said at once, so a long run shows its mismatches before its report.
      if (compared.divergence) process.stderr.write(`${engine}: ${row.name} differs at ${compared.divergence.index}: real ${compared.divergence.real}, simulated ${compared.divergence.simulated}\n`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  for (const row of rows) {
    if (results.get(row.name)?.divergence === undefined) continue;
    const again = await once(row);
    if (again.divergence === undefined) results.set(row.name, { ...again, secondLook: true });
  }
  const identical = rows.filter((row) => results.get(row.name)?.divergence === undefined).length;
  const alone = rows.filter((row) => results.get(row.name)?.secondLook === true);
  const percent = rows.length === 0 ? 0 : (100 * identical) / rows.length;
  const lines = [`${engine} conformance: ${identical}/${rows.length} cases identical (${percent.toFixed(1)} %)${alone.length > 0 ? `, ${alone.length} of them only when observed alone` : ''}`];
  for (const row of rows) {
    const compared = results.get(row.name);
    const verbose = process.env.SWITCHYARD_CONFORMANCE_VERBOSE !== undefined;
    if (!compared?.divergence && !verbose) continue;
    if (compared?.divergence) lines.push(`  ${row.name}: first divergence at ${compared.divergence.index}: real ${compared.divergence.real}, simulated ${compared.divergence.simulated}`);
    else lines.push(`  ${row.name}: identical`);
    if (verbose) lines.push(`    real:      ${compared?.real.join(' | ')}`, `    simulated: ${compared?.simulated.join(' | ')}`);
  }
  return { results, identical, report: lines.join('\n') };
}
