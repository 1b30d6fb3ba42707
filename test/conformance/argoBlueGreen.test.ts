import { beforeAll, describe, expect, it } from 'vitest';
import { testClient } from '../kube/support/workloads';
import { blueGreenCases, compareBlueGreen } from './support/argoBlueGreen';
import { runConformance, type Conformance } from './support/conformance';

/*
 * The simulator's `engine: argo-rollouts` blue-green against the real rollouts-controller: each
 * case a plan (1-8 replicas; a full preview, a smaller one promoted after 2 s, or one waiting for
 * an operator), simulated and exported with its active and preview Services, applied at v1 then
 * v2; compared as the ReplicaSets' waves, the version the active Service selects at the end, and
 * the phase.
 */

const CASES = blueGreenCases();
const client = testClient();
let conformance: Conformance | undefined;

describe('the simulator\'s Argo Rollouts blue-green against the real rollouts-controller', () => {
  beforeAll(async () => {
    conformance = await runConformance('Argo Rollouts (blue-green)', client, CASES, (namespace, row) => compareBlueGreen(client, namespace, row));
    console.log(conformance.report);
  }, 1_500_000);

  it('should run every case, with distinct names', () => {
    expect(new Set(CASES.map((row) => row.name)).size).toBe(CASES.length);
    expect(conformance?.results.size).toBe(CASES.length);
  });

  it('should step as the controller does in at least 99 % of the cases', () => {
    expect(conformance?.identical ?? 0, conformance?.report).toBeGreaterThanOrEqual(Math.ceil(0.99 * CASES.length));
  });
});
