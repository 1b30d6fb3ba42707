import type { Plan } from '../plan/schema';
import { candidateVerdict } from './monteCarlo';
import { chooseScenario } from './scenarioDefaults';

/** The scenario a plan's risk is read from, on one side: its name, first seed and whether its candidate is bad. */
export interface RiskScenario {
  name: string;
  seed: number;
  verdict: { bad: boolean; why: string };
}

/**
 * The plan's own scenarios that say the most about its risk: `bad-version` (else the first whose
 * candidate is bad) for how often a bad version is caught, and `good-version` (else the first whose
 * candidate is good) for false alarms and duration.
 *
 * @example
 * riskScenarios(canaryPlan); // { bad: { name: 'bad-version', seed: 7, ... }, good: { name: 'good-version', seed: 7, ... } }
 */
export function riskScenarios(plan: Plan): { bad?: RiskScenario; good?: RiskScenario } {
  const chosen: { bad?: RiskScenario; good?: RiskScenario } = {};
  for (const name of Object.keys(plan.scenarios)) {
    const scenario = chooseScenario(plan, name);
    if (!scenario.ok) continue;
    const verdict = candidateVerdict(scenario.scenario);
    const side = verdict.bad ? 'bad' : 'good';
    const preferred = verdict.bad ? 'bad-version' : 'good-version';
    if (!chosen[side] || name === preferred) chosen[side] = { name, seed: scenario.scenario.seed ?? 1, verdict };
  }
  return chosen;
}
