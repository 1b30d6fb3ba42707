import { describe, expect, it } from 'vitest';
import { machineFor } from '../../../src/domain/strategies/index';
import { analysis, planFixture, runStrategy } from './driver';

const machine = machineFor('recreate');
const gates = [{ name: 'error-rate', metric: 'errorRate' as const, count: 1 }];
const plan = planFixture({ replicas: 3, analysis: gates, strategy: { recreate: { analysis: { templates: ['error-rate'] } } } });

describe('recreate machine', () => {
  it('should stop stable, start the candidate, route and analyse', () => {
    const run = runStrategy(machine, plan);
    expect(run.status()).toBe('promoted');
    expect(run.trace()).toEqual(['scale stable 0', 'provision candidate 3', 'checkHealth candidate 3', 'setTraffic 100', 'runAnalysis error-rate']);
  });

  it('should bring stable back before traffic returns to it', () => {
    const run = runStrategy(machine, plan, (call) =>
      call.effect === 'runAnalysis' ? { type: 'runAnalysis.done', output: analysis('failed', 'errors') } : undefined,
    );
    expect(run.status()).toBe('rolledBack');
    expect(run.trace().slice(-4)).toEqual(['scale stable 3', 'checkHealth stable 3', 'setTraffic 0', 'scale candidate 0']);
  });

  it('should retry from stopping stable after a paused failure', () => {
    let failures = 1;
    const run = runStrategy(machine, { ...plan, policy: { ...plan.policy, onFailure: 'pause' } }, (call) =>
      call.effect === 'provision' && failures-- > 0 ? { type: 'provision.failed', reason: 'image pull failed' } : undefined,
    );
    expect(run.status()).toBe('paused');
    run.send({ type: 'operator.retry' });
    expect(run.status()).toBe('promoted');
  });
});
