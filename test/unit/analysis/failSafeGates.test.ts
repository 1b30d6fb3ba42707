import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGate } from '../../../src/domain/analysis/compileGate';
import { parsePlan } from '../../../src/domain/plan/parse';
import { plan as planSchema, type Plan } from '../../../src/domain/plan/schema';
import { simulate } from '../../../src/domain/simulator/simulate';
import { executeRun } from '../../../src/runner/execute';
import { fakePorts } from '../runner/fakePorts';
import { canaryPlan, errorRateGate } from '../simulator/fixtures';

const gate = (overrides: Record<string, unknown>) => {
  const compiled = compileGate(planSchema.parse({ service: 's', strategy: { recreate: {} }, analysis: [{ ...errorRateGate, ...overrides }] }).analysis[0]!);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.compiled;
};

describe('a measurement that cannot be taken is an error, never a pass or a failure', () => {
  const errorRate = gate({ successCondition: 'result < 0.01', failureCondition: 'result >= 0.05' });
  it.each([
    ['NaN', Number.NaN],
    ['+Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('should judge %s as an error', (_, value) => {
    const measurement = errorRate.judge({ ok: true, value }, 30_000);
    expect(measurement).toMatchObject({ phase: 'error', value: null });
    expect(measurement.message).toContain('not a number');
  });

  it('should judge a provider error as an error carrying its message', () => {
    expect(errorRate.judge({ ok: false, error: 'Prometheus unreachable: ECONNREFUSED' }, 0)).toMatchObject({ phase: 'error', message: 'Prometheus unreachable: ECONNREFUSED' });
  });

  it('should name both conditions and the value when a measurement is inconclusive', () => {
    expect(errorRate.judge({ ok: true, value: 0.0103 }, 0)).toMatchObject({ phase: 'inconclusive', message: '0.0103: not below 0.01, not at or above 0.05' });
  });
});

describe('simulations do not promote through missing data', () => {
  it('should not promote a candidate with 30 % errors while metrics are down for the whole release', () => {
    const plan = canaryPlan({ candidate: { errorRate: 0.3 }, faults: [{ at: '0s', kind: 'metricsOutage', for: '2h' }] });
    const result = simulate(plan, { scenario: 'main', seed: 1 });
    expect(result.outcome).toBe('rolledBack');
    expect(result.reason).toMatch(/error-rate: 5 measurement errors in a row/);
  });

  it('should roll back the bundled canary through its metrics outage instead of promoting blind', () => {
    const parsed = parsePlan(readFileSync(resolve(__dirname, '../../../examples/canary.release.yaml'), 'utf8'));
    if (!parsed.ok) throw new Error('example does not parse');
    const result = simulate(parsed.plan, { scenario: 'metrics-outage' });
    expect(result.outcome).not.toBe('promoted');
    expect(result.reason).toMatch(/measurement errors in a row/);
  });

  const backgroundPlan = (engine: 'fleet' | 'argo-rollouts'): Plan =>
    planSchema.parse({
      service: 'checkout',
      engine,
      replicas: 4,
      strategy: { canary: { trafficRouting: engine === 'fleet' ? true : undefined, steps: [{ setWeight: 50 }, { pause: { duration: '20s' } }], analysis: { templates: ['slow'] } } },
      analysis: [{ name: 'slow', metric: 'errorRate', interval: '5m', failureCondition: 'result >= 0.05' }],
      scenarios: { main: { traffic: { rps: 100 }, fleet: { bootTime: { min: '5s', max: '5s' } } } },
    });

  it('should pause a release whose background analysis was stopped before its first measurement', () => {
    const result = simulate(backgroundPlan('fleet'), { scenario: 'main', seed: 1 });
    expect(result.outcome).toBe('paused');
    expect(result.reason).toMatch(/background analysis slow: the steps ended before every gate had a successful measurement/);
    expect(result.events.some((event) => event.kind === 'gate.warning')).toBe(false);
  });

  it('should show what Argo Rollouts does (promote) under its engine, and flag it on the timeline', () => {
    const result = simulate(backgroundPlan('argo-rollouts'), { scenario: 'main', seed: 1 });
    expect(result.outcome).toBe('promoted');
    const warning = result.events.find((event) => event.kind === 'gate.warning');
    expect(warning?.message).toMatch(/slow passed without a successful measurement .*Argo Rollouts calls this Successful/);
  });
});

describe('real runs judge gates fail-safe', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-failsafe-'));
    process.env.SWITCHYARD_STATE_DIR = join(dir, 'runs');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let locks = 0;
  const run = (planText: string, ports: ReturnType<typeof fakePorts>['ports']) => {
    process.env.SWITCHYARD_LOCK_DIR = join(dir, `locks-${locks++}`);
    const parsed = parsePlan(planText);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    return executeRun({ planFile: join(dir, 'shop.release.yaml'), plan: parsed.plan, ports, log: () => undefined });
  };
  const stepPlan = `service: shop
version: v2
strategy:
  canary:
    steps: [{ setWeight: 50 }, { analysis: { templates: [errors] } }]
analysis:
  - { name: errors, metric: errorRate, interval: 5ms, count: 4, failureCondition: result >= 0.05 }
policy: { onFailure: rollback, progressDeadlineSeconds: 1 }
`;

  it('should roll back, not promote, when the provider is down for the whole release', async () => {
    const fake = fakePorts({ at: 'analysis.measure', times: 'always' });
    const report = await run(stepPlan, fake.ports);
    expect(report.outcome).toBe('rolledBack');
    expect(fake.weights()).toEqual({ stable: 100, candidate: 0 });
  });

  it('should treat a NaN reading as an error, not a success', async () => {
    const fake = fakePorts(undefined, Number.NaN);
    const report = await run(stepPlan, fake.ports);
    expect(report.outcome).toBe('rolledBack');
  });

  it('should pause when the background analysis has no successful measurement by the end of the steps', async () => {
    const fake = fakePorts();
    const report = await run(
      `service: shop
version: v2
strategy:
  canary:
    steps: [{ setWeight: 50 }, { pause: { duration: 20ms } }]
    analysis: { templates: [errors] }
analysis:
  - { name: errors, metric: errorRate, interval: 10s, failureCondition: result >= 0.05 }
policy: { onFailure: rollback, progressDeadlineSeconds: 1 }
`,
      fake.ports,
    );
    expect(report.outcome).toBe('paused');
    expect(fake.weights()).toEqual({ stable: 50, candidate: 50 });
  });
});
