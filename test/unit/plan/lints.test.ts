import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { exactReplicas } from '../../../src/domain/plan/lints';
import { yaml } from './helpers';

/** Lint findings (code starting with "lint.") as a user sees them: line, message and fix. */
function lintsOf(text: string) {
  return parsePlan(text, 'test.release.yaml')
    .diagnostics.filter((d) => d.code.startsWith('lint.'))
    .map((d) => ({ line: d.range.start.line, severity: d.severity, message: d.message, fix: d.fix?.message }));
}

const canary = (replicas: number, ...lines: string[]) => yaml('service: checkout', `replicas: ${replicas}`, 'strategy:', '  canary:', ...lines.map((l) => `    ${l}`));

describe('lints', () => {
  it.each([
    {
      name: 'a 10% canary of 3 replicas without traffic routing gets 33%',
      text: canary(3, 'trafficRouting: false', 'maxSurge: 0', 'maxUnavailable: 1', 'steps:', '  - setWeight: 10', '  - pause: {}'),
      expected: [{ line: 9, severity: 'warning', message: 'strategy.canary.steps[0].setWeight: 10% of 3 replicas cannot be met without traffic routing: the canary gets 1 of 3 instances, 33% of traffic', fix: 'Run 10 replicas (every weight is then exact), or set trafficRouting: true so a router splits traffic by weight' }],
    },
    {
      name: 'a canary of 1 replica with no surge and no routing cannot start',
      text: canary(1, 'trafficRouting: false', 'maxSurge: 0', 'maxUnavailable: 1', 'steps:', '  - setWeight: 20', '  - pause: {}'),
      expected: [{ line: 9, severity: 'warning', message: 'strategy.canary.steps[0].setWeight: the canary cannot start: with 1 replica, maxSurge 0 and no traffic routing, setWeight 20 gives 0 canary and 1 stable instances; no instance of the new version starts', fix: 'Set trafficRouting: true, or allow one extra instance with maxSurge: 1, or run more replicas' }],
    },
    {
      name: 'fixed batches under engine kubernetes, which has none',
      text: yaml('service: checkout', 'engine: kubernetes', 'replicas: 6', 'strategy:', '  rolling:', '    batchSize: 2'),
      expected: [{ line: 6, severity: 'warning', message: 'strategy.rolling.batchSize: engine kubernetes has no fixed-size batches: a Deployment rolls by maxSurge/maxUnavailable, so this plan is simulated with fleet batches, not what Kubernetes would do', fix: 'Use maxSurge: 0 and maxUnavailable: 2 for the same batches, or set engine: fleet' }],
    },
    {
      name: 'a promotion delay while automatic promotion is off (upstream: autoPromotionSeconds is read only when autoPromotionEnabled is true)',
      text: yaml('service: checkout', 'strategy:', '  blueGreen:', '    autoPromotionEnabled: false', '    autoPromotionSeconds: 60'),
      expected: [{ line: 5, severity: 'warning', message: 'strategy.blueGreen.autoPromotionSeconds: autoPromotionSeconds does nothing while autoPromotionEnabled is false: the release waits at the preview for an operator to promote it', fix: 'Remove autoPromotionSeconds, or set autoPromotionEnabled: true to promote that many seconds after the preview is ready' }],
    },
    {
      name: 'an A/B test\'s winner, which no engine reads',
      text: yaml('service: checkout', 'strategy:', '  abTest:', '    match: [{ headers: { x-b: { exact: "1" } } }]', '    winner: { metric: errorRate }'),
      expected: [{ line: 5, severity: 'warning', message: 'strategy.abTest.winner: winner is not used: an A/B test promotes the candidate when its gates pass every iteration, and rolls back after threshold failed checks; no engine picks a winner by comparing versions', fix: 'Remove winner, and judge the candidate with a gate in abTest.analysis' }],
    },
    {
      name: 'the same weights with traffic routing are exact',
      text: canary(3, 'steps:', '  - setWeight: 10', '  - pause: {}'),
      expected: [],
    },
    {
      name: 'analysis before any setWeight has no traffic to measure',
      text: yaml(
        'service: checkout',
        'strategy:',
        '  canary:',
        '    steps:',
        '      - analysis: { templates: [errors] }',
        '      - setWeight: 50',
        'analysis:',
        '  - { name: errors, metric: errorRate, count: 2, failureCondition: result > 0.05 }',
      ),
      expected: [{ line: 5, severity: 'warning', message: 'strategy.canary.steps[0].analysis: analysis errors runs before any setWeight: no user traffic reaches the new version yet, so the gate measures only test traffic (previewRps in a simulation, often nothing in production)', fix: 'Move this step after a setWeight step' }],
    },
    {
      name: 'blue-green pre-promotion analysis with previewRps 0',
      text: yaml(
        'service: checkout',
        'strategy:',
        '  blueGreen:',
        '    prePromotionAnalysis: { templates: [errors] }',
        'analysis:',
        '  - { name: errors, metric: errorRate, count: 2, failureCondition: result > 0.05 }',
        'scenarios:',
        '  quiet:',
        '    traffic: { rps: 100, previewRps: 0 }',
      ),
      expected: [{ line: 9, severity: 'warning', message: 'scenarios.quiet.traffic.previewRps: previewRps 0 sends no test traffic to the preview, so prePromotionAnalysis (errors) has nothing to measure before promotion', fix: 'Send some test traffic to the preview' }],
    },
    {
      name: 'background analysis whose initialDelay comes after the steps end',
      text: yaml(
        'service: checkout',
        'strategy:',
        '  canary:',
        '    analysis: { templates: [errors] }',
        '    steps:',
        '      - setWeight: 50',
        '      - pause: { duration: 2m }',
        'analysis:',
        '  - name: errors',
        '    metric: errorRate',
        '    initialDelay: 5m',
        '    failureCondition: result > 0.05',
      ),
      expected: [{ line: 11, severity: 'warning', message: "analysis[0].initialDelay: background gate errors first measures at 6m, but the canary's timed steps end after 2m: it never measures; the release pauses when the steps end, since a gate without a successful measurement is inconclusive", fix: 'Bring initialDelay + interval under 2m, or lengthen the pauses' }],
    },
    {
      name: 'background analysis that never measures under Argo Rollouts, which passes it',
      text: yaml(
        'service: checkout',
        'engine: argo-rollouts',
        'replicas: 4',
        'strategy:',
        '  canary:',
        '    analysis: { templates: [errors] }',
        '    steps:',
        '      - setWeight: 50',
        '      - pause: { duration: 30s }',
        'analysis:',
        '  - name: errors',
        '    metric: errorRate',
        '    failureCondition: result > 0.05',
      ),
      expected: [{ line: 11, severity: 'warning', message: "analysis[0].interval: background gate errors first measures at 1m, but the canary's timed steps end after 30s: it never measures; Argo Rollouts calls such an analysis Successful when the steps end, so it promotes unmeasured (a run by Switchyard pauses there instead)", fix: 'Bring initialDelay + interval under 30s, or lengthen the pauses' }],
    },
    {
      name: 'a Flagger loop that checks before the gate has measured',
      text: yaml(
        'service: checkout',
        'engine: flagger',
        'strategy:',
        '  canary:',
        '    stepWeight: 20',
        '    interval: 30s',
        '    threshold: 2',
        '    analysis: { templates: [errors] }',
        'analysis:',
        '  - { name: errors, metric: errorRate, interval: 1m, failureCondition: result > 0.05 }',
      ),
      expected: [{ line: 10, severity: 'warning', message: 'analysis[0].interval: gate errors first has a result after 1m, but canary checks every 30s: the first checks find nothing measured', fix: 'Measure at least every 30s' }],
    },
    {
      name: 'threshold × interval beyond the progress deadline',
      text: yaml('service: checkout', 'engine: flagger', 'strategy:', '  canary:', '    stepWeight: 20', '    interval: 3m', '    threshold: 5', 'policy:', '  progressDeadlineSeconds: 600'),
      expected: [{ line: 7, severity: 'warning', message: 'strategy.canary.threshold: threshold 5 × interval 3m = 15m before a failing release rolls back, beyond progressDeadlineSeconds 600 (10m)', fix: 'Use threshold: 3, or raise progressDeadlineSeconds to 900' }],
    },
    {
      name: 'a progress deadline shorter than a slow boot',
      text: yaml(
        'service: checkout',
        'strategy:',
        '  rolling: {}',
        'checks: { minReadySeconds: 10 }',
        'policy:',
        '  progressDeadlineSeconds: 60',
        'scenarios:',
        '  slow:',
        '    faults: [{ at: 0s, kind: slowBoot, for: 5m, factor: 4 }]',
      ),
      expected: [{ line: 6, severity: 'warning', message: 'policy.progressDeadlineSeconds: 60s is shorter than new instances need to become ready in scenario slow: up to 15s × slowBoot 4 to boot + 10s minReadySeconds; the release fails while they start', fix: 'Allow 120s' }],
    },
    {
      // Flagger's GetAnalysisInterval reads anything under 10 s as 10 s.
      name: 'a Flagger analysis interval under 10s',
      text: yaml('service: checkout', 'engine: flagger', 'strategy:', '  canary:', '    interval: 5s', '    stepWeight: 50'),
      expected: [{ line: 5, severity: 'warning', message: 'strategy.canary.interval: Flagger reads an analysis interval under 10s as 10s, so its checks would come every 10s, not every 5s as this rehearsal runs them', fix: 'Use interval: 10s' }],
    },
    {
      name: 'a Flagger analysis interval of 10s',
      text: yaml('service: checkout', 'engine: flagger', 'strategy:', '  canary:', '    interval: 10s', '    stepWeight: 50'),
      expected: [],
    },
    {
      // Under engine kubernetes the deadline is only reported (the Deployment controller never rolls back).
      name: 'a progress deadline shorter than a slow boot, under engine kubernetes',
      text: yaml('service: checkout', 'engine: kubernetes', 'strategy:', '  rolling: {}', 'policy:', '  progressDeadlineSeconds: 60', 'scenarios:', '  slow:', '    faults: [{ at: 0s, kind: slowBoot, for: 5m, factor: 8 }]'),
      expected: [{ line: 6, severity: 'warning', message: 'policy.progressDeadlineSeconds: 60s is shorter than new instances need to become ready in scenario slow: up to 15s × slowBoot 8 to boot + 0s minReadySeconds; the Deployment is reported as past its progress deadline while they start (it never rolls back)', fix: 'Allow 180s' }],
    },
    {
      name: 'a progress deadline shorter than a slow boot, under engine argo-rollouts without progressDeadlineAbort',
      text: yaml('service: checkout', 'engine: argo-rollouts', 'strategy:', '  canary: { steps: [{ setWeight: 50 }] }', 'policy:', '  progressDeadlineSeconds: 60', 'scenarios:', '  slow:', '    faults: [{ at: 0s, kind: slowBoot, for: 5m, factor: 8 }]'),
      expected: [{ line: 6, severity: 'warning', message: 'policy.progressDeadlineSeconds: 60s is shorter than new instances need to become ready in scenario slow: up to 15s × slowBoot 8 to boot + 0s minReadySeconds; Argo Rollouts marks the Rollout Degraded while they start (it aborts only with progressDeadlineAbort: true)', fix: 'Allow 180s' }],
    },
  ])('$name', ({ text, expected }) => {
    expect(lintsOf(text)).toEqual(expected);
  });

  it('should keep maxSurge and maxUnavailable both 0 an error with a fix', () => {
    const diagnostics = parsePlan(canary(3, 'maxSurge: 0', 'maxUnavailable: 0', 'steps:', '  - setWeight: 10'), 'x').diagnostics;
    expect(diagnostics.find((d) => d.code === 'plan.noProgress')).toMatchObject({ severity: 'error', range: { start: { line: 5 } }, fix: { replacement: '1' } });
  });

  it.each([
    { name: 'tens and quarters need 20', weights: [10, 25, 50], from: 3, expected: 20 },
    { name: 'already exact stays', weights: [10, 50], from: 30, expected: 30 },
    { name: 'a third needs 100', weights: [33], from: 3, expected: 100 },
  ])('exactReplicas: $name', ({ weights, from, expected }) => {
    expect(exactReplicas(weights, from)).toBe(expected);
  });
});
