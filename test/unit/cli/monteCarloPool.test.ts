import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonteCarlo, workerPool } from '../../../src/cli/monteCarlo/pool';
import { closeSeedThreads, seedThreads } from '../../../src/cli/monteCarlo/threads';
import type { Plan } from '../../../src/domain/plan/schema';
import { runSeeds } from '../../../src/domain/simulator/runSeeds';
import { canaryPlan } from '../simulator/fixtures';

// The pool runs the real worker bundle, built here from src as `npm run build` builds dist/worker.js.
let folder = '';
let workerScript = '';

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'switchyard-pool-'));
  workerScript = join(folder, 'worker.js');
  await build({ entryPoints: [join(__dirname, '../../../src/cli/monteCarlo/worker.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
}, 60_000);

afterAll(async () => {
  await closeSeedThreads();
  rmSync(folder, { recursive: true, force: true });
});

const plan = canaryPlan({ candidate: { errorRate: 0.03 } });
const options = (workers: number) => ({ source: '', fileName: 'canary.release.yaml', plan, scenario: 'main', baseSeed: 5, runs: 40, workers, workerScript });

describe('the Monte Carlo worker pool', () => {
  it('should give the summary this thread gives, from worker threads it starts once and reuses', async () => {
    const alone = await runMonteCarlo(options(0));
    const first = await runMonteCarlo(options(2));
    expect(first.workers).toBe(2);
    expect(first.summary).toEqual(alone.summary);
    expect(seedThreads(workerScript).size).toBe(2);
    const again = await runMonteCarlo({ ...options(2), baseSeed: 100 });
    const againAlone = await runMonteCarlo({ ...options(0), baseSeed: 100 });
    expect(again.summary).toEqual(againAlone.summary);
    expect(seedThreads(workerScript).size).toBe(2);
  });

  it('should run a job on fewer threads than it has, leaving the others idle', async () => {
    const one = await runMonteCarlo(options(1));
    expect(one.workers).toBe(1);
    expect(one.summary).toEqual((await runMonteCarlo(options(0))).summary);
  });

  it('should stop a cancelled job and run the next one on the same threads', async () => {
    const signal = { aborted: false };
    const cancelled = await runSeeds(plan, 'main', { baseSeed: 1, runs: 2000, pool: workerPool({ workers: 2, workerScript }), signal, onProgress: () => (signal.aborted = true) });
    expect(cancelled).toBeUndefined();
    const next = await runSeeds(plan, 'main', { baseSeed: 1, runs: 20, pool: workerPool({ workers: 2, workerScript }) });
    expect(next?.samples).toHaveLength(20);
    expect(seedThreads(workerScript).size).toBe(2);
  });

  it('should fail only the job a worker cannot run', async () => {
    const broken = { ...plan, strategy: {} } as Plan;
    await expect(runMonteCarlo({ ...options(2), plan: broken })).rejects.toThrow('must set exactly one strategy');
    const after = await runMonteCarlo(options(2));
    expect(after.summary.runs).toBe(40);
  });
});
