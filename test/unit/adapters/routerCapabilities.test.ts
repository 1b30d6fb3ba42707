import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandRouter } from '../../../src/adapters/command/router';
import { haproxyRouter } from '../../../src/adapters/haproxy/router';
import { nginxRouter } from '../../../src/adapters/nginx/router';
import { parsePlan } from '../../../src/domain/plan/parse';
import { commandRouterTarget, haproxyTarget, nginxTarget, targets } from '../../../src/domain/plan/schema';
import { routerCan, type PortResult, type RouterCapability, type RouterCapabilityMethods, type RouterPort, type RoutingSnapshot } from '../../../src/domain/ports';
import { ROUTER_CAPABILITIES, ROUTER_KINDS, type RouterFor, type RouterKind } from '../../../src/domain/targets/capabilities';
import { executeRun } from '../../../src/runner/execute';
import { fakePorts } from '../runner/fakePorts';
import { problemsIn, yaml } from '../plan/helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-capabilities-'));
  process.env.SWITCHYARD_STATE_DIR = join(dir, 'runs');
  process.env.SWITCHYARD_LOCK_DIR = join(dir, 'locks');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each kind's adapter, built without touching a router (nothing is called). */
const ADAPTERS: { [K in RouterKind]: () => RouterFor<K> } = {
  haproxy: () => haproxyRouter(haproxyTarget.parse({ socket: join(tmpdir(), 'absent.sock'), backend: 'app', stableServer: 'stable', candidateServer: 'candidate' })),
  nginx: () => nginxRouter(nginxTarget.parse({ prefix: join(tmpdir(), 'switchyard-absent-nginx'), upstreamFile: 'switchyard.conf' })),
  command: () => commandRouter(commandRouterTarget.parse({ setWeights: ['/bin/true'] })),
};

/** Which capability each optional method belongs to: typed so a method missing here does not compile. */
const CAPABILITY_OF: { [K in RouterCapability as keyof RouterCapabilityMethods[K]]: K } = {
  setHeaderRoutes: 'headerRoutes',
  setMirror: 'mirror',
  addMember: 'members',
  removeMember: 'members',
};

describe('router capabilities', () => {
  it('should declare a row for every router a plan can name', () => {
    expect([...ROUTER_KINDS].sort()).toEqual(Object.keys(targets.shape.router.unwrap().shape).sort());
  });

  it.each(ROUTER_KINDS)('should give the %s adapter the capabilities the domain declares for it', (kind) => {
    expect(ADAPTERS[kind]().capabilities).toEqual(ROUTER_CAPABILITIES[kind]);
  });

  it.each(ROUTER_KINDS.flatMap((kind) => Object.entries(CAPABILITY_OF).map(([method, capability]) => ({ kind, method, capability }))))(
    'should give the $kind adapter $method exactly when it declares $capability',
    ({ kind, method, capability }) => {
      const router = ADAPTERS[kind]() as unknown as Record<string, unknown>;
      expect(typeof router[method]).toBe(ROUTER_CAPABILITIES[kind][capability] ? 'function' : 'undefined');
    },
  );

  const SHADOW = ['service: checkout', 'strategy:', '  shadow: { mirrorPercent: 50 }'];
  const AB = ['service: checkout', 'strategy:', '  abTest:', '    match: [{ headers: { x-beta: { exact: "1" } } }]'];
  const ROUTERS: Record<RouterKind, string> = {
    haproxy: 'haproxy: { socket: /run/haproxy.sock, backend: app, stableServer: stable, candidateServer: candidate }',
    nginx: 'nginx: { prefix: /etc/nginx, upstreamFile: /etc/nginx/switchyard.conf }',
    command: 'command: { setWeights: [./weights.sh, "{{stable}}", "{{candidate}}"] }',
  };
  const codesFor = (lines: string[], kind: RouterKind) =>
    problemsIn(yaml(...lines, 'targets:', '  router:', `    ${ROUTERS[kind]}`))
      .filter((problem) => problem.severity === 'error')
      .map((problem) => problem.code);

  it.each(ROUTER_KINDS)('should let a plan mirror and route by header on %s exactly as far as the declaration says', (kind) => {
    expect(codesFor(SHADOW, kind)).toEqual(ROUTER_CAPABILITIES[kind].mirror ? [] : ['plan.routerCannotMirror']);
    expect(codesFor(AB, kind)).toEqual(ROUTER_CAPABILITIES[kind].headerRoutes ? [] : ['plan.routerCannotRouteHeaders']);
  });
});

describe('runner and router capabilities', () => {
  const abPlan = () => {
    const parsed = parsePlan(`service: shop
version: v2
strategy:
  abTest:
    match: [{ headers: { x-variant: { exact: b } } }]
    iterations: 1
    interval: 10ms
    threshold: 1
policy: { onFailure: rollback, progressDeadlineSeconds: 1 }
`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    return parsed.plan;
  };
  const run = (ports: ReturnType<typeof fakePorts>['ports'], name: string) => {
    process.env.SWITCHYARD_LOCK_DIR = join(dir, `locks-${name}`);
    return executeRun({ planFile: join(dir, `${name}.release.yaml`), plan: abPlan(), ports, log: () => undefined });
  };

  it('should refuse header routes on a router that does not declare them, and roll back', async () => {
    const fake = fakePorts();
    const report = await run(fake.ports, 'no-headers');
    expect(report.outcome).toBe('rolledBack');
    expect(report.reason).toMatch(/fake router cannot route by header/);
  });

  it('should set header routes on a router that declares them, and take them off again', async () => {
    const fake = fakePorts();
    const routes: unknown[] = [];
    const setHeaderRoutes = (next: unknown[]): Promise<PortResult> => {
      routes.push(next);
      return Promise.resolve({ ok: true, value: undefined });
    };
    const fakeRouter = fake.ports.router;
    if (!routerCan(fakeRouter, 'members')) throw new Error('the fake router keeps members');
    const { name, setWeights, verify, snapshot, restore, addMember, removeMember } = fakeRouter;
    const router: RouterPort = { name, setWeights, verify, snapshot, restore, addMember, removeMember, setHeaderRoutes, capabilities: { weights: true, headerRoutes: true, mirror: false, members: true } };
    const report = await run({ ...fake.ports, router }, 'headers');
    expect(report.outcome, report.reason).toBe('promoted');
    expect(routes).toEqual([[{ headers: { 'x-variant': { exact: 'b' } } }], []]);
  });
});

describe('router capabilities in the type checker', () => {
  // `tsc --noEmit` (npm run typecheck) fails if any line marked @ts-expect-error compiles.
  it('should refuse a router whose methods disagree with what it declares', () => {
    const ok = (): Promise<PortResult> => Promise.resolve({ ok: true, value: undefined });
    const snapshot = (): Promise<PortResult<RoutingSnapshot>> => Promise.resolve({ ok: true, value: { router: 'test', weights: { stable: 100, candidate: 0 }, data: null } });
    const basics = { name: 'test router', setWeights: ok, verify: ok, snapshot, restore: ok };
    const routers = [
      { ...basics, capabilities: ROUTER_CAPABILITIES.command } satisfies RouterFor<'command'>,
      // @ts-expect-error nginx declares mirroring, so its port must have setMirror.
      { ...basics, capabilities: ROUTER_CAPABILITIES.nginx, setHeaderRoutes: ok, addMember: ok, removeMember: ok } satisfies RouterFor<'nginx'>,
      // @ts-expect-error HAProxy does not declare mirroring, so its port has no setMirror.
      { ...basics, capabilities: ROUTER_CAPABILITIES.haproxy, setHeaderRoutes: ok, setMirror: ok, addMember: ok, removeMember: ok } satisfies RouterFor<'haproxy'>,
    ];
    // @ts-expect-error a router declaring header routes must have setHeaderRoutes.
    const undeclared: RouterPort = { ...basics, capabilities: { weights: true, headerRoutes: true, mirror: false, members: false } };
    expect([...routers, undeclared].map((router) => router.name)).toEqual(['test router', 'test router', 'test router', 'test router']);
  });
});
