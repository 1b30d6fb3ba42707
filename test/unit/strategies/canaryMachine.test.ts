import { describe, expect, it } from 'vitest';
import type { CanaryStrategy, PlanInput } from '../../../src/domain/plan/schema';
import { canaryMachine, describeStatus } from '../../../src/domain/strategies/index';
import { analysis, planFixture, runStrategy } from './driver';

const gates: NonNullable<PlanInput['analysis']> = [{ name: 'error-rate', metric: 'errorRate', count: 3, failureCondition: 'result >= 0.05' }];

function canaryPlan(canary: Partial<CanaryStrategy>, extra: Partial<PlanInput> = {}) {
  return planFixture({ replicas: 10, analysis: gates, strategy: { canary }, ...extra });
}

const explicitSteps = {
  steps: [{ setWeight: 10 }, { pause: { duration: 60 } }, { setWeight: 50 }, { analysis: { templates: ['error-rate'] } }, { setWeight: 100 }],
};
const failingAnalysis = { type: 'runAnalysis.done', output: analysis('failed', 'error-rate: 3 of 3 failed') } as const;

describe('canary machine', () => {
  it('should walk the weights in order and promote', () => {
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps));
    expect(describeStatus(run.actor.getSnapshot())).toMatchObject({ phase: 'progressing', stepIndex: 1, stepLabel: 'pause 1m' });
    run.advance(60_000);
    expect(run.status()).toBe('promoted');
    expect(run.trace()).toEqual([
      'provision candidate 0',
      'scale candidate 1',
      'checkHealth candidate 1',
      'setTraffic 10',
      'scale candidate 5',
      'checkHealth candidate 5',
      'setTraffic 50',
      'runAnalysis error-rate',
      'scale candidate 10',
      'checkHealth candidate 10',
      'setTraffic 100',
      'scale stable 0',
    ]);
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'promoted', reason: 'v2 of checkout promoted to 100%' });
  });

  it('should roll back with traffic on stable before the candidate scales down', () => {
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps, { hooks: { onRollback: { command: ['notify'] } } }), (call) =>
      call.effect === 'runAnalysis' ? failingAnalysis : undefined,
    );
    run.advance(60_000);
    expect(run.status()).toBe('rolledBack');
    expect(run.trace().slice(-4)).toEqual(['runAnalysis error-rate', 'setTraffic 0', 'scale candidate 0', 'runHook onRollback']);
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'rolledBack', reason: 'error-rate: 3 of 3 failed' });
  });

  it('should fail when the rollback itself fails', () => {
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps), (call, earlier) => {
      if (call.effect === 'runAnalysis') return failingAnalysis;
      const rollingBack = earlier.some((c) => c.effect === 'runAnalysis');
      return rollingBack && call.effect === 'setTraffic' ? { type: 'setTraffic.failed', reason: 'router unreachable' } : undefined;
    });
    run.advance(60_000);
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'failed', reason: 'rollback failed: router unreachable (after: error-rate: 3 of 3 failed)' });
  });

  it('should pause on failure when the policy says pause, then retry from the start', () => {
    let failures = 1;
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps, { policy: { onFailure: 'pause' } }), (call) =>
      call.effect === 'runAnalysis' && failures-- > 0 ? failingAnalysis : undefined,
    );
    run.advance(60_000);
    expect(run.status()).toBe('paused');
    expect(describeStatus(run.actor.getSnapshot()).stepLabel).toBe('paused: error-rate: 3 of 3 failed');
    run.send({ type: 'operator.retry' });
    expect(describeStatus(run.actor.getSnapshot())).toMatchObject({ phase: 'progressing', stepIndex: 1 });
    run.advance(60_000);
    expect(run.status()).toBe('promoted');
  });

  it('should abort from paused and end aborted with traffic on stable', () => {
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps, { policy: { onFailure: 'pause' } }), (call) =>
      call.effect === 'runAnalysis' ? failingAnalysis : undefined,
    );
    run.advance(60_000);
    run.send({ type: 'operator.abort', reason: 'bad build' });
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'aborted', reason: 'bad build' });
    expect(run.trace().slice(-2)).toEqual(['setTraffic 0', 'scale candidate 0']);
  });

  it('should continue with the next step when the operator promotes from paused', () => {
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps, { policy: { onFailure: 'pause' } }), (call) =>
      call.effect === 'runAnalysis' ? failingAnalysis : undefined,
    );
    run.advance(60_000);
    run.send({ type: 'operator.promote' });
    expect(run.status()).toBe('promoted');
  });

  it('should pause on inconclusive analysis even when the policy rolls back', () => {
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps), (call) =>
      call.effect === 'runAnalysis' ? { type: 'runAnalysis.done', output: analysis('inconclusive') } : undefined,
    );
    run.advance(60_000);
    expect(run.status()).toBe('paused');
    expect(run.actor.getSnapshot().context.pauseCause).toBe('inconclusive');
  });

  it('should wait at an indefinite pause until the operator promotes', () => {
    const run = runStrategy(canaryMachine, canaryPlan({ steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }] }));
    run.advance(3_600_000);
    expect(describeStatus(run.actor.getSnapshot())).toMatchObject({ path: 'progressing.pausing.indefinite', stepLabel: 'pause until promoted' });
    run.send({ type: 'operator.promote' });
    expect(run.status()).toBe('promoted');
    expect(run.trace().filter((line) => line.startsWith('setTraffic'))).toEqual(['setTraffic 20', 'setTraffic 60', 'setTraffic 100']);
  });

  it('should skip all remaining steps on promoteFull', () => {
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps));
    run.send({ type: 'operator.promoteFull' });
    expect(run.status()).toBe('promoted');
    expect(run.trace().slice(-4)).toEqual(['scale candidate 10', 'checkHealth candidate 10', 'setTraffic 100', 'scale stable 0']);
  });

  it('should skip the current step on skipStep', () => {
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps));
    run.send({ type: 'operator.skipStep' });
    // The one-minute pause was skipped: no time passed and the release still finished.
    expect(describeStatus(run.actor.getSnapshot())).toMatchObject({ stepIndex: 5, stepCount: 5, phase: 'promoted' });
    expect(run.trace()).toContain('runAnalysis error-rate');
  });

  it('should abort mid-way and restore stable', () => {
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps));
    run.send({ type: 'operator.abort' });
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'aborted', reason: 'aborted by operator' });
    expect(run.trace().slice(-2)).toEqual(['setTraffic 0', 'scale candidate 0']);
  });

  it('should hold between steps on operator.pause and go on after operator.resume', () => {
    const run = runStrategy(canaryMachine, canaryPlan(explicitSteps));
    run.send({ type: 'operator.pause' });
    run.advance(60_000);
    expect(describeStatus(run.actor.getSnapshot()).path).toBe('progressing.holding');
    run.send({ type: 'operator.resume' });
    expect(run.status()).toBe('promoted');
  });

  it('should roll back when the background analysis fails', () => {
    const run = runStrategy(canaryMachine, canaryPlan({ ...explicitSteps, analysis: { templates: ['error-rate'] } }), (call) =>
      call.effect === 'watchAnalysis' ? 'hang' : undefined,
    );
    expect(run.trace()).toContain('watchAnalysis error-rate');
    run.send({ type: 'watchAnalysis.failed', output: analysis('failed', 'error-rate in background') });
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'rolledBack', reason: 'error-rate in background' });
  });

  it('should follow replicas with traffic when there is no traffic router', () => {
    const run = runStrategy(canaryMachine, canaryPlan({ trafficRouting: false, steps: [{ setWeight: 25 }] }));
    expect(run.trace().slice(0, 5)).toEqual(['provision candidate 0', 'scale candidate 3', 'checkHealth candidate 3', 'setTraffic 30', 'scale stable 7']);
    expect(run.status()).toBe('promoted');
  });

  it('should run hooks around promotion', () => {
    const hooks = { prePromotion: { command: ['smoke'] }, postPromotion: { command: ['announce'] } };
    const run = runStrategy(canaryMachine, canaryPlan({ steps: [{ setWeight: 50 }] }, { hooks }));
    expect(run.trace().slice(-6)).toEqual(['runHook prePromotion', 'scale candidate 10', 'checkHealth candidate 10', 'setTraffic 100', 'scale stable 0', 'runHook postPromotion']);
  });

  describe('linear (Flagger)', () => {
    const linear = { stepWeight: 20, maxWeight: 60, interval: 60, threshold: 2, analysis: { templates: ['error-rate'] } };

    it('should raise the weight after each passed check', () => {
      const run = runStrategy(canaryMachine, canaryPlan(linear));
      run.advance(60_000);
      run.advance(60_000);
      run.advance(60_000);
      expect(run.status()).toBe('promoted');
      expect(run.trace().filter((line) => /^(setTraffic|runAnalysis)/.test(line))).toEqual([
        'setTraffic 20',
        'runAnalysis error-rate',
        'setTraffic 40',
        'runAnalysis error-rate',
        'setTraffic 60',
        'runAnalysis error-rate',
        'setTraffic 100',
      ]);
    });

    it('should retry a failed check and roll back at the threshold', () => {
      const run = runStrategy(canaryMachine, canaryPlan(linear), (call) => (call.effect === 'runAnalysis' ? failingAnalysis : undefined));
      run.advance(60_000);
      expect(run.actor.getSnapshot().context.failedChecks).toBe(1);
      expect(run.status()).toBe('progressing');
      run.advance(60_000);
      // Flagger acts on the threshold at the next tick, before measuring (scheduler.go): was rolled back at the second failed check.
      expect(run.status()).toBe('progressing');
      expect(run.actor.getSnapshot().context.failedChecks).toBe(2);
      run.advance(60_000);
      expect(run.status()).toBe('rolledBack');
      expect(run.actor.getSnapshot().context.failedChecks).toBe(2);
      expect(run.calls.filter((call) => call.effect === 'runAnalysis')).toHaveLength(2);
    });
  });
});
