import { beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_CASES } from '../kube/support/conformanceCases';
import type { Compared } from './support/conformance';
import { runDeploymentConformance } from '../kube/support/conformanceRun';
import { testClient } from '../kube/support/workloads';

/*
 * The simulator's `engine: kubernetes` rolling update against the real Deployment controller
 * (kube-controller-manager v1.36.3 on kwok nodes): every case rolls v1 to v2 on the cluster and in
 * `simulate`, and both runs are reduced to the canonical form of support/conformanceForm.ts
 * (the syncs that answer the template change, then the state each wave settles in).
 */

const client = testClient();
let results: ReadonlyMap<string, Compared> = new Map();

describe('the simulator\'s Kubernetes rolling update against the real Deployment controller', () => {
  beforeAll(async () => {
    const conformance = await runDeploymentConformance(client, CONFORMANCE_CASES);
    results = conformance.results;
    console.log(conformance.report);
  }, 420_000);

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
