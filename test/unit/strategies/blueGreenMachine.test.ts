import { describe, expect, it } from 'vitest';
import type { BlueGreenStrategy } from '../../../src/domain/plan/schema';
import { describeStatus, machineFor } from '../../../src/domain/strategies/index';
import { analysis, planFixture, runStrategy } from './driver';

const gates = [{ name: 'smoke', metric: 'errorRate' as const, count: 1 }];
const machine = machineFor('blueGreen');

function blueGreenPlan(blueGreen: Partial<BlueGreenStrategy>) {
  return planFixture({ replicas: 4, analysis: gates, strategy: { blueGreen } });
}

describe('blue-green machine', () => {
  it('should preview, analyse, switch, wait and scale the old stable down', () => {
    const plan = blueGreenPlan({ previewReplicaCount: 1, prePromotionAnalysis: { templates: ['smoke'] }, postPromotionAnalysis: { templates: ['smoke'] } });
    const run = runStrategy(machine, plan);
    expect(describeStatus(run.actor.getSnapshot()).path).toBe('promoting.delayingScaleDown');
    run.advance(30_000);
    expect(run.status()).toBe('promoted');
    expect(run.trace()).toEqual([
      'provision candidate 1',
      'checkHealth candidate 1',
      'runAnalysis smoke',
      'scale candidate 4',
      'checkHealth candidate 4',
      'setTraffic 100',
      'runAnalysis smoke',
      'scale stable 0',
    ]);
  });

  it('should wait for approval when auto-promotion is off', () => {
    const run = runStrategy(machine, blueGreenPlan({ autoPromotionEnabled: false, scaleDownDelaySeconds: 0 }));
    expect(describeStatus(run.actor.getSnapshot()).path).toBe('awaitingPromotion.approving');
    run.send({ type: 'operator.promote' });
    expect(run.status()).toBe('promoted');
  });

  it('should auto-promote after autoPromotionSeconds, held by operator.pause', () => {
    const run = runStrategy(machine, blueGreenPlan({ autoPromotionSeconds: 60, scaleDownDelaySeconds: 0 }));
    run.send({ type: 'operator.pause' });
    run.advance(120_000);
    expect(run.status()).toBe('awaitingPromotion');
    run.send({ type: 'operator.resume' });
    run.advance(60_000);
    expect(run.status()).toBe('promoted');
  });

  it('should switch traffic back to stable when post-promotion analysis fails', () => {
    const plan = blueGreenPlan({ postPromotionAnalysis: { templates: ['smoke'] } });
    const run = runStrategy(machine, plan, (call) =>
      call.effect === 'runAnalysis' ? { type: 'runAnalysis.done', output: analysis('failed', 'smoke failed') } : undefined,
    );
    expect(run.status()).toBe('rolledBack');
    expect(run.trace().slice(-4)).toEqual(['setTraffic 100', 'runAnalysis smoke', 'setTraffic 0', 'scale candidate 0']);
  });

  it('should pause when the preview is unhealthy and retry from provisioning', () => {
    let failures = 1;
    const plan = planFixture({ replicas: 2, policy: { onFailure: 'pause' }, strategy: { blueGreen: { scaleDownDelaySeconds: 0 } } });
    const run = runStrategy(machine, plan, (call) =>
      call.effect === 'checkHealth' && failures-- > 0 ? { type: 'checkHealth.failed', reason: 'preview not ready' } : undefined,
    );
    expect(run.status()).toBe('paused');
    run.send({ type: 'operator.retry' });
    expect(run.status()).toBe('promoted');
  });
});
