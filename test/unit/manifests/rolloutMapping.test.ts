import { describe, expect, it } from 'vitest';
import { analysisTemplate, canaryRollout, converted, deployment, notesOf, planOf, rollout, stream, yaml } from './helpers';

// Each row restates an upstream example or field of Argo Rollouts (examples/, docs/features/) as
// the plan it rehearses as.

const SUCCESS_RATE = analysisTemplate('success-rate', [
  'args:',
  '- name: service-name',
  'metrics:',
  '- name: success-rate',
  '  interval: 5m',
  '  count: 3',
  '  successCondition: result[0] >= 0.95',
  '  failureLimit: 1',
  '  provider:',
  '    prometheus:',
  '      address: http://prometheus.example.com:9090',
  '      query: sum(irate(istio_requests_total{destination_service=~"{{args.service-name}}",response_code!~"5.*"}[5m])) / sum(irate(istio_requests_total{destination_service=~"{{args.service-name}}"}[5m]))',
]);

describe('a Rollout canary', () => {
  it.each([
    ['examples/rollout-canary.yaml: setWeight and an indefinite pause', ['steps:', '- setWeight: 20', '- pause: {}', '- setWeight: 40'], [{ setWeight: 20 }, { pause: {} }, { setWeight: 40 }]],
    ['pause.duration as a Go duration (docs/features/canary)', ['steps:', '- pause: {duration: 1h}'], [{ pause: { duration: 3_600_000 } }]],
    ['pause.duration as seconds, number or string (IntOrString)', ['steps:', '- pause: {duration: 30}', '- pause: {duration: "45"}'], [{ pause: { duration: 30_000 } }, { pause: { duration: 45_000 } }]],
    ['pause.duration in Go units combined', ['steps:', '- pause: {duration: 1m30s}'], [{ pause: { duration: 90_000 } }]],
    [
      'setCanaryScale: replicas, weight, matchTrafficWeight (docs/features/canary)',
      ['trafficRouting: {istio: {}}', 'steps:', '- setCanaryScale: {replicas: 3}', '- setCanaryScale: {weight: 25}', '- setCanaryScale: {matchTrafficWeight: true}'],
      [{ setCanaryScale: { replicas: 3 } }, { setCanaryScale: { weight: 25 } }, { setCanaryScale: { matchTrafficWeight: true } }],
    ],
    [
      'setHeaderRoute: all header matches of one route at once (traffic-management/index)',
      ['trafficRouting: {managedRoutes: [{name: header-route-1}], istio: {}}', 'steps:', '- setHeaderRoute:', '    name: header-route-1', '    match:', '    - headerName: Custom-Header1', '      headerValue: {exact: Mozilla}', '    - headerName: Custom-Header2', '      headerValue: {prefix: Mozilla}'],
      [{ setHeaderRoute: { name: 'header-route-1', match: [{ headers: { 'Custom-Header1': { exact: 'Mozilla' }, 'Custom-Header2': { prefix: 'Mozilla' } } }] } }],
    ],
    ['setMirrorRoute: percentage (examples/istio/istio-mirror.yaml)', ['trafficRouting: {istio: {}}', 'steps:', '- setMirrorRoute: {name: mirror-route, percentage: 35}', '- setMirrorRoute: {name: mirror-route}'], [{ setMirrorRoute: { name: 'mirror-route', percentage: 35 } }, { setMirrorRoute: { name: 'mirror-route' } }]],
    ['experiment with a duration: a pause of it (examples/rollout-experiment-step.yaml)', ['steps:', '- setWeight: 20', '- experiment:', '    duration: 1h', '    templates: [{name: canary, specRef: canary}]'], [{ setWeight: 20 }, { pause: { duration: 3_600_000 } }]],
    ['experiment without a duration: runs until terminated (rollout-alb-experiment-step.yaml)', ['steps:', '- experiment:', '    templates: [{name: canary, specRef: canary}]'], [{ pause: {} }]],
    ['no steps: straight to 100 % (examples/rollout-rolling-update.yaml)', ['maxSurge: "25%"'], [{ setWeight: 100 }]],
    ['maxTrafficWeight 1000: weights in its units (traffic-management/nginx)', ['trafficRouting: {maxTrafficWeight: 1000, nginx: {stableIngress: web}}', 'steps:', '- setWeight: 250'], [{ setWeight: 25 }]],
  ])('should map %s', (_, canaryLines, steps) => {
    const canary = planOf(canaryRollout(canaryLines)).strategy.canary;
    expect(canary?.steps).toEqual(steps.map((step) => expect.objectContaining(step)));
  });

  it.each([
    ['trafficRouting of any provider splits by weight (examples/istio)', ['trafficRouting:', '  istio: {virtualService: {name: web}}'], { trafficRouting: true }],
    ['trafficRouting of a plugin (docs/features/traffic-management/plugins)', ['trafficRouting:', '  plugins: {argoproj-labs/gatewayAPI: {httpRoute: web}}'], { trafficRouting: true }],
    ['no trafficRouting splits by replicas (examples/rollout-canary.yaml)', ['steps: [{setWeight: 20}]'], { trafficRouting: false }],
    ['maxSurge and maxUnavailable as written (examples/rollout-rolling-update.yaml)', ['maxSurge: "25%"', 'maxUnavailable: 0'], { maxSurge: '25%', maxUnavailable: 0 }],
    ['a bare string is a percentage, as Argo reads it', ['maxSurge: "1"'], { maxSurge: '1%' }],
    ['dynamicStableScale (docs/features/canary)', ['trafficRouting: {istio: {}}', 'dynamicStableScale: true'], { dynamicStableScale: true }],
  ])('should map %s', (_, canaryLines, fields) => {
    expect(planOf(canaryRollout(canaryLines)).strategy.canary).toMatchObject(fields);
  });

  it('should take replicas, minReadySeconds, progressDeadlineSeconds and abortScaleDownDelaySeconds (docs/features/specification)', () => {
    const plan = planOf(rollout(['replicas: 5', 'minReadySeconds: 30', 'progressDeadlineSeconds: 300', 'strategy:', '  canary:', '    abortScaleDownDelaySeconds: 60']));
    expect(plan).toMatchObject({ service: 'web', engine: 'argo-rollouts', replicas: 5, checks: { minReadySeconds: 30 }, policy: { progressDeadlineSeconds: 300, abortScaleDownDelaySeconds: 60 } });
  });

  it.each([
    // docs/features/specification: progressDeadlineAbort (default false) aborts the update once the deadline passes.
    { row: 'progressDeadlineAbort: true (docs/features/specification)', lines: ['progressDeadlineAbort: true'], abort: true },
    { row: 'progressDeadlineAbort: false (docs/features/specification)', lines: ['progressDeadlineAbort: false'], abort: false },
    { row: 'unset: Argo\'s default false, left to the engine', lines: [], abort: undefined },
  ])('should model $row, without a note', ({ lines, abort }) => {
    const text = rollout(['replicas: 3', ...lines, 'strategy:', '  canary: {}']);
    expect(planOf(text).policy?.progressDeadlineAbort).toBe(abort);
    expect(notesOf(text).filter((note) => note.includes('progressDeadlineAbort'))).toEqual([]);
  });

  it('should run Argo default of 1 replica when spec.replicas is not set, and say so', () => {
    const text = yaml('apiVersion: argoproj.io/v1alpha1', 'kind: Rollout', 'metadata: {name: web}', 'spec:', '  strategy:', '    canary: {}');
    expect(planOf(text).replicas).toBe(1);
    expect(notesOf(text)).toContain('4: spec.replicas: not set: Argo Rollouts runs 1');
  });

  it("should take the version from the image tag, through a workloadRef's Deployment (examples/workload-ref)", () => {
    const text = stream(
      deployment(['replicas: 0', 'template:', '  spec:', '    containers:', '    - name: demo', '      image: argoproj/rollouts-demo:blue']),
      rollout(['replicas: 5', 'workloadRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}', 'strategy:', '  canary: {steps: [{setWeight: 20}]}']),
    );
    expect(planOf(text)).toMatchObject({ replicas: 5, version: 'blue' });
    expect(notesOf(text)).toContain('1: the workloadRef of the Rollout: only its pod template is used, as Argo Rollouts uses it');
  });

  it('should say the brief\'s notes each on its line: experiment and provider', () => {
    const text = stream(
      canaryRollout(['steps:', '- setWeight: 20', '- experiment:', '    duration: 1h', '    templates: [{name: canary, specRef: canary}]', '- analysis: {templates: [{templateName: wavefront}]}']),
      analysisTemplate('wavefront', ['metrics:', '- name: success-rate', '  count: 1', '  successCondition: result >= 0.95', '  provider:', '    wavefront: {address: example.wavefront.com, query: ts(errors)}']),
    );
    const notes = notesOf(text);
    expect(notes).toContain('12: spec.strategy.canary.steps[1].experiment.duration: experiment steps are simulated as a pause of their duration (1h)');
    expect(notes).toContain('26: spec.metrics[0].provider.wavefront: measurements come from the scenario, as 1 − errorRate (ratio), chosen from its name "success-rate"');
  });
});

describe('a Rollout analysis', () => {
  const withSuccessRate = (canaryLines: string[]) => stream(canaryRollout(canaryLines), SUCCESS_RATE);

  it('should run an analysis step as the template\'s metric, its args filled in (examples/rollout-analysis-step.yaml)', () => {
    const plan = planOf(withSuccessRate(['steps:', '- setWeight: 20', '- analysis:', '    templates: [{templateName: success-rate}]', '    args: [{name: service-name, value: web-canary}]']));
    expect(plan.strategy.canary?.steps?.[1]).toEqual({ analysis: { templates: ['success-rate'] } });
    expect(plan.analysis).toEqual([
      expect.objectContaining({ name: 'success-rate', metric: 'errorRate', unit: 'ratio', interval: 300_000, count: 3, successCondition: 'result <= 0.05', failureLimit: 1, inconclusiveLimit: 0, consecutiveErrorLimit: 4 }),
    ]);
  });

  it('should watch a background analysis through every step (examples/rollout-background-analysis.yaml)', () => {
    const plan = planOf(withSuccessRate(['analysis:', '  templates: [{templateName: success-rate}]', '  args: [{name: service-name, value: web}]', 'steps: [{setWeight: 20}, {pause: {duration: 10m}}]']));
    expect(plan.strategy.canary?.analysis).toEqual({ templates: ['success-rate'] });
  });

  it.each([
    ['interval, count, initialDelay and the limits as written (docs/features/analysis)', ['interval: 30s', 'count: 5', 'initialDelay: 1m', 'failureLimit: 2', 'inconclusiveLimit: 1', 'consecutiveErrorLimit: 3', 'successCondition: result < 0.01', 'failureCondition: result >= 0.05'], { interval: 30_000, count: 5, initialDelay: 60_000, failureLimit: 2, inconclusiveLimit: 1, consecutiveErrorLimit: 3, successCondition: 'result < 0.01', failureCondition: 'result >= 0.05' }],
    ['neither interval nor count: one measurement (Metric.EffectiveCount)', ['failureCondition: result >= 0.05'], { count: 1 }],
    ['count as a string, as `{{args.count}}` gives it', ['interval: 10s', 'count: "4"', 'failureCondition: result >= 0.05'], { count: 4 }],
    ['interval without count in a step: to failureLimit + 1, then a pause where Argo would still measure', ['interval: 1m', 'failureLimit: 2', 'failureCondition: result >= 0.05'], { count: 3 }],
  ])('should map %s', (_, metricLines, gate) => {
    const text = stream(
      canaryRollout(['steps:', '- setWeight: 20', '- analysis: {templates: [{templateName: errors}]}']),
      analysisTemplate('errors', ['metrics:', '- name: error-rate', ...metricLines.map((line) => `  ${line}`), '  provider: {prometheus: {address: http://p:9090, query: errors}}']),
    );
    expect(planOf(text).analysis[0]).toMatchObject(gate);
  });

  it('should wait for an operator after a step analysis that never completes', () => {
    const text = stream(
      canaryRollout(['steps:', '- setWeight: 20', '- analysis: {templates: [{templateName: errors}]}', '- setWeight: 50']),
      analysisTemplate('errors', ['metrics:', '- name: error-rate', '  interval: 1m', '  failureCondition: result >= 0.05', '  provider: {prometheus: {address: http://p:9090, query: errors}}']),
    );
    expect(planOf(text).strategy.canary?.steps).toEqual([{ setWeight: 20 }, { analysis: { templates: ['error-rate'] } }, { pause: {} }, { setWeight: 50 }]);
  });

  it('should leave a dry-run metric out and say why (docs/features/analysis, Dry-Run mode)', () => {
    const text = stream(
      canaryRollout(['steps:', '- analysis:', '    templates: [{templateName: success-rate}]', '    args: [{name: service-name, value: web}]', '    dryRun: [{metricName: success-rate}]']),
      SUCCESS_RATE,
    );
    const { plan, diagnostics } = converted(text);
    expect(plan.analysis).toEqual([]);
    expect(diagnostics.map((d) => d.message)).toContain('spec.metrics[0]: metric success-rate runs as a dry run: Argo Rollouts measures it but never fails the rollout on it, so the rehearsal leaves it out');
  });

  it('should use a ClusterAnalysisTemplate with clusterScope (examples/cluster-analysis-templates.yaml)', () => {
    const template = analysisTemplate('always-pass', ['metrics:', '- name: always-pass', '  count: 1', '  successCondition: result == true', '  provider: {job: {spec: {}}}']).replace('kind: AnalysisTemplate', 'kind: ClusterAnalysisTemplate');
    const plan = planOf(stream(canaryRollout(['steps:', '- analysis: {templates: [{templateName: always-pass, clusterScope: true}]}']), template));
    expect(plan.analysis).toEqual([expect.objectContaining({ name: 'always-pass', successCondition: 'result < 0.05' })]);
  });

  it('should give a template used with other args a gate of its own', () => {
    const text = stream(
      canaryRollout([
        'steps:',
        '- analysis: {templates: [{templateName: success-rate}], args: [{name: service-name, value: a}]}',
        '- analysis: {templates: [{templateName: success-rate}], args: [{name: service-name, value: b}]}',
      ]),
      SUCCESS_RATE,
    );
    expect(planOf(text).analysis.map((gate) => gate.name)).toEqual(['success-rate', 'success-rate.success-rate']);
  });
});

describe('a Rollout blue-green', () => {
  it('should map the fields of examples/rollout-bluegreen.yaml and docs/features/bluegreen', () => {
    const text = stream(
      rollout([
        'replicas: 4',
        'strategy:',
        '  blueGreen:',
        '    activeService: web-active',
        '    previewService: web-preview',
        '    autoPromotionEnabled: false',
        '    autoPromotionSeconds: 30',
        '    scaleDownDelaySeconds: 60',
        '    previewReplicaCount: 2',
        '    abortScaleDownDelaySeconds: 10',
        '    prePromotionAnalysis: {templates: [{templateName: success-rate}], args: [{name: service-name, value: web-preview}]}',
        '    postPromotionAnalysis: {templates: [{templateName: success-rate}], args: [{name: service-name, value: web-active}]}',
      ]),
      SUCCESS_RATE,
    );
    const plan = planOf(text);
    expect(plan.strategy.blueGreen).toEqual({
      autoPromotionEnabled: false,
      autoPromotionSeconds: 30,
      scaleDownDelaySeconds: 60,
      previewReplicaCount: 2,
      prePromotionAnalysis: { templates: ['success-rate'] },
      postPromotionAnalysis: { templates: ['success-rate.success-rate'] },
    });
    expect(plan.policy.abortScaleDownDelaySeconds).toBe(10);
  });
});
