import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { Plan } from '../../../src/domain/plan/schema';
import { strategyKindOf } from '../../../src/domain/plan/strategyKind';
import { yaml } from './helpers';

function parsed(text: string): Plan {
  const result = parsePlan(text, 'valid.release.yaml');
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  expect(result.diagnostics).toEqual([]);
  return result.plan;
}

const ERROR_GATE = ['analysis:', '  - name: error-rate', '    metric: errorRate', '    interval: 30s', '    count: 3', '    failureCondition: result >= 0.05'];

describe('parsePlan: valid plans', () => {
  it('should parse a blue-green plan with its defaults', () => {
    const plan = parsed(yaml('service: checkout', 'replicas: 4', 'strategy:', '  blueGreen:', '    prePromotionAnalysis: { templates: [error-rate] }', ...ERROR_GATE));
    expect(strategyKindOf(plan)).toBe('blueGreen');
    expect(plan.strategy.blueGreen).toEqual({ autoPromotionEnabled: true, scaleDownDelaySeconds: 30, prePromotionAnalysis: { templates: ['error-rate'] } });
    expect(plan.analysis[0]).toEqual({
      name: 'error-rate',
      metric: 'errorRate',
      interval: 30_000,
      count: 3,
      failureCondition: 'result >= 0.05',
      failureLimit: 0,
      inconclusiveLimit: 0,
      consecutiveErrorLimit: 4,
    });
  });

  it('should parse a rolling plan with Kubernetes defaults', () => {
    const plan = parsed(yaml('service: checkout', 'engine: kubernetes', 'replicas: 10', 'strategy:', '  rolling:', '    pauseBetweenBatches: 1m'));
    expect(plan.strategy.rolling).toEqual({ maxSurge: '25%', maxUnavailable: '25%', pauseBetweenBatches: 60_000 });
    expect(plan.engine).toBe('kubernetes');
  });

  it('should parse an Argo-style canary with durations in milliseconds', () => {
    const plan = parsed(
      yaml(
        'service: checkout',
        'engine: argo-rollouts',
        'replicas: 5',
        'strategy:',
        '  canary:',
        '    steps:',
        '      - setWeight: 20',
        '      - pause: { duration: 90s }',
        '      - analysis: { templates: [error-rate] }',
        '      - setWeight: 50',
        '      - pause: { duration: 250ms }',
        '      - pause: { duration: 2 }',
        '      - pause: {}',
        ...ERROR_GATE,
      ),
    );
    const canary = plan.strategy.canary;
    expect(canary?.steps?.map((step) => step.pause?.duration)).toEqual([undefined, 90_000, undefined, undefined, 250, 2000, undefined]);
    expect(canary).toMatchObject({ maxWeight: 100, trafficRouting: true, maxSurge: '25%', maxUnavailable: '25%', dynamicStableScale: false });
  });

  it('should parse a Flagger-style canary', () => {
    const plan = parsed(yaml('service: checkout', 'engine: flagger', 'strategy:', '  canary:', '    stepWeight: 10', '    maxWeight: 50', '    interval: 1m', '    threshold: 2'));
    expect(plan.strategy.canary).toMatchObject({ stepWeight: 10, maxWeight: 50, interval: 60_000, threshold: 2 });
  });

  it('should parse an A/B test with its defaults', () => {
    const plan = parsed(yaml('service: checkout', 'strategy:', '  abTest:', '    match:', '      - headers: { x-beta: { exact: "true" } }', '      - cookie: { beta: { regex: "^yes$" } }'));
    expect(plan.strategy.abTest).toEqual({
      match: [{ headers: { 'x-beta': { exact: 'true' } } }, { cookie: { beta: { regex: '^yes$' } } }],
      iterations: 10,
      interval: 60_000,
      threshold: 2,
    });
  });

  it('should parse a shadow plan with its defaults', () => {
    const plan = parsed(yaml('service: checkout', 'strategy:', '  shadow:', '    mirrorPercent: 50'));
    expect(plan.strategy.shadow).toEqual({ mirrorPercent: 50, iterations: 10, interval: 60_000, threshold: 2 });
  });

  it('should parse a recreate plan and fill in every top-level default', () => {
    const plan = parsed(yaml('service: checkout', 'strategy:', '  recreate: {}'));
    expect(plan).toEqual({
      service: 'checkout',
      engine: 'fleet',
      replicas: 1,
      strategy: { recreate: {} },
      checks: { minReadySeconds: 0 },
      analysis: [],
      // abortScaleDownDelaySeconds has no default in the plan: Argo tells an unset 30 from an explicit one under dynamicStableScale (was 30).
      policy: { progressDeadlineSeconds: 600, onFailure: 'rollback' },
      scenarios: {},
    });
  });

  it('should fill in scenario defaults with durations in milliseconds', () => {
    const plan = parsed(yaml('service: checkout', 'strategy:', '  recreate: {}', 'scenarios:', '  bad-version:', '    seed: 7', '    candidate: { errorRate: 0.2 }', '    faults:', '      - { at: 5m, kind: metricsOutage, for: 1m }'));
    expect(plan.scenarios['bad-version']).toEqual({
      seed: 7,
      fleet: { bootTime: { min: 5000, max: 15_000 }, drainTime: 5000 },
      traffic: { rps: 100, noise: 0.05, previewRps: 5 },
      stable: { errorRate: 0.001, latencyMs: 50, crashRate: 0 },
      candidate: { errorRate: 0.2, latencyMs: 50, crashRate: 0 },
      faults: [{ at: 300_000, kind: 'metricsOutage', for: 60_000 }],
    });
  });

  it('should read anchors and aliases', () => {
    const plan = parsed(yaml('service: checkout', 'strategy:', '  canary:', '    steps:', '      - &wait { pause: { duration: 1m } }', '      - setWeight: 50', '      - *wait'));
    expect(plan.strategy.canary?.steps?.[2]?.pause?.duration).toBe(60_000);
  });
});
