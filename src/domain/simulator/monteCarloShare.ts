import type { Plan } from '../plan/schema';
import { runChosenShare } from './chosenShare';
import { sampleOf, type RunSample } from './monteCarlo';
import { chooseScenario } from './scenarioDefaults';
import { simulate } from './simulate';

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
 * Runs one chunk of a Monte Carlo without snapshots or journal (a sample needs neither). An
 * unknown scenario gives failed samples, as `simulate` gives failed runs.
 *
 * @example
 * runShare(plan, 'bad-version', [1, 2, 3]).length; // 3
 */
export function runShare(plan: Plan, scenario: string, seeds: readonly number[]): RunSample[] {
  const chosen = chooseScenario(plan, scenario);
  if (!chosen.ok) return seeds.map((seed) => sampleOf(simulate(plan, { scenario, seed, recordSnapshots: false, recordEvents: false })));
  return runChosenShare(plan, chosen, seeds);
}
