import type { KubeClient } from '../../../src/adapters/kubernetes/client';
import { compareCase, runConformance, type Compared, type Conformance } from '../../conformance/support/conformance';
import type { ConformanceCase } from './conformanceCases';
import { observeRollout } from './conformanceCluster';
import { canonicalForm } from './conformanceForm';
import { simulatedStates, simulateCase } from './conformanceSimulated';

/** One rolling update in the simulator and on the real Deployment controller, in canonical form. */
export function compareDeployment(client: KubeClient, namespace: string, row: ConformanceCase): Promise<Compared> {
  return compareCase(
    () => canonicalForm(simulatedStates(simulateCase(row), row.replicas)),
    async () => canonicalForm(await observeRollout(client, namespace, row)),
  );
}

/**
 * Every case through the suite's runner (a namespace each, several at once, then each mismatch
 * once more alone: under load the controller's informer can lag its own writes by more than a
 * pod's readiness delay, a difference of timing, not of arithmetic).
 */
export function runDeploymentConformance(client: KubeClient, rows: readonly ConformanceCase[]): Promise<Conformance> {
  return runConformance('Deployment', client, rows, (namespace, row) => compareDeployment(client, namespace, row));
}
