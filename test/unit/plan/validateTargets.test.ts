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
