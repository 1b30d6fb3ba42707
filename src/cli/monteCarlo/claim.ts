import type { Plan } from '../../domain/plan/schema';
import type { ChosenScenario } from '../../domain/simulator/drive';
import type { RunSample } from '../../domain/simulator/monteCarlo';

/**
 * What a Monte Carlo worker needs, and nothing that loads the YAML parser or the plan schema:
 * the worker bundle imports only this module and src/domain/simulator/chosenShare.ts, so it
 * starts simulating sooner.
 */

/**
 * Parent to worker: run a job's seeds, claiming chunks from `counter` (shared by every thread of
 * the job: the next run index to claim). The plan and the chosen scenario go as data (a
 * structured clone), so a worker neither parses nor validates; the plan travels once per worker
 * and is known by `planId` afterwards, so the worker keeps what it prepared for it (compiled
 * gates, the machine's shared steps) from one job to the next.
 */
export interface JobMessage {
  type: 'job';
  job: number;
  planId: number;
  /** Only the first time this worker sees `planId`. */
  plan?: Plan;
  chosen: ChosenScenario;
  baseSeed: number;
  runs: number;
  chunkSize: number;
  counter: SharedArrayBuffer;
}

/** Worker to parent: a chunk's samples, the end of its share of a job, or a failure. */
export type WorkerMessage = { type: 'samples'; job: number; samples: RunSample[] } | { type: 'finished'; job: number } | { type: 'error'; job: number; message: string };

/**
 * Claims the next chunk of seeds from a counter shared between threads, or undefined when all
 * runs are claimed. An atomic add, so no thread waits for another to hand out work.
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

/** Stops every thread's claiming (after the job, a cancellation or a failure): the counter jumps past the last run. */
export function exhaust(counter: Int32Array, runs: number): void {
  Atomics.store(counter, 0, runs);
}

/**
 * Puts `key` last in `map` (most recent) and drops the oldest beyond `limit`. The parent and a
 * worker both apply it to the plan ids of the jobs they exchange, in the same order, so they
 * agree on which plans the worker still holds.
 *
 * @example
 * const recent = new Map([[1, a], [2, b]]);
 * keepRecent(recent, 3, c, 2); // recent is now [[2, b], [3, c]]
 */
export function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= limit) break;
    map.delete(oldest);
  }
}

/** Plans a worker keeps, by id: a plan's prepared state (compiled gates, the machine's shared steps) lives on its object. */
export const KEPT_PLANS = 16;
