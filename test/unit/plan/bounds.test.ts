import { describe, expect, it } from 'vitest';
import { planJsonSchema } from '../../../src/domain/plan/jsonSchema';
import { SIMULATION_HORIZON_MS } from '../../../src/domain/plan/limits';
import { parsePlan } from '../../../src/domain/plan/parse';
import { DEFAULT_MAX_DURATION_MS } from '../../../src/domain/simulator/drive';
import { estimateTimeline } from '../../../src/domain/simulator/estimate';
import { canaryPlan, problemsIn, yaml } from './helpers';

const plan = (...lines: string[]) => yaml('service: checkout', ...lines);

describe('parsePlan: absurd numbers', () => {
  it.each([
    {
      name: 'iterations past any array (a 65-byte plan)',
      text: 'service: a\nstrategy: {shadow: {iterations: 6439784534769664}}\n',
      line: 2,
      token: '6439784534769664',
      message: 'strategy.shadow.iterations: 6439784534769664 is too large; at most 1,000 (each iteration is a step of the release)',
    },
    {
      name: 'ten million A/B iterations',
      text: plan('strategy:', '  abTest:', '    match: [{ headers: { x-beta: { exact: "1" } } }]', '    iterations: 1e7'),
      line: 5,
      token: '1e7',
      message: 'strategy.abTest.iterations: 10000000 is too large; at most 1,000 (each iteration is a step of the release)',
    },
    {
      name: 'a billion replicas',
      text: plan('replicas: 1000000000', 'strategy: { recreate: {} }'),
      line: 2,
      token: '1000000000',
      message: 'replicas: 1000000000 is too large; at most 100,000 (a simulation models each instance)',
    },
    {
      name: 'a pause of ten thousand hours',
      text: canaryPlan(['steps:', '  - setWeight: 10', '  - pause: { duration: 10000h }']),
      line: 6,
      token: '10000h',
      message: 'strategy.canary.steps[1].pause.duration: "10000h" is too large; at most 168h (a week: no step of a release waits longer)',
    },
    {
      name: 'a gate interval of a billion seconds',
      text: plan('strategy: { recreate: { analysis: { templates: [e] } } }', 'analysis:', '  - { name: e, metric: errorRate, count: 1, interval: 1000000000, failureCondition: result > 0.1 }'),
      line: 4,
      token: '1000000000',
      message: 'analysis[0].interval: 1000000000 is too large; at most 168h (a week: no step of a release waits longer)',
    },
    {
      name: 'a progress deadline of thirty years',
      text: plan('strategy: { recreate: {} }', 'policy: { progressDeadlineSeconds: 1000000000 }'),
      line: 3,
      token: '1000000000',
      message: 'policy.progressDeadlineSeconds: 1000000000 is too large; at most 604,800 seconds (a week: no step of a release waits longer)',
    },
    {
      name: 'a million measurements of one gate',
      text: plan('strategy: { recreate: { analysis: { templates: [e] } } }', 'analysis:', '  - { name: e, metric: errorRate, count: 1000000, failureCondition: result > 0.1 }'),
      line: 4,
      token: '1000000',
      message: 'analysis[0].count: 1000000 is too large; at most 1,000 (each measurement is simulated)',
    },
    {
      name: 'a canary step of a thousandth of a percent',
      text: canaryPlan(['stepWeight: 0.001']),
      line: 4,
      token: '0.001',
      message: 'strategy.canary.stepWeight: 0.001 is too small; at least 0.1 (every increment up to maxWeight is a step, at most 1,000 of them)',
    },
    {
      name: 'a surge of fifty times the replicas',
      text: plan('strategy:', '  rolling: { maxSurge: "5000%" }'),
      line: 3,
      token: '"5000%"',
      message: 'strategy.rolling.maxSurge: "5000%" is too large; at most 1,000% (ten times the replicas)',
    },
    {
      name: 'a trillion requests a second',
      text: plan('strategy: { recreate: {} }', 'scenarios:', '  busy: { traffic: { rps: 1e12 } }'),
      line: 4,
      token: '1e12',
      message: 'scenarios.busy.traffic.rps: 1000000000000 is too large; at most 1,000,000 requests a second (more than any one service serves)',
    },
    {
      name: 'a latency of a day',
      text: plan('strategy: { recreate: {} }', 'scenarios:', '  slow: { candidate: { latencyMs: 86400000 } }'),
      line: 4,
      token: '86400000',
      message: 'scenarios.slow.candidate.latencyMs: 86400000 is too large; at most 600,000 ms (ten minutes: a request that slow has long timed out)',
    },
    {
      name: 'a crash rate beyond one a second',
      text: plan('strategy: { recreate: {} }', 'scenarios:', '  crashy: { stable: { crashRate: 100000 } }'),
      line: 4,
      token: '100000',
      message: 'scenarios.crashy.stable.crashRate: 100000 is too large; at most 3,600 (a crash every second of every instance)',
    },
    {
      name: 'a seed past 32 bits',
      text: plan('strategy: { recreate: {} }', 'scenarios:', '  seeded: { seed: 1099511627776 }'),
      line: 4,
      token: '1099511627776',
      message: 'scenarios.seeded.seed: 1099511627776 is too large; at most 4,294,967,295 (the simulator takes 32-bit seeds)',
    },
    {
      name: 'a boot a million times slower',
      text: plan('strategy: { recreate: {} }', 'scenarios:', '  slow: { faults: [{ at: 1m, kind: slowBoot, for: 1m, factor: 1000000 }] }'),
      line: 4,
      token: '1000000',
      message: 'scenarios.slow.faults[0].factor: 1000000 is too large; at most 100 (boots that much slower outlast any progress deadline)',
    },
    {
      name: 'more steps than any release',
      text: canaryPlan(['steps:', ...Array.from({ length: 1001 }, () => '  - pause: { duration: 1s }')]),
      line: 5,
      token: '- pause',
      message: 'strategy.canary.steps: 1001 items are too many; at most 1,000 (each step is simulated)',
    },
  ])('should refuse $name on its line', ({ text, line, token, message }) => {
    const column = (text.split('\n')[line - 1] ?? '').indexOf(token) + 1;
    expect(column).toBeGreaterThan(0);
    expect(problemsIn(text)).toEqual([{ at: `${line}:${column}`, severity: 'error', code: expect.stringMatching(/^schema\.too(Big|Small)$/), message }]);
  });

  it.each([
    {
      name: 'a rolling update of 100,000 replicas one at a time',
      text: plan('replicas: 100000', 'strategy:', '  rolling: { maxSurge: 1, maxUnavailable: 0 }'),
      at: '4:24',
      message: 'strategy.rolling.maxSurge: 100,000 replicas 1 at a time make 100,000 batches (each one is simulated and estimated, at most 10,000)',
    },
    {
      name: 'an Argo Rollouts basic canary of 100,000 replicas one pod at a time',
      text: plan('engine: argo-rollouts', 'replicas: 100000', 'strategy:', '  canary:', '    trafficRouting: false', '    maxSurge: 1', '    maxUnavailable: 0', '    steps: [{ setWeight: 50 }, { setWeight: 100 }]'),
      at: '7:15',
      message: 'strategy.canary.maxSurge: 100,000 replicas 1 at a time make about 100,000 waves of pods (each one is simulated and estimated, at most 10,000)',
    },
  ])('should refuse $name, which would be a step per instance', ({ text, at, message }) => {
    expect(problemsIn(text)).toEqual([{ at, severity: 'error', code: 'plan.tooManySteps', message }]);
  });

  it('should refuse a background gate that measures every 10ms through a 23-hour pause', () => {
    const text = canaryPlan(
      ['steps: [{ setWeight: 50 }, { pause: { duration: 23h } }]', 'analysis: { templates: [errors] }'],
      'analysis:',
      '  - { name: errors, metric: errorRate, interval: 10ms, failureCondition: result > 0.5 }',
    );
    expect(problemsIn(text)).toEqual([
      {
        at: '7:50',
        severity: 'error',
        code: 'plan.tooManyMeasurements',
        message: 'analysis[0].interval: gate "errors" has no count, so it measures every 10ms for the whole release: about 8,280,000 times in 23h; at most 20,000 in all (each measurement is simulated)',
      },
    ]);
  });

  it('should count background measurements up to where a simulation stops', () => {
    expect(SIMULATION_HORIZON_MS).toBe(DEFAULT_MAX_DURATION_MS);
  });

  it('should accept the largest plan the bounds allow and estimate it at once', () => {
    const text = plan('replicas: 100000', 'strategy:', '  shadow: { iterations: 1000, interval: 168h }', 'policy: { progressDeadlineSeconds: 604800 }');
    const result = parsePlan(text);
    if (!result.ok) expect.fail(result.diagnostics.map((d) => d.message).join('; '));
    const started = performance.now();
    expect(estimateTimeline(result.plan).steps).toHaveLength(1002);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('should lint the 65-byte plan that once failed with "Invalid array length" at once', () => {
    const started = performance.now();
    expect(parsePlan('service: a\nstrategy: {shadow: {iterations: 6439784534769664}}\n').ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('planJsonSchema: bounds for editors', () => {
  const schema = planJsonSchema() as { properties: Record<string, { maximum?: number; maxItems?: number; maxProperties?: number }>; $defs?: unknown };
  const text = JSON.stringify(schema);

  it('should carry the bounds an editor can check as you type', () => {
    expect(schema.properties.replicas?.maximum).toBe(100_000);
    expect(schema.properties.analysis?.maxItems).toBe(1000);
    expect(schema.properties.scenarios?.maxProperties).toBe(10_000);
    expect(text).toContain('"maximum":604800');
    expect(text).toContain('"pattern":"^(\\\\d{1,3}|1000)%$"');
  });
});
