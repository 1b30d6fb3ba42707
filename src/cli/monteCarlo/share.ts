import type { Plan } from '../../domain/plan/schema';
import { sampleOf, type RunSample } from '../../domain/simulator/monteCarlo';
import { simulate } from '../../domain/simulator/simulate';

/** What a worker is started with: it parses the plan once, then runs the chunks it is sent. */
export interface WorkerSetup {
  source: string;
  fileName: string;
  scenario: string;
}

/** Parent to worker: run these seeds, or stop. */
export type ParentMessage = { type: 'run'; seeds: number[] } | { type: 'stop' };

/** Worker to parent: ready for a chunk, a chunk's samples, or a failure. */
export type WorkerMessage = { type: 'ready' } | { type: 'done'; samples: RunSample[] } | { type: 'error'; message: string };

/**
 * Splits seeds baseSeed .. baseSeed + runs - 1 into chunks of `size`, in order.
 *
 * @example
 * seedChunks(100, 5, 2); // [[100, 101], [102, 103], [104]]
 */
export function seedChunks(baseSeed: number, runs: number, size: number): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < runs; start += size) {
    chunks.push(Array.from({ length: Math.min(size, runs - start) }, (_, i) => baseSeed + start + i));
  }
  return chunks;
}

/**
 * Runs one chunk of a Monte Carlo without snapshots.
 *
 * @example
 * runShare(plan, 'bad-version', [1, 2, 3]).length; // 3
 */
export function runShare(plan: Plan, scenario: string, seeds: readonly number[]): RunSample[] {
  return seeds.map((seed) => sampleOf(simulate(plan, { scenario, seed, recordSnapshots: false })));
}
