import { describe, expect, it } from 'vitest';
import { abTestMachine, describeSteps, shadowMachine } from '../../../src/domain/strategies/index';
import { analysis, planFixture, runStrategy } from './driver';

const gates = [{ name: 'error-rate', metric: 'errorRate' as const, count: 1 }];
const match = [{ headers: { 'x-canary': { exact: 'yes' } } }];
const failing = { type: 'runAnalysis.done', output: analysis('failed', 'error-rate too high') } as const;

describe('A/B test machine', () => {
  const plan = planFixture({ replicas: 3, analysis: gates, strategy: { abTest: { match, iterations: 2, interval: '1m', threshold: 2, analysis: { templates: ['error-rate'] } } } });

  it('should route matching requests, check every interval and promote', () => {
    const run = runStrategy(abTestMachine, plan);
    run.advance(60_000);
    run.advance(60_000);
    expect(run.status()).toBe('promoted');
    expect(run.trace()).toEqual([
      'provision candidate 3',
      'checkHealth candidate 3',
      'setTraffic 0 +headers',
      'runAnalysis error-rate',
      'runAnalysis error-rate',
      'setTraffic 100',
      'scale stable 0',
    ]);
    expect(describeSteps(plan).map((step) => step.label)).toEqual(['setHeaderRoute ab-test', 'check 1/2 error-rate after 1m', 'check 2/2 error-rate after 1m']);
  });

  it('should roll back after threshold failed checks', () => {
    const run = runStrategy(abTestMachine, plan, (call) => (call.effect === 'runAnalysis' ? failing : undefined));
    run.advance(60_000);
    run.advance(60_000);
    // Flagger rolls back at the tick after the threshold is reached, without measuring again: was rolled back after two intervals.
    expect(run.status()).toBe('progressing');
    run.advance(60_000);
    expect(run.status()).toBe('rolledBack');
    expect(run.trace().slice(-2)).toEqual(['setTraffic 0', 'scale candidate 0']);
  });
});

describe('shadow machine', () => {
  const plan = planFixture({ replicas: 2, analysis: gates, strategy: { shadow: { mirrorPercent: 50, iterations: 1, interval: 30, analysis: { templates: ['error-rate'] } } } });

  it('should mirror traffic, check and promote', () => {
    const run = runStrategy(shadowMachine, plan);
    run.advance(30_000);
    expect(run.status()).toBe('promoted');
    expect(run.trace()).toEqual(['provision candidate 2', 'checkHealth candidate 2', 'setTraffic 0 +mirror 50', 'runAnalysis error-rate', 'setTraffic 100', 'scale stable 0']);
  });

  it('should stop mirroring and roll back when the check fails', () => {
    const run = runStrategy(shadowMachine, { ...plan, strategy: { shadow: { ...plan.strategy.shadow!, threshold: 1 } } }, (call) =>
      call.effect === 'runAnalysis' ? failing : undefined,
    );
    run.advance(30_000);
    // Flagger rolls back at the tick after the threshold is reached: was rolled back after one interval.
    expect(run.status()).toBe('progressing');
    run.advance(30_000);
    expect(run.status()).toBe('rolledBack');
    const last = run.calls.at(-2);
    expect(last?.input).toEqual({ weights: { stable: 100, candidate: 0 } });
  });

  it('should abort from the interval wait', () => {
    const run = runStrategy(shadowMachine, plan);
    run.send({ type: 'operator.abort', reason: 'wrong build' });
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'aborted', reason: 'wrong build' });
  });
});
