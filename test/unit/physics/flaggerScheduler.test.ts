import { describe, expect, it } from 'vitest';
import { flagger } from '../../../src/domain/physics';
import type { DeploymentReadiness, FlaggerConfig, FlaggerInterval, FlaggerState } from '../../../src/domain/physics/flagger';

// The scheduler's interval-ending branches, run through flaggerStep: each row starts from a state,
// feeds it intervals, and checks the state after each. The upstream fixtures analyse with
// stepWeight 10, maxWeight 50, threshold 10 and a primary of 1 replica.
const FIXTURE: FlaggerConfig = { stepWeight: 10, maxWeight: 50, threshold: 10, replicas: { canaryReplicas: 0, primaryReplicas: 1 } };
const ok: FlaggerInterval = { checksPassed: true };
const newRevision: FlaggerInterval = { checksPassed: true, changes: { targetChanged: true, dependenciesChanged: false } };
const newConfig: FlaggerInterval = { checksPassed: true, changes: { targetChanged: false, dependenciesChanged: true } };
const stuck: DeploymentReadiness = { ready: false, retriable: false, error: 'progress deadline exceeded' };
const rollingOut: DeploymentReadiness = { ready: false, retriable: true, error: 'waiting for rollout to finish' };

const at = (state: Partial<FlaggerState>): FlaggerState => ({ ...flagger.FLAGGER_INITIAL_STATE, phase: 'progressing', canaryReplicas: 1, ...state });

function run(config: FlaggerConfig, start: FlaggerState, intervals: readonly FlaggerInterval[]): FlaggerState[] {
  const states: FlaggerState[] = [];
  let state = start;
  for (const interval of intervals) {
    state = flagger.flaggerStep(state, config, interval);
    states.push(state);
  }
  return states;
}

interface Row {
  name: string;
  config?: FlaggerConfig;
  start?: FlaggerState;
  intervals: FlaggerInterval[];
  expected: Partial<FlaggerState>[];
}

const check = ({ config = FIXTURE, start = flagger.FLAGGER_INITIAL_STATE, intervals, expected }: Row): void => {
  const states = run(config, start, intervals);
  expect(states).toHaveLength(expected.length);
  expected.forEach((want, index) => expect(states[index]).toMatchObject(want));
};

describe('flaggerStep: a new revision during the analysis', () => {
  it.each<Row>([
    {
      // flagger pkg/controller/scheduler_deployment_test.go TestScheduler_DeploymentNewRevisionReset
      // (and scheduler_daemonset_test.go TestScheduler_DaemonSetNewRevisionReset): 90/10, then a second update, 100/0.
      name: 'a second update sends all traffic back to the primary',
      intervals: [ok, ok, newRevision],
      expected: [{ phase: 'progressing', canaryWeight: 0 }, { canaryWeight: 10 }, { phase: 'progressing', canaryWeight: 0, mirrored: false, statusWeight: 0 }],
    },
    {
      // flagger TestScheduler_DeploymentPromotion ("detect configs changes"): a ConfigMap and a Secret updated.
      name: 'a tracked config change restarts the analysis too',
      start: at({ canaryWeight: 20, statusWeight: 20 }),
      intervals: [newConfig],
      expected: [{ phase: 'progressing', canaryWeight: 0, statusWeight: 0 }],
    },
    // From the source (pkg/controller/scheduler.go, the hasCanaryRevisionChanged branch), no upstream row:
    {
      name: 'failed checks and iterations start over; the canary keeps its replicas',
      config: { iterations: 5, mirror: true, threshold: 3 },
      start: at({ mirrored: true, failedChecks: 2, iterations: 3, canaryReplicas: 4 }),
      intervals: [newRevision, ok],
      expected: [
        { phase: 'progressing', canaryWeight: 0, mirrored: false, failedChecks: 0, iterations: 0, canaryReplicas: 4 },
        // The next interval runs the analysis from its start again: mirroring, iteration 1.
        { mirrored: true, iterations: 1 },
      ],
    },
    {
      name: 'the restart comes before the canary readiness check',
      start: at({ canaryWeight: 30, statusWeight: 30 }),
      intervals: [{ ...newRevision, canaryReadiness: stuck }],
      expected: [{ phase: 'progressing', canaryWeight: 0, canaryReplicas: 1 }],
    },
    {
      name: 'a primary still rolling out holds the restart for the interval',
      start: at({ canaryWeight: 30, statusWeight: 30 }),
      intervals: [{ ...newRevision, primaryReadiness: rollingOut }, newRevision],
      expected: [{ canaryWeight: 30 }, { canaryWeight: 0 }],
    },
    {
      // The change keeps differing from the recorded spec, so it is passed on every interval until acted on.
      name: 'while promoting a change waits, then starts a new analysis once succeeded',
      config: { ...FIXTURE, replicas: { canaryReplicas: 2 } },
      start: at({ phase: 'promoting', canaryWeight: 50, statusWeight: 50, canaryReplicas: 2 }),
      intervals: [newRevision, newRevision, newRevision],
      expected: [
        { phase: 'finalising', canaryWeight: 0, canaryReplicas: 2 },
        { phase: 'succeeded', canaryReplicas: 0 },
        { phase: 'progressing', canaryWeight: 0, canaryReplicas: 2 },
      ],
    },
    {
      name: 'after a rollback only a new revision starts again',
      start: at({ phase: 'failed', canaryReplicas: 0 }),
      intervals: [ok, newConfig],
      expected: [{ phase: 'failed', canaryReplicas: 0 }, { phase: 'progressing', canaryReplicas: 1 }],
    },
  ])('$name', (row) => check(row));
});

describe('flaggerStep: skipAnalysis', () => {
  const skip: FlaggerConfig = { ...FIXTURE, skipAnalysis: true };
  it.each<Row>([
    {
      // flagger TestScheduler_DeploymentSkipAnalysis (and TestScheduler_DaemonSetSkipAnalysis): detect, advance, succeeded.
      name: 'detection, then promotion in one interval',
      config: skip,
      intervals: [ok, ok],
      expected: [{ phase: 'progressing', canaryWeight: 0, canaryReplicas: 1 }, { phase: 'succeeded', canaryWeight: 0, statusWeight: 0, canaryReplicas: 0 }],
    },
    // From the source (pkg/controller/scheduler.go shouldSkipAnalysis), no upstream row:
    {
      name: 'turned on mid-analysis: traffic back to the primary, promoted',
      config: skip,
      start: at({ canaryWeight: 30, statusWeight: 30, failedChecks: 1 }),
      intervals: [ok],
      expected: [{ phase: 'succeeded', canaryWeight: 0, statusWeight: 0, failedChecks: 1, canaryReplicas: 0 }],
    },
    { name: 'failing checks are not run', config: skip, start: at({}), intervals: [{ checksPassed: false }], expected: [{ phase: 'succeeded' }] },
    { name: 'also ends a stepped promotion', config: { ...skip, stepWeightPromotion: 10 }, start: at({ phase: 'promoting', canaryWeight: 50 }), intervals: [ok], expected: [{ phase: 'succeeded', canaryWeight: 0 }] },
    { name: 'the primary is not checked', config: skip, start: at({}), intervals: [{ ...ok, primaryReadiness: stuck }], expected: [{ phase: 'succeeded' }] },
    { name: 'a canary still rolling out is waited for', config: skip, start: at({}), intervals: [{ ...ok, canaryReadiness: rollingOut }, ok], expected: [{ phase: 'progressing' }, { phase: 'succeeded' }] },
    { name: 'a stuck canary is rolled back', config: skip, start: at({}), intervals: [{ ...ok, canaryReadiness: stuck }], expected: [{ phase: 'failed', canaryReplicas: 0 }] },
  ])('$name', (row) => check(row));
});

describe('flaggerStep: a stuck primary', () => {
  it.each<Row>([
    {
      // flagger TestScheduler_DeploymentPromotionPrimaryNotReady: promoting at 50/50, the primary stuck.
      name: 'while promoting: all traffic to the canary, failed, canary kept',
      start: at({ phase: 'promoting', canaryWeight: 50, statusWeight: 50 }),
      intervals: [{ ...ok, primaryReadiness: stuck }],
      expected: [{ phase: 'failed', canaryWeight: 100, statusWeight: 100, canaryReplicas: 1 }],
    },
    {
      // flagger TestScheduler_DeploymentPromotionFailedAfterTrafficShift: finalising at 100/0.
      name: 'while finalising, after the traffic shift: back to the canary',
      start: at({ phase: 'finalising', canaryWeight: 0 }),
      intervals: [{ ...ok, primaryReadiness: stuck }],
      expected: [{ phase: 'failed', canaryWeight: 100, statusWeight: 100, canaryReplicas: 1 }],
    },
    // From the source (pkg/controller/scheduler.go advanceCanary, the IsPrimaryReady branch), no upstream row:
    {
      name: 'while progressing: rolled back, canary scaled to zero',
      start: at({ canaryWeight: 30, statusWeight: 30 }),
      intervals: [{ ...ok, primaryReadiness: stuck }],
      expected: [{ phase: 'failed', canaryWeight: 0, statusWeight: 0, canaryReplicas: 0 }],
    },
    {
      name: 'still rolling out while promoting: wait',
      start: at({ phase: 'promoting', canaryWeight: 50, statusWeight: 50 }),
      intervals: [{ ...ok, primaryReadiness: rollingOut }],
      expected: [{ phase: 'promoting', canaryWeight: 50 }],
    },
    {
      name: 'a failed promotion stays failed, serving from the canary',
      start: at({ phase: 'promoting', canaryWeight: 50 }),
      intervals: [{ ...ok, primaryReadiness: stuck }, ok],
      expected: [{ phase: 'failed', canaryWeight: 100 }, { phase: 'failed', canaryWeight: 100, canaryReplicas: 1 }],
    },
    {
      // Only the primary gets the failed-promotion branch: a stuck canary rolls back in any phase.
      name: 'a stuck canary while promoting is rolled back',
      start: at({ phase: 'promoting', canaryWeight: 50, statusWeight: 50 }),
      intervals: [{ ...ok, canaryReadiness: stuck }],
      expected: [{ phase: 'failed', canaryWeight: 0, canaryReplicas: 0 }],
    },
    {
      // Detection leaves the router alone, so the next revision starts from the canary's 100.
      name: 'a new revision after a failed promotion keeps the routes',
      start: at({ phase: 'failed', canaryWeight: 100, statusWeight: 100 }),
      intervals: [newRevision],
      expected: [{ phase: 'progressing', canaryWeight: 100, statusWeight: 0 }],
    },
  ])('$name', (row) => check(row));

  it('should roll back once failed checks reach the threshold, rewriting the status whole', () => {
    // flagger TestScheduler_DeploymentRollback: failed checks set to 10 (the threshold), then advance.
    check({ name: 'rollback', start: at({ failedChecks: 10, canaryWeight: 10, statusWeight: 10 }), intervals: [{ checksPassed: false }, ok], expected: [{ phase: 'failed', canaryWeight: 0, failedChecks: 0, canaryReplicas: 0 }, { phase: 'failed' }] });
  });
});

describe('flaggerStep: the canary at detection', () => {
  it.each<{ name: string; replicas: FlaggerConfig['replicas']; expected: number }>([
    // flagger TestScheduler_DeploymentNewRevision: scaled to zero at initialization, 1 (the primary's) at detection.
    { name: 'the primary replicas', replicas: { canaryReplicas: 0, primaryReplicas: 1 }, expected: 1 },
    // From the source (pkg/canary/deployment_controller.go ScaleFromZero, see scaleFromZero's table):
    { name: 'its own spec.replicas', replicas: { canaryReplicas: 4, primaryReplicas: 2 }, expected: 4 },
    { name: 'HPA minReplicas', replicas: { canaryReplicas: 0, primaryReplicas: 6, autoscaler: { kind: 'HorizontalPodAutoscaler', minReplicas: 3 } }, expected: 3 },
    { name: 'nothing known: 1', replicas: undefined, expected: 1 },
  ])('$name', ({ replicas, expected }) => {
    const config: FlaggerConfig = { stepWeight: 10, ...(replicas === undefined ? {} : { replicas }) };
    expect(flagger.FLAGGER_INITIAL_STATE.canaryReplicas).toBe(0);
    expect(flagger.flaggerStep(flagger.FLAGGER_INITIAL_STATE, config, ok).canaryReplicas).toBe(expected);
  });
});

describe('flaggerTimeline: the status weight apart from the router', () => {
  const weights = (config: FlaggerConfig): string[] => flagger.flaggerTimeline(config).map((e) => `${e.phase} router ${e.canaryWeight}${e.mirrored ? 'm' : ''} status ${e.statusWeight}`);
  it.each<{ name: string; config: FlaggerConfig; expected: string[] }>([
    {
      // flagger TestScheduler_DeploymentAnalysisPhases: status weights 0, 100, 100, 50, 0, 0.
      name: 'stepWeight 100, stepWeightPromotion 50',
      config: { stepWeight: 100, stepWeightPromotion: 50 },
      expected: ['progressing router 0 status 0', 'progressing router 100 status 100', 'promoting router 100 status 100', 'promoting router 50 status 50', 'finalising router 0 status 0', 'succeeded router 0 status 0'],
    },
    {
      // flagger TestScheduler_DeploymentBlueGreenAnalysisPhases gives the phases; the weights are from the source: runBlueGreen never writes the status weight.
      name: 'blue-green: the router sends all to the canary, the status says 0',
      config: { iterations: 1 },
      expected: ['progressing router 0 status 0', 'progressing router 0 status 0', 'progressing router 100 status 0', 'promoting router 100 status 0', 'finalising router 0 status 0', 'succeeded router 0 status 0'],
    },
    {
      // flagger TestScheduler_DeploymentABTesting gives the router's 0/100; the status weight is from the source.
      name: 'A/B: the matched traffic on the canary, the status says 0',
      config: { iterations: 1, match: true },
      expected: ['progressing router 0 status 0', 'progressing router 100 status 0', 'promoting router 100 status 0', 'finalising router 0 status 0', 'succeeded router 0 status 0'],
    },
    {
      // flagger TestScheduler_DeploymentMirroring gives the routes 100/0 mirrored, then 90/10.
      name: 'mirroring: status 0 while mirrored, then the weight',
      config: { stepWeight: 10, maxWeight: 10, mirror: true },
      expected: ['progressing router 0 status 0', 'progressing router 0m status 0', 'progressing router 10 status 10', 'promoting router 10 status 10', 'finalising router 0 status 0', 'succeeded router 0 status 0'],
    },
  ])('$name', ({ config, expected }) => {
    expect(weights(config)).toEqual(expected);
  });

  it('should show an interval that waits for a rollout, then go on', () => {
    const entries = flagger.flaggerTimeline({ stepWeight: 50 }, (n) => (n === 2 ? { checksPassed: true, canaryReadiness: rollingOut } : true));
    expect(entries.map((e) => `${e.interval}:${e.phase}:${e.canaryWeight}`)).toEqual(['1:progressing:0', '2:progressing:0', '3:progressing:50', '4:progressing:100', '5:promoting:100', '6:finalising:0', '7:succeeded:0']);
  });
});
