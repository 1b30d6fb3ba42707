import { describe, expect, it } from 'vitest';
import { flagger } from '../../../src/domain/physics';
import type { FlaggerCanaryPhase, FlaggerCanaryStatus } from '../../../src/domain/physics/flagger';

describe('setStatusPhase', () => {
  const midAnalysis: FlaggerCanaryStatus = { phase: 'progressing', canaryWeight: 30, failedChecks: 1, iterations: 4 };
  it.each<{ name: string; phase: FlaggerCanaryPhase; expected: Omit<FlaggerCanaryStatus, 'phase'> }>([
    // flagger pkg/canary/deployment_status_test.go TestDeploymentController_SetState.
    { name: 'progressing', phase: 'progressing', expected: { canaryWeight: 30, failedChecks: 1, iterations: 4 } },
    // flagger pkg/controller/scheduler_deployment_test.go TestScheduler_DeploymentAnalysisPhases ("start promotion": weight still 100).
    { name: 'promoting keeps the weight', phase: 'promoting', expected: { canaryWeight: 30, failedChecks: 1, iterations: 4 } },
    // TestScheduler_DeploymentAnalysisPhases ("finalising" and "succeeded": weight 0).
    { name: 'finalising clears the weight', phase: 'finalising', expected: { canaryWeight: 0, failedChecks: 1, iterations: 0 } },
    { name: 'succeeded clears the weight', phase: 'succeeded', expected: { canaryWeight: 0, failedChecks: 1, iterations: 0 } },
    // From the source (pkg/canary/status.go setStatusPhase), no upstream row:
    { name: 'waiting keeps the weight', phase: 'waiting', expected: { canaryWeight: 30, failedChecks: 1, iterations: 4 } },
    { name: 'waitingPromotion: one iteration short of the analysis', phase: 'waitingPromotion', expected: { canaryWeight: 0, failedChecks: 1, iterations: 9 } },
    { name: 'failed clears the weight, keeps failed checks', phase: 'failed', expected: { canaryWeight: 0, failedChecks: 1, iterations: 0 } },
    { name: 'initialized clears the weight', phase: 'initialized', expected: { canaryWeight: 0, failedChecks: 1, iterations: 0 } },
  ])('$name', ({ phase, expected }) => {
    expect(flagger.setStatusPhase(midAnalysis, phase, 10)).toEqual({ phase, ...expected });
  });
});

describe('syncStatus', () => {
  it.each<{ name: string; given: Parameters<typeof flagger.syncStatus>[0]; expected: FlaggerCanaryStatus }>([
    // flagger pkg/canary/deployment_status_test.go TestDeploymentController_SyncStatus.
    { name: 'progressing with 2 failed checks', given: { phase: 'progressing', failedChecks: 2 }, expected: { phase: 'progressing', canaryWeight: 0, failedChecks: 2, iterations: 0 } },
    // flagger pkg/controller/scheduler.go rollback and handleFailedPromotion, from the source.
    { name: 'rollback: failed, all counters 0', given: { phase: 'failed' }, expected: { phase: 'failed', canaryWeight: 0, failedChecks: 0, iterations: 0 } },
    { name: 'failed promotion: failed at weight 100', given: { phase: 'failed', canaryWeight: 100 }, expected: { phase: 'failed', canaryWeight: 100, failedChecks: 0, iterations: 0 } },
  ])('$name', ({ given, expected }) => {
    expect(flagger.syncStatus(given)).toEqual(expected);
  });
});
