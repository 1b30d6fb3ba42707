import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Plan } from '../../domain/plan/schema';
import { candidateVerdict, summarizeRuns, type MonteCarloSummary, type RunSample } from '../../domain/simulator/monteCarlo';
import { chooseScenario } from '../../domain/simulator/scenarioDefaults';
import { runShare, seedChunks, type ParentMessage, type WorkerMessage, type WorkerSetup } from './share';

export interface MonteCarloOptions {
  /** The plan's text and parsed form: workers parse the text once each. */
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
export function defaultWorkerScript(): string {
  return join(typeof __dirname === 'string' ? __dirname : process.cwd(), 'worker.js');
}

/**
 * Runs `runs` seeded simulations (seeds baseSeed .. baseSeed + runs - 1) and summarizes them.
 * Seeds go out in small chunks from one queue to worker threads and to this thread, which starts
 * at once while the workers load (a cold worker takes 0.3-1 s to load the bundle and warm up);
 * the summary sorts samples by seed, so it does not depend on who ran what.
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
  const chunks = seedChunks(options.baseSeed, options.runs, Math.max(5, Math.min(50, Math.ceil(options.runs / ((workers + 1) * 8)))));
  const samples: RunSample[] = [];
  let next = 0;
  const queue: Queue = {
    take: () => chunks[next++],
    record(batch) {
      samples.push(...batch);
      options.onProgress?.(samples.length, options.runs);
    },
  };
  const setup: WorkerSetup = { source: options.source, fileName: options.fileName, scenario: options.scenario };
  const pool = Array.from({ length: workers }, () => startWorker(script, setup, queue));
  try {
    for (let chunk = queue.take(); chunk !== undefined; chunk = queue.take()) {
      queue.record(runShare(options.plan, options.scenario, chunk));
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const worker of pool) worker.stopIfIdle();
    await Promise.all(pool.map((worker) => worker.finished));
  } finally {
    for (const worker of pool) worker.kill();
  }
  return { summary: summarizeRuns(samples, candidateVerdict(chosen.scenario)), samples, workers, wallMs: performance.now() - started };
}

interface Queue {
  take(): number[] | undefined;
  record(samples: RunSample[]): void;
}

interface PooledWorker {
  finished: Promise<void>;
  /** Stops the worker now unless it is running a chunk (then it stops when done). */
  stopIfIdle(): void;
  kill(): void;
}

function startWorker(script: string, setup: WorkerSetup, queue: Queue): PooledWorker {
  const worker = new Worker(script, { workerData: setup });
  let busy = false;
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
    if (error) rejectFinished(error);
    else resolveFinished();
  };
  const send = (message: ParentMessage): void => worker.postMessage(message);
  const feed = (): void => {
    const chunk = queue.take();
    busy = chunk !== undefined;
    if (chunk === undefined) settle();
    else send({ type: 'run', seeds: chunk });
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'error') return settle(new Error(message.message));
    if (message.type === 'done') queue.record(message.samples);
    feed();
  });
  worker.on('error', (error) => settle(error));
  worker.on('exit', (code) => settle(new Error(`Monte Carlo worker exited with code ${code} before finishing`)));
  return {
    finished,
    stopIfIdle: () => {
      if (!busy) settle();
    },
    kill: () => settle(),
  };
}
