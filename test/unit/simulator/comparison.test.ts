import { describe, expect, it } from 'vitest';
import { compareOnce, compareOverSeeds, setUpComparison } from '../../../src/domain/simulator/comparison';
import { runSeeds } from '../../../src/domain/simulator/runSeeds';
import { canaryPlan } from './fixtures';

const quiet = { label: 'quiet', plan: canaryPlan({ seed: 3 }) };
const noisy = { label: 'noisy', plan: canaryPlan({ seed: 5, candidate: { errorRate: 0.2 } }) };
const plans = [quiet, noisy];

describe('setUpComparison', () => {
  it("should run every plan under the first plan's definition and seed, and say where another defines it otherwise", () => {
    const comparison = setUpComparison({ plans, scenario: 'main', definition: { from: 'first' } });
    expect(comparison.columns.map((column) => [column.entry.label, column.baseSeed, column.plan.scenarios.main?.candidate.errorRate])).toEqual([
      ['quiet', 3, quiet.plan.scenarios.main?.candidate.errorRate],
      ['noisy', 3, quiet.plan.scenarios.main?.candidate.errorRate],
    ]);
    expect(comparison.mismatch).toEqual({ definedBy: quiet, others: [{ entry: noisy, paths: ['seed', 'candidate.errorRate'] }] });
  });

  it('should let each plan run its own definition from its own seed', () => {
    const comparison = setUpComparison({ plans, scenario: 'main', definition: { from: 'own' } });
    expect(comparison.columns.map((column) => [column.baseSeed, column.plan])).toEqual([[3, quiet.plan], [5, noisy.plan]]);
    expect(comparison.mismatch).toBeUndefined();
  });

  it('should run a given definition everywhere, from the seed asked for', () => {
    const given = noisy.plan.scenarios.main;
    if (!given) throw new Error('the fixture has a main scenario');
    const comparison = setUpComparison({ plans, scenario: 'main', definition: { from: 'given', scenario: given }, seed: 11 });
    expect(comparison.columns.map((column) => [column.baseSeed, column.plan.scenarios.main])).toEqual([[11, given], [11, given]]);
  });
});

describe('compareOnce and compareOverSeeds', () => {
  const comparison = setUpComparison({ plans, scenario: 'main', definition: { from: 'first' } });

  it('should run each plan once at its base seed', async () => {
    const columns = await compareOnce(comparison);
    expect(columns?.map((column) => [column.run.seed, column.strategy])).toEqual([[3, 'canary'], [3, 'canary']]);
  });

  it('should summarize each plan as runSeeds does, reporting progress over all plans', async () => {
    const progress: [number, number, number][] = [];
    const columns = await compareOverSeeds(comparison, 6, { chunk: 4, onProgress: ({ done, total, column }) => progress.push([done, total, column]) });
    expect(progress).toEqual([[4, 12, 0], [6, 12, 0], [10, 12, 1], [12, 12, 1]]);
    const alone = await runSeeds(comparison.columns[1]?.plan ?? noisy.plan, 'main', { baseSeed: 3, runs: 6 });
    expect(columns?.[1]?.summary).toEqual(alone?.summary);
  });

  it('should give nothing once cancelled', async () => {
    const controller = new AbortController();
    const columns = await compareOverSeeds(comparison, 6, { chunk: 2, signal: controller.signal, onProgress: ({ column }) => column === 0 && controller.abort() });
    expect(columns).toBeUndefined();
    expect(await compareOnce(comparison, { signal: { isCancellationRequested: true } })).toBeUndefined();
  });
});
