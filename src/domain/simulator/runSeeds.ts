import type { Plan } from '../plan/schema';
import { runChosenShare } from './chosenShare';
import type { ChosenScenario } from './drive';
import { candidateVerdict, summarizeRuns, type MonteCarloSummary, type RunSample } from './monteCarlo';
import { seedChunks } from './monteCarloShare';
import { chooseScenario } from './scenarioDefaults';

/**
 * Many seeds of one plan and scenario: the one loop behind `simulate --runs`, `compare`, Simulate
 * Many Seeds..., Compare Strategies... and the panel's comparison. It runs chunks of seeds in this
 * thread, gives the caller's event loop a turn before each, stops when cancelled, and reports
 * progress; a caller in Node can hand the seeds (or part of them) to other threads through a {@link SeedPool}.
 */

/** Stops a run of seeds between chunks: an AbortSignal, a VS Code CancellationToken, or any object with either flag. */
export type SeedCancellation = { readonly aborted: boolean } | { readonly isCancellationRequested: boolean };

/** Whether the signal asks to stop; no signal never does. */
export function isCancelled(signal: SeedCancellation | undefined): boolean {
  if (signal === undefined) return false;
  return 'aborted' in signal ? signal.aborted : signal.isCancellationRequested;
}

/** The seeds to run: baseSeed .. baseSeed + runs - 1 of one plan in one chosen scenario. */
export interface SeedJob {
  plan: Plan;
  chosen: ChosenScenario;
  baseSeed: number;
  runs: number;
}

/**
 * Threads besides this one that take a share of a job's seeds, or all of them. The domain says
 * what runs; how other threads run it belongs to the caller (src/cli/monteCarlo/pool.ts: worker
 * threads).
 */
export interface SeedPool {
  /** Starts helpers on `job`; every chunk they finish arrives through `onSamples`. */
  start(job: SeedJob, onSamples: (samples: RunSample[]) => void): SeedPoolRun;
}

/** One job under way in a pool. */
export interface SeedPoolRun {
  /** Threads running the job besides this one (0: this thread runs every chunk). */
  readonly workers: number;
  /** The next chunk for this thread, from the queue the helpers claim from too; undefined once every seed is claimed, or when the helpers run them all. */
  claim(): readonly number[] | undefined;
  /** Settles once every helper has delivered its last chunk; rejects with a helper's failure. */
  readonly finished: Promise<void>;
  /** Stops all claiming and ends the helpers: after the job, a cancellation or a failure. Safe to call again. */
  stop(): void;
}

export interface RunSeedsOptions {
  baseSeed: number;
  runs: number;
  /** Seeds per chunk when this thread runs them all (default 10: about 20 ms of a ten-instance canary). A pool sizes its own. */
  chunk?: number;
  /** Checked before every chunk (and as a pool's chunks arrive): once set, the run stops and gives undefined. */
  signal?: SeedCancellation;
  /** Gives the caller's event loop a turn before every chunk (setImmediate in Node); without it the chunks run back to back. */
  yieldNow?: () => Promise<void>;
  /** After every chunk, this thread's or a helper's: runs done so far, and how many there are. */
  onProgress?: (done: number, total: number) => void;
  /** Helpers to share the seeds with; without one, this thread runs them all. */
  pool?: SeedPool;
}

export interface SeedRuns {
  /** One per seed, in the order they finished (the summary sorts them by seed). */
  samples: RunSample[];
  summary: MonteCarloSummary;
  /** Threads that helped besides this one. */
  workers: number;
}

const DEFAULT_CHUNK = 10;

/**
 * Runs seeds baseSeed .. baseSeed + runs - 1 of a plan's scenario and summarizes them; undefined
 * when cancelled. The same seeds give the same summary whoever ran which chunk. A scenario given
 * by name is chosen once here; an unknown name throws (callers check names first).
 *
 * @example
 * const runs = await runSeeds(plan, 'bad-version', { baseSeed: 7, runs: 200, onProgress: (done, total) => bar.update(done, total) });
 * runs?.summary.detection; // 1
 * await runSeeds(plan, 'bad-version', { baseSeed: 7, runs: 200, signal: token }); // undefined once the token is cancelled
 */
export async function runSeeds(plan: Plan, scenario: string | ChosenScenario, options: RunSeedsOptions): Promise<SeedRuns | undefined> {
  const chosen = typeof scenario === 'string' ? choose(plan, scenario) : scenario;
  const job: SeedJob = { plan, chosen, baseSeed: options.baseSeed, runs: options.runs };
  const samples: RunSample[] = [];
  const yieldNow = options.yieldNow ?? (() => Promise.resolve());
  // A pool delivers its helpers' chunks as they finish; once cancelled, they stop at the next one.
  const record = (batch: readonly RunSample[]): void => {
    samples.push(...batch);
    if (isCancelled(options.signal)) work.stop();
    else options.onProgress?.(samples.length, options.runs);
  };
  const work = options.pool ? options.pool.start(job, record) : inThisThread(job, Math.max(1, options.chunk ?? DEFAULT_CHUNK));
  // A helper can fail while this thread simulates: its failure is awaited below, not reported as unhandled.
  work.finished.catch(() => {});
  try {
    for (let seeds = work.claim(); seeds; seeds = work.claim()) {
      await yieldNow();
      if (isCancelled(options.signal)) return undefined;
      record(runChosenShare(plan, chosen, seeds));
    }
    await work.finished;
  } finally {
    work.stop();
  }
  if (isCancelled(options.signal)) return undefined;
  return { samples, summary: summarizeRuns(samples, candidateVerdict(chosen.scenario)), workers: work.workers };
}

function choose(plan: Plan, name: string): ChosenScenario {
  const choice = chooseScenario(plan, name);
  if (!choice.ok) throw new Error(choice.error);
  return { name: choice.name, scenario: choice.scenario };
}

/** No helpers: this thread claims the chunks in seed order. */
function inThisThread(job: SeedJob, chunk: number): SeedPoolRun {
  const chunks = seedChunks(job.baseSeed, job.runs, chunk);
  let next = 0;
  return {
    workers: 0,
    claim: () => chunks[next++],
    finished: Promise.resolve(),
    stop: () => {
      next = chunks.length;
    },
  };
}
