import { describe, expect, it } from 'vitest';
import { argoRollouts, flagger } from '../../../src/domain/physics';
import { abTestMachine, canaryMachine, describeSteps, initialContext, machineFor, shadowMachine } from '../../../src/domain/strategies/index';
import { argoBlueGreenReplicas } from '../../../src/domain/strategies/engines/argoBlueGreen';
import { flaggerCanaryReplicas } from '../../../src/domain/strategies/engines/flaggerCanary';
import { stepsFor } from '../../../src/domain/strategies/steps';
import { planFixture, runStrategy } from './driver';

const gates = [{ name: 'error-rate', metric: 'errorRate' as const, count: 1 }];
const match = [{ headers: { 'x-canary': { exact: 'yes' } } }];

describe('engine argo-rollouts: blue-green preview counts', () => {
  const rows: { name: string; replicas: number; previewReplicaCount?: number; preview: number; promoted: number }[] = [
    { name: 'no previewReplicaCount: the new set starts at full size', replicas: 5, preview: 5, promoted: 5 },
    { name: 'previewReplicaCount 1 of 5: small preview, full before the switch', replicas: 5, previewReplicaCount: 1, preview: 1, promoted: 5 },
    { name: 'previewReplicaCount equal to replicas', replicas: 4, previewReplicaCount: 4, preview: 4, promoted: 4 },
    { name: 'previewReplicaCount above replicas: Argo does not clamp it', replicas: 3, previewReplicaCount: 5, preview: 5, promoted: 3 },
  ];

  it.each(rows)('$name', ({ replicas, previewReplicaCount, preview, promoted }) => {
    expect(argoBlueGreenReplicas(replicas, previewReplicaCount)).toEqual({ preview, promoted });
    // The same numbers straight from the physics function, at the two checkpoints.
    const active = { name: 'v1', replicas, availableReplicas: replicas };
    const next = { name: 'v2', replicas: 0, availableReplicas: 0 };
    const status = { activeSelector: 'v1', currentPodHash: 'v2' };
    expect(argoRollouts.newRSNewReplicasForBlueGreen({ replicas }, previewReplicaCount, status, next, [active, next])).toBe(preview);
    expect(argoRollouts.newRSNewReplicasForBlueGreen({ replicas }, previewReplicaCount, { ...status, scaleUpPreviewCheckPoint: true }, next, [active, next])).toBe(promoted);
    const plan = planFixture({ engine: 'argo-rollouts', replicas, strategy: { blueGreen: previewReplicaCount === undefined ? {} : { previewReplicaCount } } });
    expect(initialContext(plan, 'blueGreen').provisionReplicas).toBe(preview);
  });

  it('should run the preview at its count and scale to full when promoting', () => {
    const plan = planFixture({ engine: 'argo-rollouts', replicas: 5, strategy: { blueGreen: { previewReplicaCount: 1, scaleDownDelaySeconds: 0 } } });
    const run = runStrategy(machineFor('blueGreen'), plan);
    expect(run.status()).toBe('promoted');
    expect(run.trace()).toEqual(['provision candidate 1', 'checkHealth candidate 1', 'scale candidate 5', 'checkHealth candidate 5', 'setTraffic 100', 'scale stable 0']);
  });
});

describe('engine flagger: iterations from the analysis loop', () => {
  /** Checked intervals Flagger runs when every check passes: progressing entries after detection and the pre-rollout interval. */
  const checkedIntervals = (config: flagger.FlaggerConfig): number => flagger.flaggerTimeline(config).filter((entry) => entry.phase === 'progressing').length - 1;

  it('should run A/B as a pre-rollout interval, the header route, then one check per iteration', () => {
    const plan = planFixture({ engine: 'flagger', replicas: 3, analysis: gates, strategy: { abTest: { match, iterations: 3, interval: '1m', analysis: { templates: ['error-rate'] } } } });
    const steps = stepsFor(plan, 'abTest');
    expect(steps.map((step) => step.kind)).toEqual(['pause', 'setHeaderRoute', 'check', 'check', 'check']);
    expect(steps.filter((step) => step.kind === 'check')).toHaveLength(checkedIntervals({ iterations: 3, match: true }));
    const run = runStrategy(abTestMachine, plan);
    for (let minute = 0; minute < 4; minute++) run.advance(60_000);
    // Flagger promotes at the last check's tick, routes to the primary at the next and reads Succeeded at the one after: was promoted after 4 minutes.
    expect(run.status()).toBe('promoting');
    for (let minute = 0; minute < 2; minute++) run.advance(60_000);
    expect(run.status()).toBe('promoted');
    expect(run.trace().slice(0, 3)).toEqual(['provision candidate 3', 'checkHealth candidate 3', 'setTraffic 0 +headers']);
  });

  it('should run shadow as blue-green with mirroring: mirrored iterations, then all traffic for one interval', () => {
    const plan = planFixture({ engine: 'flagger', replicas: 2, analysis: gates, strategy: { shadow: { mirrorPercent: 100, iterations: 2, interval: '1m', analysis: { templates: ['error-rate'] } } } });
    expect(describeSteps(plan).map((step) => step.label)).toEqual([
      'pause 1m',
      'setMirrorRoute shadow 100%',
      'check 1/3 error-rate after 1m',
      'check 2/3 error-rate after 1m',
      'setMirrorRoute shadow 0%',
      // Changed with the Canary status weight (issue 11): Flagger's blue-green moves the router to
      // 100 but never writes status.canaryWeight, which stays 0, and the label now says so.
      'setWeight 100% → canary 2, stable 2 (status reports 0%)',
      'check 3/3 error-rate after 1m',
    ]);
    expect(checkedIntervals({ iterations: 2, mirror: true })).toBe(3);
    const run = runStrategy(shadowMachine, plan);
    // Two more intervals after the last check: Flagger's promoting and finalising ticks (was promoted after 4 minutes).
    for (let minute = 0; minute < 6; minute++) run.advance(60_000);
    expect(run.status()).toBe('promoted');
    // The router takes the weight as given (both Deployments are at full size), not from replica counts.
    expect(run.trace().filter((call) => call.startsWith('setTraffic'))).toEqual(['setTraffic 0 +mirror 100', 'setTraffic 0 +mirror 0', 'setTraffic 100 +mirror 0']);
  });

  it("should run blue-green with Flagger's default 10 iterations on a full-size canary", () => {
    const plan = planFixture({ engine: 'flagger', replicas: 4, analysis: gates, strategy: { blueGreen: { previewReplicaCount: 1, prePromotionAnalysis: { templates: ['error-rate'] } } } });
    const steps = stepsFor(plan, 'blueGreen');
    expect(steps.map((step) => step.kind)).toEqual(['pause', ...Array<string>(10).fill('check'), 'setWeight', 'check']);
    expect(steps.filter((step) => step.kind === 'check')).toHaveLength(checkedIntervals({ iterations: 10 }));
    expect(initialContext(plan, 'blueGreen').provisionReplicas).toBe(4);
  });

  it('should show that the Canary status reports 0% while blue-green sends all traffic to the canary', () => {
    const plan = planFixture({ engine: 'flagger', replicas: 3, analysis: gates, strategy: { blueGreen: { prePromotionAnalysis: { templates: ['error-rate'] } } } });
    const switched = stepsFor(plan, 'blueGreen').find((step) => step.kind === 'setWeight');
    expect(switched).toEqual({ kind: 'setWeight', weight: 100, candidateReplicas: 3, stableReplicas: 3, reportedWeight: 0 });
    expect(describeSteps(plan).map((step) => step.label)).toContain('setWeight 100% → canary 3, stable 3 (status reports 0%)');
    // A canary's status follows its weight, so its labels carry no note.
    const canary = planFixture({ engine: 'flagger', replicas: 3, strategy: { canary: { stepWeight: 50, interval: '1m' } } });
    expect(describeSteps(canary).map((step) => step.label).filter((label) => label.includes('status reports'))).toEqual([]);
  });

  it.each([
    // flagger pkg/controller/scheduler_deployment_test.go TestScheduler_DeploymentNewRevision: the canary takes the primary's count.
    { replicas: 4, canary: 4 },
    // From the source (ScaleFromZero): never below 1.
    { replicas: 0, canary: 1 },
  ])('should size the canary on detection as Flagger does: primary $replicas, canary $canary', ({ replicas, canary }) => {
    expect(flaggerCanaryReplicas(replicas)).toBe(canary);
    expect(flagger.scaleFromZero({ canaryReplicas: 0, primaryReplicas: replicas })).toBe(canary);
  });
});

describe('argo-rollouts: weight going down', () => {
  it('should wait for the stable pods it adds before the canary shrinks', () => {
    const plan = planFixture({ engine: 'argo-rollouts', replicas: 10, strategy: { canary: { dynamicStableScale: true, steps: [{ setWeight: 50 }, { setWeight: 20 }] } } });
    const run = runStrategy(canaryMachine, plan);
    expect(run.status()).toBe('promoted');
    const trace = run.trace();
    const second = trace.indexOf('scale stable 8');
    expect(trace.slice(second, second + 5)).toEqual(['scale stable 8', 'checkHealth stable 8', 'scale candidate 2', 'checkHealth candidate 2', 'setTraffic 20']);
  });
});
