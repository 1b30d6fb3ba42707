import { plan as planSchema, type Plan, type PlanInput } from '../../../src/domain/plan/schema';

type ScenarioInput = NonNullable<PlanInput['scenarios']>[string];

/** A scenario with explicit durations (schema defaults are not relied on): 100 rps, 5-15 s boots. */
export function scenarioFixture(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return { fleet: { bootTime: { min: '5s', max: '15s' }, drainTime: '5s' }, traffic: { rps: 100, noise: 0.05 }, ...overrides };
}

/** An error-rate gate: `count` measurements 30 s apart, failing at 5 % errors. */
export const errorRateGate = { name: 'error-rate', metric: 'errorRate', interval: '30s', count: 3, failureCondition: 'result >= 0.05' } as const;

/** A canary of 10 replicas with 8 steps, analysis after the 10 % and 50 % steps. */
export function canaryPlan(scenario: Partial<ScenarioInput> = {}, overrides: Partial<PlanInput> = {}): Plan {
  return planSchema.parse({
    service: 'checkout',
    replicas: 10,
    strategy: {
      canary: {
        steps: [
          { setWeight: 10 },
          { pause: { duration: '1m' } },
          { analysis: { templates: ['error-rate'] } },
          { setWeight: 50 },
          { pause: { duration: '1m' } },
          { analysis: { templates: ['error-rate'] } },
          { setWeight: 100 },
          { pause: { duration: '30s' } },
        ],
      },
    },
    analysis: [errorRateGate],
    scenarios: { main: scenarioFixture(scenario) },
    ...overrides,
  });
}

/** A plan of `replicas` instances with the given strategy and one scenario. */
export function planFixture(strategy: PlanInput['strategy'], replicas: number, scenario: Partial<ScenarioInput> = {}, overrides: Partial<PlanInput> = {}): Plan {
  return planSchema.parse({
    service: 'checkout',
    replicas,
    strategy,
    analysis: [errorRateGate],
    scenarios: { main: scenarioFixture(scenario) },
    ...overrides,
  });
}
