import { describe, expect, it } from 'vitest';
import { flagger } from '../../../src/domain/physics';
import type { FlaggerConfig, FlaggerDeployment, ScaleFromZeroInput } from '../../../src/domain/physics/flagger';

// fluxcd/flagger pkg/apis/flagger/v1beta1/canary_test.go TestCanary_GetDeploymentStrategy.
describe('deploymentStrategy', () => {
  it.each<{ name: string; analysis: FlaggerConfig | undefined; expected: string }>([
    { name: 'canary strategy with maxWeight', analysis: { maxWeight: 30, stepWeight: 10 }, expected: 'canary' },
    { name: 'canary strategy with stepWeights', analysis: { stepWeights: [10, 20, 30] }, expected: 'canary' },
    { name: 'blue-green strategy with iterations', analysis: { iterations: 5 }, expected: 'blue-green' },
    { name: 'ab-testing strategy with iterations and match', analysis: { iterations: 10, match: true }, expected: 'ab-testing' },
    { name: 'default to canary when analysis is nil', analysis: undefined, expected: 'canary' },
    { name: 'default to canary when analysis is empty', analysis: {}, expected: 'canary' },
    // From the source (no upstream row): match without iterations is still a canary.
    { name: 'match without iterations is a canary', analysis: { match: true }, expected: 'canary' },
  ])('$name', ({ analysis, expected }) => {
    expect(flagger.deploymentStrategy(analysis)).toBe(expected);
  });
});

// fluxcd/flagger pkg/canary/deployment_ready_test.go TestDeploymentController_isDeploymentReady and
// TestDeploymentController_isDeploymentReady_readyThreshold. `now` is 100 s; times in ms.
describe('isDeploymentReady', () => {
  const now = 100_000;
  it.each<{ name: string; deployment: FlaggerDeployment; deadline: number; threshold: number; ready: boolean; retriable?: boolean; error?: string }>([
    { name: 'observed generation is less than desired generation', deployment: { status: { observedGeneration: -1 } }, deadline: 0, threshold: 100, ready: false, retriable: true, error: 'generation' },
    { name: 'ok', deployment: { status: { replicas: 1, updatedReplicas: 1, availableReplicas: 1 } }, deadline: 0, threshold: 100, ready: true, retriable: true },
    { name: 'old', deployment: { replicas: 2, status: { updatedReplicas: 1 } }, deadline: 0, threshold: 100, ready: false, error: 'new replicas' },
    { name: 'waiting for old replicas to be terminated', deployment: { status: { updatedReplicas: 1, replicas: 2 } }, deadline: 0, threshold: 100, ready: false, error: 'termination' },
    { name: 'waiting for updated ones to be available', deployment: { status: { updatedReplicas: 2, availableReplicas: 1 } }, deadline: 0, threshold: 100, ready: false, error: 'available' },
    { name: 'ProgressDeadlineExceeded', deployment: { status: { conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }] } }, deadline: 0, threshold: 100, ready: false, retriable: false, error: 'exceeded' },
    {
      name: 'deadline exceeded',
      deployment: { status: { updatedReplicas: 2, availableReplicas: 1, conditions: [{ type: 'Progressing' }, { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', lastUpdateTime: now - 10_000 }] } },
      deadline: 5,
      threshold: 100,
      ready: false,
      retriable: false,
    },
    { name: 'readyThreshold: observed generation is less than desired generation', deployment: { status: { observedGeneration: -1 } }, deadline: 0, threshold: 50, ready: false, retriable: true, error: 'generation' },
    { name: 'readyThreshold: ok', deployment: { status: { replicas: 1, updatedReplicas: 1, availableReplicas: 1 } }, deadline: 0, threshold: 50, ready: true, retriable: true },
    { name: 'readyThreshold: waiting for updated ones to be available, 50% is available, ok', deployment: { status: { updatedReplicas: 4, availableReplicas: 2 } }, deadline: 0, threshold: 50, ready: true, retriable: true },
    { name: 'readyThreshold: waiting for updated ones to be available, less than 50% available', deployment: { status: { updatedReplicas: 4, availableReplicas: 1 } }, deadline: 0, threshold: 50, ready: false, error: 'available' },
    // From the source (no upstream row):
    { name: 'a newer generation not yet observed', deployment: { generation: 3, status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1 } }, deadline: 600, threshold: 100, ready: false, retriable: true, error: 'generation' },
    {
      name: 'MinimumReplicasUnavailable still inside the deadline: retriable',
      deployment: { status: { updatedReplicas: 2, availableReplicas: 1, conditions: [{ type: 'Progressing' }, { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', lastUpdateTime: now - 10_000 }] } },
      deadline: 60,
      threshold: 100,
      ready: false,
      retriable: true,
    },
    { name: 'readyThreshold 33 of 10 updated in float32: 3.3 truncates to 3', deployment: { status: { updatedReplicas: 10, replicas: 10, availableReplicas: 3 } }, deadline: 0, threshold: 33, ready: true, retriable: true },
    { name: 'readyThreshold 70 of 10 updated: 7 needed, 6 are not enough', deployment: { status: { updatedReplicas: 10, replicas: 10, availableReplicas: 6 } }, deadline: 0, threshold: 70, ready: false, error: '6 of 7' },
    // float32: 0.53 is 0.52999997, times 100 is 52.999996, truncated 52; exact arithmetic would ask for 53.
    { name: 'readyThreshold 53 of 100 updated in float32: 52 needed, so 52 available pass', deployment: { status: { updatedReplicas: 100, replicas: 100, availableReplicas: 52 } }, deadline: 0, threshold: 53, ready: true, retriable: true },
  ])('$name', ({ deployment, deadline, threshold, ready, retriable, error }) => {
    const result = flagger.isDeploymentReady(deployment, deadline, threshold, now);
    expect(result.ready).toBe(ready);
    if (retriable !== undefined) expect(result.retriable).toBe(retriable);
    if (error !== undefined) expect(result.error).toContain(error);
    if (ready) expect(result.error).toBeUndefined();
  });
});

// fluxcd/flagger pkg/canary/deployment_controller.go ScaleFromZero, one row per branch (upstream has no table for it).
describe('scaleFromZero (the canary at detection)', () => {
  it.each<{ name: string; input: ScaleFromZeroInput; expected: number }>([
    { name: 'a positive canary spec.replicas', input: { canaryReplicas: 3, primaryReplicas: 5 }, expected: 3 },
    { name: 'canary at 0, no autoscaler: the primary replicas', input: { canaryReplicas: 0, primaryReplicas: 5 }, expected: 5 },
    { name: 'canary at 0, no autoscaler, primary at 0: 1', input: { canaryReplicas: 0, primaryReplicas: 0 }, expected: 1 },
    { name: 'HPA minReplicas 2 (the primary is not read)', input: { canaryReplicas: 0, primaryReplicas: 5, autoscaler: { kind: 'HorizontalPodAutoscaler', minReplicas: 2 } }, expected: 2 },
    { name: 'HPA minReplicas 1: 1', input: { canaryReplicas: 0, autoscaler: { kind: 'HorizontalPodAutoscaler', minReplicas: 1 } }, expected: 1 },
    { name: 'HPA that cannot be read: 1', input: { canaryReplicas: 0, primaryReplicas: 5, autoscaler: { kind: 'HorizontalPodAutoscaler' } }, expected: 1 },
    { name: 'KEDA ScaledObject minReplicaCount 4', input: { canaryReplicas: 0, autoscaler: { kind: 'ScaledObject', minReplicas: 4 } }, expected: 4 },
    { name: 'another autoscaler kind: 1', input: { canaryReplicas: 0, primaryReplicas: 5, autoscaler: { kind: 'Other', minReplicas: 4 } }, expected: 1 },
    { name: 'nothing known: 1', input: {}, expected: 1 },
  ])('$name', ({ input, expected }) => {
    expect(flagger.scaleFromZero(input)).toBe(expected);
  });
});
