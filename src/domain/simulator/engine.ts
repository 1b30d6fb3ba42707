import type { Plan } from '../plan/schema';
import { runScenario, type MachineDriver, type SimulateOptions } from './drive';
import { chooseScenario } from './scenarioDefaults';
import type { RunResult } from './types';

export { DEFAULT_INTERVAL_MS, DEFAULT_MAX_DURATION_MS, routingModeOf, runScenario, statePath } from './drive';
export type { ChosenScenario, MachineDriver, SimulateOptions, StepStatus } from './drive';

/**
 * Drive a strategy machine through a simulated world until it ends, waits for an operator with
 * nothing else scheduled, or reaches the time limit. `simulate` calls this with the plan's own
 * machine; tests call it with small machines of their own. An unknown scenario name comes back
 * as a `failed` result whose reason lists the names.
 *
 * @example
 * const result = runSimulation(plan, { strategy: 'canary', machine: canaryMachine }, { seed: 7 });
 * result.outcome; // 'promoted'
 */
export function runSimulation(plan: Plan, driver: MachineDriver, options: SimulateOptions = {}): RunResult {
  const choice = chooseScenario(plan, options.scenario);
  if (!choice.ok) return emptyResult(plan, driver.strategy, options.scenario ?? '', options.seed ?? 1, choice.error);
  return runScenario(plan, driver, choice, options);
}

function emptyResult(plan: Plan, strategy: string, scenario: string, seed: number, reason: string): RunResult {
  return {
    service: plan.service,
    strategy,
    engine: plan.engine,
    scenario,
    seed,
    outcome: 'failed',
    reason,
    figures: { durationMs: 0, requests: 0, requestsToCandidate: 0, requestsMirrored: 0, userErrors: 0, lowestCapacity: 1, peakInstances: plan.replicas, timeToDetectMs: null, timeToRestoreMs: null },
    events: [{ t: 0, kind: 'outcome', message: `failed: ${reason}`, data: { outcome: 'failed', reason } }],
    snapshots: [],
  };
}
