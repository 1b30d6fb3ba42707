import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Plan } from '../../domain/plan/schema';
import type { MonteCarloSummary, RunSample } from '../../domain/simulator/monteCarlo';
import { runSeeds, type SeedPool } from '../../domain/simulator/runSeeds';
import { claimSeeds, exhaust, type WorkerMessage, type WorkerSetup } from './claim';

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
   * Worker threads besides this one; default os.availableParallelism() - 1 (at least 1), so the
   * threads that simulate match the cores. 0 runs everything in this thread.
   */
  workers?: number | undefined;
  /** The bundled worker (dist/worker.js next to dist/cli.js); without it runs stay in this thread. */
  workerScript?: string | undefined;
}

export interface MonteCarloRun {
  summary: MonteCarloSummary;
  samples: RunSample[];
  /** Worker threads started (0: this thread only). This thread runs chunks too. */
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
 * Runs `runs` seeded simulations (seeds baseSeed .. baseSeed + runs - 1) in this thread and the
 * worker pool, and summarizes them.
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
 * The worker threads runSeeds shares a job with (see SeedPool).
 *
 * Every thread, this one included, claims small chunks of seeds from one shared atomic counter,
 * so nobody waits for anybody to hand out work: this thread starts at once while the workers
 * load (a worker takes 0.3-1 s to load its bundle), and a worker that finishes a chunk takes the
 * next one even while this thread is busy simulating. The summary sorts samples by seed, so it
 * does not depend on who ran what. Without the worker bundle every chunk runs in this thread.
 *
 * @example
 * await runSeeds(plan, 'bad-version', { baseSeed: 7, runs: 1000, pool: workerPool({ workers: 3 }), yieldNow: nextTurn });
 */
export function workerPool(options: WorkerPoolOptions = {}): SeedPool {
  return {
    start(job, onSamples) {
      const script = options.workerScript ?? defaultWorkerScript();
      const workers = existsSync(script) ? Math.max(0, Math.min(options.workers ?? Math.max(1, availableParallelism() - 1), job.runs - 1)) : 0;
      const counter = new Int32Array(new SharedArrayBuffer(4));
      const chunkSize = chunkSizeFor(job.runs, workers + 1);
      const setup: WorkerSetup = { plan: job.plan, chosen: job.chosen, baseSeed: job.baseSeed, runs: job.runs, chunkSize, counter: counter.buffer as SharedArrayBuffer };
      const pool = Array.from({ length: workers }, () => startWorker(script, setup, onSamples));
      return {
        workers,
        claim: () => claimSeeds(counter, job.baseSeed, job.runs, chunkSize),
        finished: Promise.all(pool.map((worker) => worker.finished)).then(() => undefined),
        stop: () => {
          exhaust(counter, job.runs);
          for (const worker of pool) worker.kill();
        },
      };
    },
  };
}

/**
 * Small chunks balance the threads' finishing times (a chunk is a few ms warm, ~10x that cold);
 * each chunk costs one message, so not too small either.
 *
 * @example
 * chunkSizeFor(1000, 2); // 10
 * chunkSizeFor(8, 1);    // 2
 */
export function chunkSizeFor(runs: number, threads: number): number {
  return Math.max(1, Math.min(10, Math.ceil(runs / (threads * 4))));
}

interface PooledWorker {
  finished: Promise<void>;
  kill(): void;
}

function startWorker(script: string, setup: WorkerSetup, record: (samples: RunSample[]) => void): PooledWorker {
  const worker = new Worker(script, { workerData: setup });
  let settled = false;
  let resolveFinished: () => void = () => {};
  let rejectFinished: (error: Error) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    resolveFinished = resolve;
    rejectFinished = reject;
  });
  const settle = (error?: Error): void => {
    if (settled) return;
    settled = true;
    void worker.terminate();
    if (error) {
      exhaust(new Int32Array(setup.counter), setup.runs);
      rejectFinished(error);
    } else {
      resolveFinished();
    }
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'error') settle(new Error(message.message));
    else if (message.type === 'done') record(message.samples);
    else settle();
  });
  worker.on('error', (error) => settle(error));
  worker.on('exit', (code) => settle(new Error(`Monte Carlo worker exited with code ${code} before finishing`)));
  return { finished, kill: () => settle() };
}
