import type { Plan } from '../plan/schema';
import type { ChosenScenario } from './drive';
import { sampleOf, type RunSample } from './monteCarlo';
import { simulateChosen } from './simulateChosen';

/**
 * Runs one chunk of a Monte Carlo in a chosen scenario, without snapshots or journal (a sample
 * needs neither).
 *
 * @example
 * runChosenShare(plan, { name: 'bad-version', scenario }, [1, 2, 3]).length; // 3
 */
export function runChosenShare(plan: Plan, chosen: ChosenScenario, seeds: readonly number[]): RunSample[] {
  return seeds.map((seed) => sampleOf(simulateChosen(plan, chosen, { seed, recordSnapshots: false, recordEvents: false })));
}
