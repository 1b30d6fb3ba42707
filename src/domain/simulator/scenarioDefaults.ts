import { scenario as scenarioSchema, type Plan, type Scenario } from '../plan/schema';

/** The name a run reports when the plan has no scenarios and built-in defaults are used. */
export const DEFAULT_SCENARIO_NAME = 'default';

export type ScenarioChoice = { ok: true; name: string; scenario: Scenario } | { ok: false; error: string };

/**
 * The scenario a run uses: the named one, else the plan's first, else the schema's defaults
 * (100 rps, 5-15 s boots, both versions at 0.1 % errors and 50 ms).
 *
 * @example
 * chooseScenario(plan, undefined); // { ok: true, name: 'bad-candidate', scenario: {...} } (the first one)
 * chooseScenario(plan, 'nope');    // { ok: false, error: 'no scenario "nope"; the plan has: bad-candidate' }
 */
export function chooseScenario(plan: Plan, name: string | undefined): ScenarioChoice {
  const names = Object.keys(plan.scenarios);
  if (name === undefined) {
    const first = names[0];
    const found = first === undefined ? undefined : plan.scenarios[first];
    if (first === undefined || found === undefined) return { ok: true, name: DEFAULT_SCENARIO_NAME, scenario: scenarioSchema.parse({}) };
    return { ok: true, name: first, scenario: found };
  }
  const found = plan.scenarios[name];
  if (found) return { ok: true, name, scenario: found };
  if (name === DEFAULT_SCENARIO_NAME && names.length === 0) return { ok: true, name, scenario: scenarioSchema.parse({}) };
  const known = names.length > 0 ? `the plan has: ${names.join(', ')}` : 'the plan has no scenarios';
  return { ok: false, error: `no scenario "${name}"; ${known}` };
}
