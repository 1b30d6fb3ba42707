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

  it('should say what session affinity and stepWeightPromotion become (docs/gitbook/usage/deployment-strategies)', () => {
    const text = flaggerCanary(['interval: 1m', 'stepWeight: 10', 'stepWeightPromotion: 100', 'sessionAffinity: {cookieName: flagger-cookie, maxAge: 21600}']);
    expect(notesOf(text)).toEqual(
      expect.arrayContaining([
        '13: spec.analysis.stepWeightPromotion: promotion moves all traffic at once in the rehearsal, not in steps of stepWeightPromotion',
        '14: spec.analysis.sessionAffinity: session affinity is not modelled: every request is routed by weight',
      ]),
    );
  });

  it("should call each webhook as a hook of its type, a webhook without one at every interval as Flagger's rollout (docs/gitbook/usage/webhooks)", () => {
    const text = flaggerCanary([
      'interval: 30s',
      'stepWeight: 10',
      'webhooks:',
      '- {name: acceptance-test, type: pre-rollout, url: "http://flagger-loadtester.test/", timeout: 30s, metadata: {type: bash, cmd: "curl -sd \'test\' http://podinfo-canary:9898/token | grep token"}}',
      '- {name: load-test, url: "http://flagger-loadtester.test/", timeout: 5s, metadata: {cmd: "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/"}}',
      '- {name: gate, type: confirm-promotion, url: "http://flagger-loadtester.test/gate/approve", retries: 3}',
      '- {name: notify, type: event, url: "http://event-recevier.notifications/slack"}',
    ]);
    expect(planOf(text).hooks).toEqual({
      'pre-rollout': [{ name: 'acceptance-test', url: 'http://flagger-loadtester.test/', timeout: 30_000, retries: 0, metadata: { type: 'bash', cmd: "curl -sd 'test' http://podinfo-canary:9898/token | grep token" } }],
      rollout: [{ name: 'load-test', url: 'http://flagger-loadtester.test/', timeout: 5000, retries: 0, metadata: { cmd: 'hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/' } }],
      // Flagger asks a confirm webhook again at each analysis interval.
      'confirm-promotion': [{ name: 'gate', url: 'http://flagger-loadtester.test/gate/approve', retries: 3, interval: 30_000 }],
      event: [{ name: 'notify', url: 'http://event-recevier.notifications/slack', retries: 0 }],
    });
    expect(notesOf(text)).toEqual(
      expect.arrayContaining([
        "15: spec.analysis.webhooks[1].url: rollout webhook load-test is called at every interval, but the load it generates is not modelled: the rehearsal's traffic is the scenario's",
        '16: spec.analysis.webhooks[2].type: confirm-promotion webhook gate: Flagger asks it at every interval for as long as it says no; the rehearsal fails the release when it has not said yes by the progress deadline',
      ]),
    );
    expect(notesOf(text).filter((note) => note.includes('webhooks'))).toHaveLength(2);
  });

  it('should note, each on its own line, what a webhook sets that the rehearsal does not do, and call nothing it cannot', () => {
    const text = flaggerCanary([
      'interval: 1m',
      'stepWeight: 10',
      'webhooks:',
      '- {name: approve, type: confirm-rollout, url: "http://gate.test/approve", muteAlert: true, disableTLS: true}',
      '- {name: nowhere, type: post-rollout, url: "ftp://files.test/"}',
    ]);
    expect(planOf(text).hooks).toEqual({ 'confirm-rollout': [{ name: 'approve', url: 'http://gate.test/approve', retries: 0, interval: 60_000 }] });
    expect(notesOf(text).filter((note) => note.includes('webhooks'))).toEqual([
      '14: spec.analysis.webhooks[0].type: confirm-rollout webhook approve: Flagger asks it at every interval for as long as it says no; the rehearsal fails the release when it has not said yes by the progress deadline',
      '14: spec.analysis.webhooks[0].muteAlert: alerts are not sent in a rehearsal',
      "14: spec.analysis.webhooks[0].disableTLS: a run verifies the hook's TLS certificate: disableTLS has no plan form",
      '15: spec.analysis.webhooks[1].url: post-rollout webhook nowhere has no http:// or https:// url: it is not called',
    ]);
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
