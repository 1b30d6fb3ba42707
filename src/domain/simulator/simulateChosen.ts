import type { Plan } from '../plan/schema';
import { describeStatus, machineFor, strategyKindOf } from '../strategies';
import { runScenario, type ChosenScenario, type SimulateOptions } from './drive';
import type { RunResult } from './types';

/**
 * `simulate` with the scenario already chosen (by `chooseScenario`, once, in the main thread).
 * Nothing it imports loads the plan schema, so a Monte Carlo worker that uses it starts faster.
 *
 * @example
 * const chosen = chooseScenario(plan, 'bad-version');
 * if (chosen.ok) simulateChosen(plan, chosen, { seed: 7, recordSnapshots: false }).outcome; // 'rolledBack'
 */
export function simulateChosen(plan: Plan, chosen: ChosenScenario, options: Omit<SimulateOptions, 'scenario'> = {}): RunResult {
  const kind = strategyKindOf(plan);
  return runScenario(plan, { strategy: kind, machine: machineFor(kind), describe: describeStatus }, chosen, options);
}
