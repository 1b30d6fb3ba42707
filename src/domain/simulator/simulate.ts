import type { Plan } from '../plan/schema';
import { describeStatus, machineFor, strategyKindOf } from '../strategies';
import { runSimulation, type SimulateOptions } from './engine';
import type { RunResult } from './types';

/**
 * Rehearse a plan: run its strategy machine against a simulated fleet, router and traffic under
 * virtual time. Deterministic: the same plan, scenario and seed give the same result, event for
 * event. An unknown scenario name comes back as a `failed` result whose reason lists the names.
 *
 * @example
 * const result = simulate(plan, { scenario: 'bad-candidate', seed: 7 });
 * result.outcome;                // 'rolledBack'
 * result.figures.timeToDetectMs; // 120000
 */
export function simulate(plan: Plan, options: SimulateOptions = {}): RunResult {
  const kind = strategyKindOf(plan);
  return runSimulation(plan, { strategy: kind, machine: machineFor(kind), describe: describeStatus }, options);
}
