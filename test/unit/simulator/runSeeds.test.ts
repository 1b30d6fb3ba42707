import { describe, expect, it } from 'vitest';
import { runChosenShare } from '../../../src/domain/simulator/chosenShare';
import { candidateVerdict, sampleOf, summarizeRuns, type RunSample } from '../../../src/domain/simulator/monteCarlo';
import { seedChunks } from '../../../src/domain/simulator/monteCarloShare';
import { runSeeds, type SeedPool } from '../../../src/domain/simulator/runSeeds';
import { simulate } from '../../../src/domain/simulator/simulate';
import { canaryPlan } from './fixtures';

const plan = canaryPlan({ candidate: { errorRate: 0.05 } });
const main = plan.scenarios.main;
if (!main) throw new Error('the canary fixture has a main scenario');

/** What runSeeds replaces: one simulation per seed, in order, reduced to its sample. */
function plainLoop(baseSeed: number, runs: number): RunSample[] {
  const samples: RunSample[] = [];
  for (let seed = baseSeed; seed < baseSeed + runs; seed++) samples.push(sampleOf(simulate(plan, { scenario: 'main', seed, recordSnapshots: false, recordEvents: false })));
  return samples;
}

/**
 * A pool with one helper that claims from the same queue as this thread, a chunk per microtask,
 * as worker threads do between this thread's chunks.
 */
function onePool(options: { failAfter?: number } = {}): SeedPool & { stops: number } {
  const pool = {
    stops: 0,
    start: ((job, onSamples) => {
      const chunks = seedChunks(job.baseSeed, job.runs, 3);
      let next = 0;
      let delivered = 0;
      const helper = async (): Promise<void> => {
        for (let seeds = chunks[next++]; seeds; seeds = chunks[next++]) {
          await Promise.resolve();
          if (options.failAfter !== undefined && delivered >= options.failAfter) throw new Error('the helper stopped');
          onSamples(runChosenShare(job.plan, job.chosen, seeds));
          delivered += 1;
        }
      };
      return {
        workers: 1,
        claim: () => chunks[next++],
        finished: helper(),
        stop: () => {
          pool.stops += 1;
          next = chunks.length;
        },
      };
    }) satisfies SeedPool['start'],
  };
  return pool;
}

describe('runSeeds', () => {
  it('should give the same samples and summary as a plain loop over the same seeds', async () => {
    const expected = plainLoop(7, 12);
    const result = await runSeeds(plan, 'main', { baseSeed: 7, runs: 12, chunk: 5 });
    expect(result?.samples).toEqual(expected);
    expect(result?.summary).toEqual(summarizeRuns(expected, candidateVerdict(main)));
    expect(result?.summary).toMatchObject({ runs: 12, firstSeed: 7, lastSeed: 18 });
    expect(result?.workers).toBe(0);
  });

  it('should give the same summary when a pool runs part of the seeds', async () => {
    const pool = onePool();
    const result = await runSeeds(plan, 'main', { baseSeed: 7, runs: 12, pool });
    expect(result?.summary).toEqual(summarizeRuns(plainLoop(7, 12), candidateVerdict(main)));
    expect(result?.samples.map((sample) => sample.seed).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => 7 + i));
    expect(result?.workers).toBe(1);
    expect(pool.stops).toBe(1);
  });

  it('should report progress after every chunk, up to every run', async () => {
    const progress: [number, number][] = [];
    await runSeeds(plan, 'main', { baseSeed: 1, runs: 10, chunk: 3, onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([[3, 10], [6, 10], [9, 10], [10, 10]]);
  });

  it('should yield before every chunk, so a host answers in between', async () => {
    let turns = 0;
    await runSeeds(plan, 'main', { baseSeed: 1, runs: 10, chunk: 4, yieldNow: async () => void (turns += 1) });
    expect(turns).toBe(3);
  });

  it('should stop at the next chunk once cancelled, and give nothing', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const result = await runSeeds(plan, 'main', {
      baseSeed: 1,
      runs: 50,
      chunk: 2,
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        if (done >= 4) controller.abort();
      },
    });
    expect(result).toBeUndefined();
    expect(progress).toEqual([2, 4]);
  });

  it('should run nothing under a token already cancelled', async () => {
    const progress: number[] = [];
    const result = await runSeeds(plan, 'main', { baseSeed: 1, runs: 20, signal: { isCancellationRequested: true }, onProgress: (done) => progress.push(done) });
    expect(result).toBeUndefined();
    expect(progress).toEqual([]);
  });

  it('should stop the pool when cancelled', async () => {
    const controller = new AbortController();
    const pool = onePool();
    const progress: number[] = [];
    const result = await runSeeds(plan, 'main', {
      baseSeed: 1,
      runs: 60,
      pool,
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        controller.abort();
      },
    });
    expect(result).toBeUndefined();
    expect(progress).toEqual([3]);
    expect(pool.stops).toBeGreaterThan(0);
  });

  it("should fail with a helper's failure and stop the pool", async () => {
    const pool = onePool({ failAfter: 1 });
    await expect(runSeeds(plan, 'main', { baseSeed: 1, runs: 30, pool })).rejects.toThrow('the helper stopped');
    expect(pool.stops).toBe(1);
  });

  it('should refuse a scenario the plan does not have', async () => {
    await expect(runSeeds(plan, 'nope', { baseSeed: 1, runs: 2 })).rejects.toThrow('no scenario "nope"; the plan has: main');
  });
});
