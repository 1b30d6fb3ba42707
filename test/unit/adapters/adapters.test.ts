import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execArgv, templateArgs } from '../../../src/adapters/command/exec';
import { prometheusQuery } from '../../../src/adapters/analysis/prometheus';
import { serverWeight } from '../../../src/adapters/haproxy/router';
import { inMaintenance, parseServersState } from '../../../src/adapters/haproxy/runtimeApi';
import { parseUpstream, renderUpstream } from '../../../src/adapters/nginx/upstreamFile';

const STATE = `1
# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
3 app 1 stable 127.0.0.1 2 0 200 200 1 8 2 0 6 0 0 0 - 8081 - 0 0 - - 0
3 app 2 candidate 127.0.0.1 0 5 0 0 0 1 0 1 6 0 0 0 - 8082 - 0 0 - - 0
3 app 3 candidate-1 127.0.0.1 2 4 40 0 0 1 0 1 6 0 0 0 - 8083 - 0 0 - - 0
`;

describe('HAProxy runtime API parsing', () => {
  it('should read servers, weights and maintenance from show servers state', () => {
    const servers = parseServersState(STATE);
    expect(servers.map((s) => [s.name, s.port, s.weight, inMaintenance(s)])).toEqual([
      ['stable', 8081, 200, false],
      ['candidate', 8082, 0, true],
      // `disabled` in the config leaves 0x04 set after `state ready`: not maintenance.
      ['candidate-1', 8083, 40, false],
    ]);
  });

  it.each([
    ['a whole share on one server', 100, 1, 200],
    ['a share spread over two servers', 20, 2, 20],
    ['no share', 0, 3, 0],
    ['a tiny share still gets weight 1', 1, 5, 1],
  ])('should weigh %s', (_name, percent, servers, weight) => {
    expect(serverWeight(percent, servers)).toBe(weight);
  });
});

describe('nginx upstream file', () => {
  const servers = [
    { id: 'stable-0', role: 'stable' as const, address: '127.0.0.1:8081' },
    { id: 'candidate-0', role: 'candidate' as const, address: '127.0.0.1:8082' },
  ];

  it('should mark a role with no share down, since nginx rejects weight=0', () => {
    const text = renderUpstream('app', servers, { stable: 100, candidate: 0 });
    expect(text).toContain('server 127.0.0.1:8081 weight=100; # switchyard stable stable-0');
    expect(text).toContain('server 127.0.0.1:8082 down; # switchyard candidate candidate-0');
  });

  it('should read back the servers and split it wrote', () => {
    expect(parseUpstream(renderUpstream('app', servers, { stable: 80, candidate: 20 }))).toEqual({ servers, weights: { stable: 80, candidate: 20 } });
  });
});

describe('commands', () => {
  it('should pass arguments without a shell', async () => {
    const result = await execArgv(templateArgs(['/bin/echo', '{{stable}}; rm -rf /tmp/nothing', '$HOME'], { stable: '80' }), { timeoutMs: 5000 });
    expect(result).toEqual({ ok: true, value: { stdout: '80; rm -rf /tmp/nothing $HOME\n', stderr: '' } });
  });

  it('should kill a command at its timeout and say so', async () => {
    const result = await execArgv(['/bin/sleep', '5'], { timeoutMs: 100 });
    expect(result.ok ? '' : result.error).toMatch(/did not finish within 100 ms \(killed\)/);
  });

  it('should say a missing program cannot run', async () => {
    const result = await execArgv(['/nonexistent/set-weights'], { timeoutMs: 1000 });
    expect(result.ok ? '' : result.error).toMatch(/cannot run \/nonexistent\/set-weights: .*ENOENT/);
  });
});

describe('Prometheus instant queries', () => {
  let server: Server;
  let address = '';
  const replies: Record<string, unknown> = {
    one: { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '0.125'] }] } },
    none: { status: 'success', data: { resultType: 'vector', result: [] } },
    nan: { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, 'NaN'] }] } },
    bad: { status: 'error', error: 'parse error at char 3' },
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      const query = new URL(req.url ?? '', 'http://x').searchParams.get('query') ?? '';
      res.end(JSON.stringify(replies[query.split(':')[0] ?? ''] ?? replies.bad));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const bound = server.address();
    address = `http://127.0.0.1:${typeof bound === 'object' && bound ? bound.port : 0}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('should template the version and read one sample', async () => {
    expect(await prometheusQuery(address, 'one:{{version}}', { version: 'v2' }, 1000)).toEqual({ ok: true, value: 0.125 });
  });

  it.each([
    ['no series', 'none', /no data for none:v2/],
    ['NaN', 'nan', /is NaN \(no traffic in the window\?\)/],
    ['a rejected query', 'bad', /Prometheus rejected the query: parse error/],
  ])('should make %s an error measurement, never a zero', async (_name, query, message) => {
    const result = await prometheusQuery(address, `${query}:{{version}}`, { version: 'v2' }, 1000);
    expect(result.ok ? '' : result.error).toMatch(message);
  });

  it('should say when Prometheus is down', async () => {
    const result = await prometheusQuery('http://127.0.0.1:1', 'up', {}, 500);
    expect(result.ok ? '' : result.error).toMatch(/Prometheus unreachable: .*ECONNREFUSED/);
  });
});
