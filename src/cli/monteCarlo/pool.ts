import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../../domain/plan/schema';
import type { MonteCarloSummary, RunSample } from '../../domain/simulator/monteCarlo';
import { runSeeds, type SeedJob, type SeedPool, type SeedPoolRun } from '../../domain/simulator/runSeeds';
import { claimSeeds, exhaust } from './claim';
import { seedThreads } from './threads';

export interface MonteCarloOptions extends WorkerPoolOptions {
  /** The plan's text and file name, for callers' reports; workers get `plan` itself, already parsed. */
  source: string;
  fileName: string;
  plan: Plan;
  scenario: string;
  baseSeed: number;
  runs: number;
  /** Called as runs finish, with the runs done so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface WorkerPoolOptions {
  /**
   * Worker threads that run the seeds; default os.availableParallelism() (at least 1), one per
   * core, while this thread only hands out work and gathers samples. 0 runs everything in this thread.
   */
  workers?: number | undefined;
  /** The bundled worker (dist/worker.js next to dist/cli.js); without it runs stay in this thread. */
  workerScript?: string | undefined;
}

export interface MonteCarloRun {
  summary: MonteCarloSummary;
  samples: RunSample[];
  /** Worker threads that ran the seeds (0: this thread ran them all). */
  workers: number;
  wallMs: number;
}

/** Where the bundled worker lives: next to the bundle that imports this file. */
function defaultWorkerScript(): string {
  return join(typeof __dirname === 'string' ? __dirname : process.cwd(), 'worker.js');
}

/** A turn of the event loop, so worker messages (samples, progress) come in between chunks. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `runs` seeded simulations (seeds baseSeed .. baseSeed + runs - 1) in the worker threads
 * (or this thread), and summarizes them.
 *
 * @example
 * const { summary } = await runMonteCarlo({ source, fileName, plan, scenario: 'bad-version', baseSeed: 7, runs: 1000 });
 * summary.detection; // 1
 */
export async function runMonteCarlo(options: MonteCarloOptions): Promise<MonteCarloRun> {
  const started = performance.now();
  const result = await runSeeds(options.plan, options.scenario, {
    baseSeed: options.baseSeed,
    runs: options.runs,
    pool: workerPool(options),
    yieldNow: nextTurn,
    onProgress: options.onProgress,
  });
  // Nothing cancels this run, so there is always a result.
  if (!result) throw new Error('Monte Carlo stopped before its last run');
  return { ...result, wallMs: performance.now() - started };
}

/**
 * The worker threads runSeeds shares a job with (see SeedPool), the process's own (threads.ts):
 * started by the first job and reused by every later one, so a second Monte Carlo (the next
 * scenario, the next plan of a comparison) neither starts threads nor sends a plan they already
 * hold.
 *
 * Every thread claims chunks of seeds from one shared atomic counter, so nobody waits for anybody
 * to hand out work, and posts each chunk's samples as it finishes it. This thread runs no chunk
 * when there are workers: it gathers samples and draws progress, and `--workers N` means N
 * threads simulating. The summary sorts samples by seed, so it does not depend on who ran what.
 * Without the worker bundle (or with workers: 0) every chunk runs in this thread.
 *
 * @example
 * await runSeeds(plan, 'bad-version', { baseSeed: 7, runs: 1000, pool: workerPool({ workers: 2 }), yieldNow: nextTurn });
 */
export function workerPool(options: WorkerPoolOptions = {}): SeedPool {
  return {
    start(job, onSamples) {
      const script = options.workerScript ?? defaultWorkerScript();
      const wanted = existsSync(script) ? Math.max(0, options.workers ?? Math.max(1, availableParallelism())) : 0;
      const chunkSize = chunkSizeFor(job.runs, Math.max(1, wanted));
      const workers = Math.min(wanted, Math.ceil(job.runs / chunkSize));
      if (workers === 0) return inThisThread(job, chunkSize);
      const running = seedThreads(script).run(job, workers, chunkSize, onSamples);
      return { workers, claim: () => undefined, finished: running.finished, stop: running.stop };
    },
  };
}

/** No worker threads: this thread claims every chunk, in seed order. */
function inThisThread(job: SeedJob, chunkSize: number): SeedPoolRun {
  const counter = new Int32Array(1);
  return {
    workers: 0,
    claim: () => claimSeeds(counter, job.baseSeed, job.runs, chunkSize),
    finished: Promise.resolve(),
    stop: () => exhaust(counter, job.runs),
  };
}

/**
 * Chunks small enough to balance the threads' finishing times and report progress often (a
 * chunk is a few ms warm), large enough that posting its samples costs little: about eight per
 * thread, at most 25 runs.
 *
 * @example
 * chunkSizeFor(10_000, 2); // 25
 * chunkSizeFor(100, 2);    // 7
 * chunkSizeFor(8, 1);      // 1
 */
export function chunkSizeFor(runs: number, threads: number): number {
  return Math.max(1, Math.min(25, Math.ceil(runs / (threads * 8))));
}
