import { describe, expect, it } from 'vitest';
import { converted, deployment, flaggerCanary, notesOf, planOf, stream, yaml } from './helpers';

// Each row restates an upstream example or field of Flagger (artifacts/examples, docs/gitbook) or
// of a Kubernetes Deployment as the plan it rehearses as.

const BUILT_IN_METRICS = ['metrics:', '- name: request-success-rate', '  thresholdRange: {min: 99}', '  interval: 1m', '- name: request-duration', '  thresholdRange: {max: 500}', '  interval: 30s'];

describe('a Flagger Canary', () => {
  it.each([
    ['artifacts/examples/istio-canary.yaml: stepWeight up to maxWeight', ['interval: 15s', 'threshold: 10', 'maxWeight: 50', 'stepWeight: 5'], { canary: { stepWeight: 5, maxWeight: 50, interval: 15_000, threshold: 10 } }],
    ['artifacts/examples/linkerd-canary-steps.yaml: stepWeights', ['interval: 15s', 'threshold: 10', 'stepWeights: [5, 10, 15, 20, 25, 35, 45, 60, 75]'], { canary: { stepWeights: [5, 10, 15, 20, 25, 35, 45, 60, 75], interval: 15_000, threshold: 10 } }],
    [
      'artifacts/examples/istio-abtest.yaml: iterations with match is an A/B test',
      ['interval: 10s', 'threshold: 10', 'iterations: 10', 'match:', '- headers:', '    user-agent: {regex: ".*Firefox.*"}', '- headers:', '    cookie: {regex: "^(.*?;)?(type=insider)(;.*)?$"}'],
      { abTest: { iterations: 10, interval: 10_000, threshold: 10, match: [{ headers: { 'user-agent': { regex: '.*Firefox.*' } } }, { headers: { cookie: { regex: '^(.*?;)?(type=insider)(;.*)?$' } } }] } },
    ],
    ['tutorials/kubernetes-blue-green: iterations alone is blue-green', ['interval: 1m', 'threshold: 1', 'iterations: 10'], { blueGreen: { autoPromotionEnabled: true } }],
    ['tutorials/istio-progressive-delivery (traffic mirroring): iterations with mirror is a shadow', ['interval: 1m', 'threshold: 5', 'iterations: 10', 'mirror: true', 'mirrorWeight: 100'], { shadow: { iterations: 10, interval: 60_000, threshold: 5, mirrorPercent: 100 } }],
  ])('should map %s', (_, analysisLines, strategy) => {
    const plan = planOf(flaggerCanary(analysisLines));
    expect(plan).toMatchObject({ service: 'podinfo', engine: 'flagger' });
    expect(plan.strategy).toMatchObject(strategy);
  });

  it("should check Flagger's built-in metrics once per interval against their thresholdRange (artifacts/examples/istio-canary.yaml)", () => {
    const plan = planOf(flaggerCanary(['interval: 1m', 'threshold: 5', 'stepWeight: 10', ...BUILT_IN_METRICS]));
    expect(plan.strategy.canary?.analysis).toEqual({ templates: ['request-success-rate', 'request-duration'] });
    expect(plan.analysis).toEqual([
      expect.objectContaining({ name: 'request-success-rate', metric: 'errorRate', unit: 'percent', count: 1, interval: 60_000, successCondition: 'result <= 1' }),
      // Each metric's own interval is its query window (scheduler_metrics.go), which a check now reads: was the analysis interval, 60_000.
      expect.objectContaining({ name: 'request-duration', metric: 'latencyP99', unit: 'ms', count: 1, interval: 30_000, successCondition: 'result <= 500' }),
    ]);
  });

  it("should query a metric without an interval over Flagger's MetricInterval, 1m, whatever the analysis interval", () => {
    const plan = planOf(flaggerCanary(['interval: 15s', 'stepWeight: 10', 'metrics:', '- name: request-success-rate', '  thresholdRange: {min: 99}']));
    expect(plan.analysis).toEqual([expect.objectContaining({ name: 'request-success-rate', interval: 60_000 })]);
  });

  it('should measure a MetricTemplate metric on what its name and query point to (tutorials/nginx-progressive-delivery)', () => {
    const template = yaml(
      'apiVersion: flagger.app/v1beta1',
      'kind: MetricTemplate',
      'metadata: {name: latency, namespace: ingress-nginx}',
      'spec:',
      '  provider: {type: prometheus, address: http://prometheus.ingress-nginx:9090}',
      '  query: histogram_quantile(0.99, sum(rate(nginx_ingress_controller_request_duration_seconds_bucket[1m])) by (le))',
    );
    const text = stream(flaggerCanary(['interval: 1m', 'threshold: 5', 'stepWeight: 10', 'metrics:', '- name: latency', '  templateRef: {name: latency, namespace: ingress-nginx}', '  thresholdRange: {max: 0.5}']), template);
    const { plan, diagnostics } = converted(text);
    expect(plan.analysis).toEqual([expect.objectContaining({ name: 'latency', metric: 'latencyP99', unit: 's', successCondition: 'result <= 0.5' })]);
    expect(diagnostics.map((d) => d.message)).toContain('spec.provider: provider prometheus: measurements come from the scenario, as latencyP99 (s), chosen from its name "latency"');
  });

  it('should read the deprecated threshold as a minimum for a success rate and a maximum otherwise', () => {
    const plan = planOf(flaggerCanary(['interval: 1m', 'stepWeight: 10', 'metrics:', '- name: request-success-rate', '  threshold: 99', '- name: request-duration', '  threshold: 500']));
    expect(plan.analysis.map((gate) => gate.successCondition)).toEqual(['result <= 1', 'result <= 500']);
  });

  it("should size the release from the target Deployment in the file, else say it uses a default (tutorials' podinfo)", () => {
    const target = deployment(['replicas: 4', 'template:', '  spec:', '    containers:', '    - {name: podinfod, image: "ghcr.io/stefanprodan/podinfo:6.0.0"}']);
    expect(planOf(stream(flaggerCanary(['interval: 1m', 'stepWeight: 10']), target))).toMatchObject({ replicas: 4, version: '6.0.0' });
    const alone = flaggerCanary(['interval: 1m', 'stepWeight: 10']);
    expect(planOf(alone).replicas).toBe(3);
    expect(notesOf(alone)).toContain('6: spec.targetRef: the target is not in this file: rehearsed with 3 replicas');
  });

  it('should say what each webhook, session affinity and stepWeightPromotion become (docs/gitbook/usage/webhooks, deployment-strategies)', () => {
    const text = flaggerCanary([
      'interval: 1m',
      'stepWeight: 10',
      'stepWeightPromotion: 100',
      'sessionAffinity: {cookieName: flagger-cookie, maxAge: 21600}',
      'webhooks:',
      '- {name: acceptance-test, type: pre-rollout, url: "http://flagger-loadtester.test/"}',
      '- {name: load-test, url: "http://flagger-loadtester.test/", metadata: {cmd: "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/"}}',
      '- {name: gate, type: confirm-promotion, url: "http://flagger-loadtester.test/gate/approve"}',
    ]);
    expect(notesOf(text)).toEqual(
      expect.arrayContaining([
        '13: spec.analysis.stepWeightPromotion: promotion moves all traffic at once in the rehearsal, not in steps of stepWeightPromotion',
        '14: spec.analysis.sessionAffinity: session affinity is not modelled: every request is routed by weight',
        '16: spec.analysis.webhooks[0]: pre-rollout webhook acceptance-test is not called: assumed to pass',
        "17: spec.analysis.webhooks[1]: rollout webhook load-test is not called: its load is the scenario's traffic",
        '18: spec.analysis.webhooks[2]: confirm-promotion webhook gate is not called: assumed to approve the promotion at once',
      ]),
    );
  });

  it('should not read maxWeight beside stepWeights, as Flagger does not (test/linkerd/test-steps.sh)', () => {
    const text = flaggerCanary(['interval: 15s', 'threshold: 15', 'maxWeight: 50', 'stepWeights: [10, 20, 30, 40, 50, 60]']);
    expect(planOf(text).strategy.canary).toMatchObject({ stepWeights: [10, 20, 30, 40, 50, 60], maxWeight: 100 });
    expect(notesOf(text)).toContain('13: spec.analysis.maxWeight: with stepWeights Flagger promotes after the last of them and does not read maxWeight');
  });
});

describe('a Deployment', () => {
  it.each([
    ['a RollingUpdate with maxSurge and maxUnavailable (kustomize/podinfo/deployment.yaml)', ['replicas: 2', 'minReadySeconds: 5', 'progressDeadlineSeconds: 60', 'strategy:', '  type: RollingUpdate', '  rollingUpdate: {maxUnavailable: 1}'], { replicas: 2, strategy: { rolling: { maxSurge: '25%', maxUnavailable: 1 } }, checks: { minReadySeconds: 5 }, policy: { progressDeadlineSeconds: 60 } }],
    ['a RollingUpdate by default, 25 % each', ['replicas: 4'], { strategy: { rolling: { maxSurge: '25%', maxUnavailable: '25%' } } }],
    ['a Recreate (kustomize/base/flagger/deployment.yaml)', ['replicas: 1', 'strategy: {type: Recreate}'], { strategy: { recreate: {} } }],
  ])('should map %s', (_, specLines, fields) => {
    expect(planOf(deployment(specLines))).toMatchObject({ service: 'podinfo', engine: 'kubernetes', ...fields });
  });
});
