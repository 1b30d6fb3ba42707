import { describe, expect, it } from 'vitest';
import { claimSeeds, exhaust } from '../../../src/cli/monteCarlo/claim';
import { chunkSizeFor } from '../../../src/cli/monteCarlo/pool';
import { runShare } from '../../../src/domain/simulator/monteCarloShare';
import { sampleOf } from '../../../src/domain/simulator/monteCarlo';
import { simulate } from '../../../src/domain/simulator/simulate';
import { canaryPlan } from './fixtures';

/** Monte Carlo mode (no snapshots, no journal) must change what a run records, never what happens. */
describe('Monte Carlo mode', () => {
  const cases = [
    { name: 'bad candidate, rollback', plan: canaryPlan({ candidate: { errorRate: 0.3 } }) },
    { name: 'bad candidate, pause after a failed gate', plan: canaryPlan({ candidate: { errorRate: 0.3 } }, { policy: { onFailure: 'pause' } }) },
    { name: 'good candidate', plan: canaryPlan({}) },
  ];

  it.each(cases)('$name: same outcome, figures and sample as a full run', ({ plan }) => {
    for (const seed of [1, 2, 3]) {
      const full = simulate(plan, { scenario: 'main', seed });
      const quiet = simulate(plan, { scenario: 'main', seed, recordSnapshots: false, recordEvents: false });
      expect({ outcome: quiet.outcome, reason: quiet.reason, figures: quiet.figures }).toEqual({ outcome: full.outcome, reason: full.reason, figures: full.figures });
      expect(sampleOf(quiet)).toEqual(sampleOf(full));
      // Only the verdict lines are kept.
      expect(new Set(quiet.events.map((event) => event.kind))).toEqual(new Set(full.events.filter((event) => event.kind === 'gate.result' || event.kind === 'outcome').map((event) => event.kind)));
      expect(quiet.snapshots).toEqual([]);
    }
  });

  it('should give failed samples for an unknown scenario, as simulate gives failed runs', () => {
    expect(runShare(canaryPlan({}), 'nope', [1, 2]).map((sample) => sample.outcome)).toEqual(['failed', 'failed']);
  });
});

describe('claimSeeds: the work queue threads share', () => {
  it('should hand out every seed once, in chunks, then nothing', () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const claimed: number[][] = [];
    for (let seeds = claimSeeds(counter, 7, 25, 10); seeds; seeds = claimSeeds(counter, 7, 25, 10)) claimed.push(seeds);
    expect(claimed.map((seeds) => [seeds[0], seeds.at(-1)])).toEqual([[7, 16], [17, 26], [27, 31]]);
    expect(claimSeeds(counter, 7, 25, 10)).toBeUndefined();
  });

  it('should stop handing out seeds once exhausted (after a failure)', () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    claimSeeds(counter, 1, 100, 10);
    exhaust(counter, 100);
    expect(claimSeeds(counter, 1, 100, 10)).toBeUndefined();
  });

  it.each([
    { name: '1,000 runs on two threads: chunks of 25, the most', runs: 1000, threads: 2, expected: 25 },
    { name: 'a hundred runs on two threads: about eight chunks each', runs: 100, threads: 2, expected: 7 },
    { name: 'a handful of runs: small chunks so both threads get some', runs: 8, threads: 2, expected: 1 },
    { name: 'one run', runs: 1, threads: 1, expected: 1 },
  ])('chunk size: $name', ({ runs, threads, expected }) => {
    expect(chunkSizeFor(runs, threads)).toBe(expected);
  });
});
