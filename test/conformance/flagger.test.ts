import { beforeAll, describe, expect, it } from 'vitest';
import { testClient } from '../kube/support/workloads';
import { runConformance, type Conformance } from './support/conformance';
import { FLAGGER_CASES, generatedFlaggerCases } from './support/flaggerCases';
import { compareFlagger } from './support/flaggerRun';

/*
 * The simulator's `engine: flagger` canary against the real Flagger (v1.44.0 built from its Go
 * module, scripts/kube/controllers.sh, with the Gateway API router): each case is a plan,
 * simulated, and exported with `switchyard export --to flagger`, its Deployment applied at v1,
 * left for Flagger to initialise, then at v2; both runs are compared as the canary weights the
 * route takes while the Canary progresses, then how it ends.
 */

const GENERATED = Number(process.env.SWITCHYARD_CONFORMANCE_FLAGGER_GENERATED ?? process.env.SWITCHYARD_CONFORMANCE_GENERATED ?? 200);
const CASES = [...FLAGGER_CASES, ...generatedFlaggerCases(GENERATED)];
/** Cases at once: a case is mostly Flagger waiting for its next tick, with few pods. */
const CONCURRENCY = 40;
const client = testClient();
let conformance: Conformance | undefined;

describe('the simulator\'s Flagger canary against the real Flagger', () => {
  beforeAll(async () => {
    conformance = await runConformance('Flagger (canary, Gateway API)', client, CASES, (namespace, row) => compareFlagger(client, namespace, row), CONCURRENCY);
    console.log(conformance.report);
  }, 1_500_000);

  it('should run every case of a corpus of the hand-picked cases and 200 generated ones, with distinct names', () => {
    expect(new Set(CASES.map((row) => row.name)).size).toBe(CASES.length);
    expect(conformance?.results.size).toBe(CASES.length);
  });

  it('should step as the controller does in at least 99 % of the cases', () => {
    expect(conformance?.identical ?? 0, conformance?.report).toBeGreaterThanOrEqual(Math.ceil(0.99 * CASES.length));
  });
});
