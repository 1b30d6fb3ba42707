import { describe, expect, it } from 'vitest';
import { routeEntries } from '../../../src/adapters/haproxy/routes';
import { NO_ROUTING, parseRouting, renderRouting } from '../../../src/adapters/nginx/routing';

describe('header routes', () => {
  it('should give HAProxy one map per header or cookie and match kind', () => {
    const entries = routeEntries([{ headers: { 'X-Variant': { exact: 'b', prefix: 'beta-' } } }, { cookie: { variant: { exact: 'b' } } }]);
    expect(entries.ok && Object.fromEntries(entries.value)).toEqual({
      'switchyard-header-x-variant.map': ['b'],
      'switchyard-header-x-variant.prefix.map': ['beta-'],
      'switchyard-cookie-variant.map': ['b'],
    });
  });

  it('should refuse an AND of two conditions on HAProxy rather than route more than asked', () => {
    const entries = routeEntries([{ headers: { a: { exact: '1' }, b: { exact: '2' } } }]);
    expect(entries.ok ? '' : entries.error).toMatch(/one header or cookie per match/);
  });

  it('should write nginx maps that send matches to the candidate upstream and read them back', () => {
    const routing = { routes: [{ headers: { 'x-variant': { exact: 'b' } } }], mirrorPercent: 25 };
    const text = renderRouting('app', [{ id: 'candidate-0', role: 'candidate', address: '127.0.0.1:9001' }], routing);
    expect(text).toContain('upstream app_candidate {\n    server 127.0.0.1:9001;');
    expect(text).toContain('map $http_x_variant $switchyard_app_r0_0 {');
    expect(text).toMatch(/map "\$switchyard_app_m0" \$switchyard_app \{\n {4}default app_candidate;\n {4}"" app;/);
    expect(text).toContain('25% 1;');
    expect(parseRouting(text)).toEqual(routing);
    expect(renderRouting('app', [], NO_ROUTING)).toContain('map $uri $switchyard_app {\n    default app;');
  });
});
