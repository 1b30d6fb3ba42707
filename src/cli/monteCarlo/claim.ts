import type { Plan } from '../../domain/plan/schema';
import type { ChosenScenario } from '../../domain/simulator/drive';
import type { RunSample } from '../../domain/simulator/monteCarlo';

/**
 * What a Monte Carlo worker needs, and nothing that loads the YAML parser or the plan schema:
 * the worker bundle imports only this module and src/domain/simulator/chosenShare.ts, so it
 * starts simulating sooner.
 */

/**
 * What a worker is started with. The plan and the chosen scenario go as data (a structured
 * clone), so a worker neither parses nor validates. `counter` is shared by every thread of one
 * Monte Carlo: the next run index to claim.
 */
export interface WorkerSetup {
  plan: Plan;
  chosen: ChosenScenario;
  baseSeed: number;
  runs: number;
  chunkSize: number;
  counter: SharedArrayBuffer;
}

/** Worker to parent: a chunk's samples, the end of its share, or a failure. */
export type WorkerMessage = { type: 'done'; samples: RunSample[] } | { type: 'finished' } | { type: 'error'; message: string };

/**
 * Claims the next chunk of seeds from a counter shared between threads, or undefined when all
 * runs are claimed. An atomic add, so no thread waits for another to hand out work: a worker
 * keeps simulating while the main thread is busy with its own chunk.
 *
 * @example
 * const counter = new Int32Array(new SharedArrayBuffer(4));
 * claimSeeds(counter, 7, 25, 10); // [7..16]
 * claimSeeds(counter, 7, 25, 10); // [17..26]
 * claimSeeds(counter, 7, 25, 10); // [27..31]
 * claimSeeds(counter, 7, 25, 10); // undefined
 */
export function claimSeeds(counter: Int32Array, baseSeed: number, runs: number, size: number): number[] | undefined {
  const start = Atomics.add(counter, 0, size);
  if (start >= runs) return undefined;
  return Array.from({ length: Math.min(size, runs - start) }, (_, i) => baseSeed + start + i);
}

/** Stops every thread's claiming (after a failure): the counter jumps past the last run. */
export function exhaust(counter: Int32Array, runs: number): void {
  Atomics.store(counter, 0, runs);
}
