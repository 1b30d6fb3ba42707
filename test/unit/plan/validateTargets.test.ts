import { describe, expect, it } from 'vitest';
import { problemsIn, yaml } from './helpers';

const HAPROXY = ['targets:', '  router:', '    haproxy: { socket: /run/haproxy.sock, backend: app, stableServer: stable, candidateServer: candidate }'];
const NGINX = ['targets:', '  router:', '    nginx: { prefix: /etc/nginx, upstreamFile: /etc/nginx/switchyard.conf }'];
const COMMAND = ['targets:', '  router:', '    command: { setWeights: [./weights.sh, "{{stable}}", "{{candidate}}"] }'];
const errorsIn = (text: string) => problemsIn(text).filter((problem) => problem.severity === 'error').map(({ at, code, message }) => ({ at, code, message }));

describe('validatePlan: what the router can do', () => {
  it.each([
    {
      name: 'a shadow release on HAProxy',
      text: yaml('service: checkout', 'strategy:', '  shadow: { mirrorPercent: 50 }', ...HAPROXY),
      expected: [{ at: '6:5', code: 'plan.routerCannotMirror', message: 'targets.router.haproxy: a shadow release mirrors traffic, which haproxy cannot do; use the nginx router (its mirror directive)' }],
    },
    {
      name: 'a canary step that mirrors, on a command router',
      text: yaml('service: checkout', 'strategy:', '  canary:', '    steps:', '      - setMirrorRoute: { name: copy, percentage: 10 }', ...COMMAND),
      expected: [{ at: '8:5', code: 'plan.routerCannotMirror', message: 'targets.router.command: setMirrorRoute mirrors traffic, which command cannot do; use the nginx router (its mirror directive)' }],
    },
    {
      name: 'an A/B test on a command router',
      text: yaml('service: checkout', 'strategy:', '  abTest:', '    match: [{ headers: { x-beta: { exact: "1" } } }]', ...COMMAND),
      expected: [{ at: '7:5', code: 'plan.routerCannotRouteHeaders', message: 'targets.router.command: an A/B test routes by header or cookie, which a command router cannot do; use the haproxy or nginx router' }],
    },
    { name: 'a shadow release on nginx', text: yaml('service: checkout', 'strategy:', '  shadow: { mirrorPercent: 50 }', ...NGINX), expected: [] },
    { name: 'an A/B test on HAProxy', text: yaml('service: checkout', 'strategy:', '  abTest:', '    match: [{ cookie: { beta: { exact: "1" } } }]', ...HAPROXY), expected: [] },
    { name: 'a weighted canary on a command router', text: yaml('service: checkout', 'strategy:', '  canary:', '    steps: [{ setWeight: 20 }]', ...COMMAND), expected: [] },
  ])('$name', ({ text, expected }) => {
    expect(errorsIn(text)).toEqual(expected);
  });
});

const KUBERNETES = ['targets:', '  kubernetes: { namespace: shop, deployment: checkout, image: "checkout:{{version}}" }'];
const problemsOf = (text: string) => problemsIn(text).map(({ at, code, severity, message }) => ({ at, code, severity, message }));

describe('validatePlan: a Kubernetes target', () => {
  it.each([
    { name: 'a rolling update under engine kubernetes', text: yaml('service: checkout', 'engine: kubernetes', 'strategy:', '  rolling: { maxSurge: 1 }', ...KUBERNETES), expected: [] },
    { name: 'a recreate under engine kubernetes', text: yaml('service: checkout', 'engine: kubernetes', 'strategy:', '  recreate: {}', ...KUBERNETES), expected: [] },
    { name: 'a canary by HTTPRoute weights', text: yaml('service: checkout', 'strategy:', '  canary: { steps: [{ setWeight: 20 }, { pause: {} }] }', ...KUBERNETES), expected: [] },
    { name: 'a blue-green by the Service\'s selector', text: yaml('service: checkout', 'strategy:', '  blueGreen: { prePromotionAnalysis: { templates: [] } }', ...KUBERNETES), expected: [] },
    { name: 'an A/B test by HTTPRoute header matches', text: yaml('service: checkout', 'strategy:', '  abTest: { match: [{ headers: { x-variant: { exact: b } } }], iterations: 2 }', ...KUBERNETES), expected: [] },
    { name: 'a shadow by the HTTPRoute mirror filter', text: yaml('service: checkout', 'strategy:', '  shadow: { mirrorPercent: 50, iterations: 2 }', ...KUBERNETES), expected: [] },
    { name: 'a canary step that routes by header', text: yaml('service: checkout', 'strategy:', '  canary:', '    steps:', '      - setHeaderRoute: { name: beta, match: [{ headers: { x-beta: { exact: "1" } } }] }', ...KUBERNETES), expected: [] },
    { name: 'a canary step that scales the canary apart from its weight', text: yaml('service: checkout', 'strategy:', '  canary:', '    steps:', '      - setCanaryScale: { replicas: 2 }', ...KUBERNETES), expected: [] },
    { name: 'a canary by replica ratio behind one Service', text: yaml('service: checkout', 'strategy:', '  canary: { trafficRouting: false, steps: [{ setWeight: 50 }] }', ...KUBERNETES), expected: [] },
    { name: 'a canary whose stable shrinks as the canary takes traffic', text: yaml('service: checkout', 'strategy:', '  canary: { dynamicStableScale: true, steps: [{ setWeight: 50 }] }', ...KUBERNETES), expected: [] },
    {
      name: 'a gate that reads the cluster, with no cluster',
      text: yaml('service: checkout', 'strategy:', '  canary: { steps: [{ setWeight: 20 }] }', 'analysis:', '  - name: ready', '    metric: errorRate', '    provider:', '      kubernetes: { measure: readyRatio }'),
      expected: [{ at: '8:7', code: 'plan.kubernetesGateWithoutCluster', severity: 'error', message: "analysis[0].provider.kubernetes: reads the candidate's pods on the cluster of targets.kubernetes, and the plan has none: add targets.kubernetes or measure with prometheus, http or command" }],
    },
    { name: 'a gate that reads the cluster of the plan\'s target', text: yaml('service: checkout', 'strategy:', '  canary: { steps: [{ setWeight: 20 }] }', 'analysis:', '  - name: ready', '    metric: errorRate', '    provider:', '      kubernetes: { measure: restarts }', ...KUBERNETES), expected: [] },
    {
      name: 'fixed batches, which a Deployment does not have',
      text: yaml('service: checkout', 'engine: kubernetes', 'strategy:', '  rolling:', '    batchSize: 2', ...KUBERNETES),
      expected: [{ at: '5:5', code: 'plan.kubernetesNoFixedBatches', severity: 'error', message: 'strategy.rolling.batchSize: a Deployment rolls by maxSurge and maxUnavailable, not fixed batches: remove batchSize' }],
    },
    {
      name: 'a router beside the Deployment',
      text: yaml('service: checkout', 'engine: kubernetes', 'strategy:', '  rolling: {}', ...KUBERNETES, '  router:', '    command: { setWeights: [./weights.sh] }'),
      expected: [{ at: '6:3', code: 'plan.kubernetesTargetAlone', severity: 'error', message: 'targets.kubernetes: a Kubernetes Deployment is the instances and, behind its Service, the router: remove targets.router and targets.instances' }],
    },
    {
      name: 'the fleet engine, whose batches are not the controller\'s',
      text: yaml('service: checkout', 'strategy:', '  rolling: {}', ...KUBERNETES),
      expected: [{ at: '5:3', code: 'plan.kubernetesTargetEngine', severity: 'warning', message: 'targets.kubernetes: set `engine: kubernetes`, so a simulation\'s batches are the ones the Deployment controller makes' }],
    },
  ])('$name', ({ text, expected }) => {
    expect(problemsOf(text).filter((problem) => problem.code.startsWith('plan.kubernetes'))).toEqual(expected);
  });
});
