import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Plan } from '../../domain/plan/schema';
import { runChosenShare } from '../../domain/simulator/chosenShare';
import { candidateVerdict, summarizeRuns, type MonteCarloSummary, type RunSample } from '../../domain/simulator/monteCarlo';
import { chooseScenario } from '../../domain/simulator/scenarioDefaults';
import { claimSeeds, exhaust, type WorkerMessage, type WorkerSetup } from './claim';

export interface MonteCarloOptions {
  /** The plan's text and file name, for callers' reports; workers get `plan` itself, already parsed. */
  source: string;
  fileName: string;
  plan: Plan;
  scenario: string;
  baseSeed: number;
  runs: number;
  /**
   * Worker threads besides this one; default os.availableParallelism() - 1 (at least 1), so the
   * threads that simulate match the cores. 0 runs everything in this thread.
   */
  workers?: number;
  /** The bundled worker (dist/worker.js next to dist/cli.js); without it runs stay in this thread. */
  workerScript?: string;
  /** Called as runs finish, with the runs done so far. */
  onProgress?: (done: number, total: number) => void;
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

/**
 * Runs `runs` seeded simulations (seeds baseSeed .. baseSeed + runs - 1) and summarizes them.
 *
 * Every thread, this one included, claims small chunks of seeds from one shared atomic counter,
 * so nobody waits for anybody to hand out work: this thread starts at once while the workers
 * load (a worker takes 0.3-1 s to load its bundle), and a worker that finishes a chunk takes the
 * next one even while this thread is busy simulating. The summary sorts samples by seed, so it
 * does not depend on who ran what.
 *
 * @example
 * const { summary } = await runMonteCarlo({ source, fileName, plan, scenario: 'bad-version', baseSeed: 7, runs: 1000 });
 * summary.detection; // 1
 */
export async function runMonteCarlo(options: MonteCarloOptions): Promise<MonteCarloRun> {
  const started = performance.now();
  const chosen = chooseScenario(options.plan, options.scenario);
  if (!chosen.ok) throw new Error(chosen.error);
  const script = options.workerScript ?? defaultWorkerScript();
  const workers = existsSync(script) ? Math.max(0, Math.min(options.workers ?? Math.max(1, availableParallelism() - 1), options.runs - 1)) : 0;
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const chunkSize = chunkSizeFor(options.runs, workers + 1);
  const samples: RunSample[] = [];
  const record = (batch: RunSample[]): void => {
    samples.push(...batch);
    options.onProgress?.(samples.length, options.runs);
  };
  const setup: WorkerSetup = { plan: options.plan, chosen: { name: chosen.name, scenario: chosen.scenario }, baseSeed: options.baseSeed, runs: options.runs, chunkSize, counter: counter.buffer as SharedArrayBuffer };
  const pool = Array.from({ length: workers }, () => startWorker(script, setup, record));
  try {
    for (let seeds = claimSeeds(counter, options.baseSeed, options.runs, chunkSize); seeds; seeds = claimSeeds(counter, options.baseSeed, options.runs, chunkSize)) {
      record(runChosenShare(options.plan, setup.chosen, seeds));
      // Let the workers' samples in (progress) between chunks; their work does not wait on this.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(pool.map((worker) => worker.finished));
  } catch (error) {
    exhaust(counter, options.runs);
    throw error;
  } finally {
    for (const worker of pool) worker.kill();
  }
  return { summary: summarizeRuns(samples, candidateVerdict(chosen.scenario)), samples, workers, wallMs: performance.now() - started };
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
