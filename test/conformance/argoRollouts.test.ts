import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from '../kube/support/workloads';
import { ARGO_EDGE_CASES, generatedArgoAnalysisCases, generatedArgoCases } from './support/argoCases';
import { compareArgo } from './support/argoRun';
import { runConformance, type Conformance } from './support/conformance';
import { startMetricServer } from './support/metricServer';

/*
 * The simulator's `engine: argo-rollouts` canary against the real rollouts-controller (Argo
 * Rollouts v1.9.1 built from its Go module, scripts/kube/controllers.sh): each case is a plan,
 * simulated, and exported with `switchyard export --to argo-rollouts`, applied at v1 and then v2
 * to the cluster, and both runs are compared in the canonical form of
 * test/kube/support/conformanceForm.ts (canary ReplicaSet = new, stable = old) plus the phase the
 * Rollout ends in. A quarter more cases add an analysis step after the first weight, read from a
 * `web` metric this file serves; for a bad version the Rollout aborts there.
 */

const GENERATED = Number(process.env.SWITCHYARD_CONFORMANCE_GENERATED ?? 200);
const CASES = [...ARGO_EDGE_CASES, ...generatedArgoCases(GENERATED), ...generatedArgoAnalysisCases(Math.ceil(GENERATED / 4))];
const client = testClient();
let conformance: Conformance | undefined;

describe('the simulator\'s Argo Rollouts canary against the real rollouts-controller', () => {
  let closeMetrics = async (): Promise<void> => undefined;
  afterAll(() => closeMetrics());
  beforeAll(async () => {
    const metrics = await startMetricServer();
    closeMetrics = metrics.close;
    conformance = await runConformance('Argo Rollouts (canary, replica split)', client, CASES, (namespace, row) => compareArgo(client, namespace, row, metrics.url));
    console.log(conformance.report);
  }, 1_500_000);

  it('should run every case of a corpus of the edge cases, 200 generated ones and 50 with an analysis, with distinct names', () => {
    expect(new Set(CASES.map((row) => row.name)).size).toBe(CASES.length);
    expect(conformance?.results.size).toBe(CASES.length);
  });

  it('should step as the controller does in at least 99 % of the cases', () => {
    expect(conformance?.identical ?? 0, conformance?.report).toBeGreaterThanOrEqual(Math.ceil(0.99 * CASES.length));
  });
});
