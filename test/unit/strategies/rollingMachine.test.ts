import { describe, expect, it } from 'vitest';
import { describeSteps, rollingMachine } from '../../../src/domain/strategies/index';
import { analysis, planFixture, runStrategy } from './driver';

const gates = [{ name: 'error-rate', metric: 'errorRate' as const, count: 1 }];

describe('rolling machine', () => {
  it('should replace instances batch by batch, traffic following ready instances', () => {
    const run = runStrategy(rollingMachine, planFixture({ replicas: 10, strategy: { rolling: {} } }));
    expect(run.status()).toBe('promoted');
    expect(run.trace()).toEqual([
      'provision candidate 0',
      'scale stable 8',
      'scale candidate 5',
      'checkHealth candidate 5',
      'setTraffic 50',
      'scale stable 5',
      'scale stable 3',
      'scale candidate 10',
      'checkHealth candidate 10',
      'setTraffic 100',
      'scale stable 0',
    ]);
  });

  it('should pause between batches and analyse after each', () => {
    const plan = planFixture({ replicas: 4, analysis: gates, strategy: { rolling: { batchSize: 2, pauseBetweenBatches: '30s', analysis: { templates: ['error-rate'] } } } });
    expect(describeSteps(plan).map((step) => step.label)).toEqual([
      'batch 1/2: 2 new, 2 old',
      'analysis error-rate',
      'pause 30s',
      'batch 2/2: 4 new, 0 old',
      'analysis error-rate',
    ]);
    const run = runStrategy(rollingMachine, plan);
    expect(run.status()).toBe('progressing');
    run.advance(30_000);
    expect(run.status()).toBe('promoted');
  });

  it('should bring stable back to full before moving traffic when a batch fails', () => {
    const plan = planFixture({ replicas: 4, analysis: gates, strategy: { rolling: { batchSize: 2, analysis: { templates: ['error-rate'] } } } });
    const run = runStrategy(rollingMachine, plan, (call) =>
      call.effect === 'runAnalysis' ? { type: 'runAnalysis.done', output: analysis('failed', 'error-rate too high') } : undefined,
    );
    expect(run.status()).toBe('rolledBack');
    expect(run.trace().slice(-5)).toEqual(['runAnalysis error-rate', 'scale stable 4', 'checkHealth stable 4', 'setTraffic 0', 'scale candidate 0']);
  });

  it('should pause when a batch does not become healthy and the policy pauses', () => {
    const plan = planFixture({ replicas: 4, policy: { onFailure: 'pause' }, strategy: { rolling: { batchSize: 2 } } });
    const run = runStrategy(rollingMachine, plan, (call, earlier) =>
      call.effect === 'checkHealth' && 'role' in call.input && call.input.role === 'candidate' && earlier.length > 3 ? { type: 'checkHealth.failed', reason: 'progress deadline exceeded' } : undefined,
    );
    expect(run.status()).toBe('paused');
    run.send({ type: 'operator.abort' });
    expect(run.status()).toBe('aborted');
    expect(run.trace().slice(-4)).toEqual(['scale stable 4', 'checkHealth stable 4', 'setTraffic 0', 'scale candidate 0']);
  });
});
