import type { Plan, Scenario } from './schema';

/**
 * Where two definitions of a scenario differ, as dotted paths of the parsed scenario (defaults
 * filled in, durations in ms). The description is left out: it changes nothing a run does.
 *
 * @example
 * scenarioDifferences(rollingBadVersion, canaryBadVersion);
 * // ['seed', 'traffic.rps', 'candidate.errorRate', 'candidate.latencyMs']
 */
export function scenarioDifferences(a: Scenario, b: Scenario): string[] {
  const { description: _a, ...left } = a;
  const { description: _b, ...right } = b;
  return differences(left, right, '');
}

function differences(a: unknown, b: unknown, path: string): string[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [path];
    return a.flatMap((item, i) => differences(item, b[i], `${path}[${i}]`));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => differences(a[key], b[key], path ? `${path}.${key}` : key));
  }
  return [path];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The plan with its scenario `name` replaced by `scenario`, so plans that define a scenario of
 * the same name differently can be run under one definition.
 *
 * @example
 * withScenario(canaryPlan, 'bad-version', rollingPlan.scenarios['bad-version']);
 */
export function withScenario(plan: Plan, name: string, scenario: Scenario): Plan {
  return { ...plan, scenarios: { ...plan.scenarios, [name]: scenario } };
}
