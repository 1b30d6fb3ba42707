import { join } from 'node:path';
import { stringify } from 'yaml';
import { NO_ROUTING, renderRouting } from '../../adapters/nginx/routing';

/** The router a playground puts in front of the demo service. */
export type PlaygroundRouter = 'haproxy' | 'nginx';
export const PLAYGROUND_ROUTERS: readonly PlaygroundRouter[] = ['haproxy', 'nginx'];

/** Ports of a playground, all on 127.0.0.1, from one base (default 18080). */
export interface PlaygroundPorts {
  frontend: number;
  stable: number;
  candidate: number;
  prometheus: number;
}

export function playgroundPorts(base: number): PlaygroundPorts {
  return { frontend: base, stable: base + 1, candidate: base + 10, prometheus: base + 90 };
}

/** A/B: requests whose header or cookie is in one of these maps go to `backend` (the runner fills the maps, no reload). */
export interface HaproxyAbRoutes {
  backend: string;
  header: { name: string; map: string };
  cookie: { name: string; map: string };
}

/**
 * A private HAProxy on 127.0.0.1 driven through its admin socket: backend `app` with the stable
 * servers (stable, stable-1, ... as the router names a role's servers) sharing weight 200 and a
 * `candidate` server in maintenance until a release adds it. `balance random` so a new split
 * shows at once (round-robin sends a burst to a raised server first). With `stateFile`, HAProxy
 * loads the server state the runner writes there after every change, so a reload or restart
 * keeps the routing of a release (the plan's haproxy target names the same file).
 */
export function haproxyConfig(options: { socket: string; listenPort: number; stablePorts: readonly number[]; candidatePort: number; abRoutes?: HaproxyAbRoutes; stateFile?: string }): string {
  const { stablePorts, candidatePort, abRoutes } = options;
  const stableServers = stablePorts.map((port, i) => `  server ${i === 0 ? 'stable' : `stable-${i}`} 127.0.0.1:${port} weight ${Math.round(200 / stablePorts.length)} check`);
  const useAb = abRoutes
    ? [`  use_backend ${abRoutes.backend} if { req.hdr(${abRoutes.header.name}),map_str(${abRoutes.header.map}) -m found } || { req.cook(${abRoutes.cookie.name}),map_str(${abRoutes.cookie.map}) -m found }`]
    : [];
  const abBackend = abRoutes
    ? [`backend ${abRoutes.backend}`, '  balance random', '  option httpchk GET /healthz', '  default-server inter 1s fall 2 rise 1', `  server candidate 127.0.0.1:${candidatePort} weight 1 check disabled`]
    : [];
  return [
    '# A private HAProxy on 127.0.0.1; the runner drives it through the socket.',
    'global',
    `  stats socket ${options.socket} mode 600 level admin`,
    ...(options.stateFile ? [`  server-state-file ${options.stateFile}`] : []),
    '  maxconn 4000',
    'defaults',
    '  mode http',
    ...(options.stateFile ? ['  load-server-state-from-file global'] : []),
    '  timeout connect 2s',
    '  timeout client 10s',
    '  timeout server 10s',
    'frontend web',
    `  bind 127.0.0.1:${options.listenPort}`,
    ...useAb,
    '  default_backend app',
    'backend app',
    '  balance random',
    '  option httpchk GET /healthz',
    '  default-server inter 1s fall 2 rise 1',
    ...stableServers,
    `  server candidate 127.0.0.1:${candidatePort} weight 0 check disabled`,
    ...abBackend,
    '',
  ].join('\n');
}

/** Where a playground's HAProxy keeps the server state the runner writes (see haproxyConfig). */
export function haproxyStateFile(dir: string): string {
  return join(dir, 'haproxy.state');
}

/** nginx's prefix under the playground folder: conf/nginx.conf, the upstream file the runner owns, logs, temp paths. */
export function nginxPrefix(dir: string): string {
  return join(dir, 'nginx');
}

/** The file the runner owns, included in nginx's http block. */
export function nginxUpstreamFile(prefix: string): string {
  return join(prefix, 'conf', 'upstream.conf');
}

/**
 * A private nginx on 127.0.0.1 under `prefix`: every request proxied to `$switchyard_app` (stable,
 * or the candidate for requests a header route picks), each mirrored to the candidate when the
 * runner turns mirroring on. The upstream file is the runner's; it starts with the stable servers
 * alone (named stable-0, stable-1... as the router names a role's servers).
 */
export function nginxFiles(prefix: string, listenPort: number, stablePorts: readonly number[]): { config: string; upstream: string; upstreamFile: string } {
  const upstreamFile = nginxUpstreamFile(prefix);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${join(prefix, 'tmp', name)};`).join('\n');
  const config = `# A private nginx on 127.0.0.1; the runner rewrites ${upstreamFile} and reloads it.
pid ${join(prefix, 'logs', 'nginx.pid')};
error_log ${join(prefix, 'logs', 'error.log')} warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
${temp}
  include ${upstreamFile};
  server {
    listen 127.0.0.1:${listenPort};
    location / { mirror /_switchyard_mirror; proxy_pass http://$switchyard_app; proxy_http_version 1.1; proxy_set_header Connection ""; }
    location = /_switchyard_mirror {
      internal;
      if ($switchyard_app_mirror = "") { return 204; }
      proxy_pass http://app_candidate$request_uri;
      proxy_connect_timeout 1s;
    }
  }
}
`;
  const servers = stablePorts.map((port, i) => `    server 127.0.0.1:${port} weight=100; # switchyard stable stable-${i}`).join('\n');
  const upstream = `upstream app {\n${servers}\n}\n${renderRouting('app', [], NO_ROUTING)}`;
  return { config, upstream, upstreamFile };
}

/** How to run that nginx in the foreground (its master stays the child of whoever starts it). */
export function nginxArgs(prefix: string): string[] {
  return ['-p', prefix, '-c', 'conf/nginx.conf', '-e', join(prefix, 'logs', 'error.log'), '-g', 'daemon off;'];
}

/** How to run that Prometheus: its data under `dataDir`, an hour kept, on 127.0.0.1 only. */
export function prometheusArgs(configFile: string, dataDir: string, port: number): string[] {
  return [`--config.file=${configFile}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=1h', '--log.level=warn'];
}

/** Prometheus scraping these loopback ports every second. */
export function prometheusConfig(ports: readonly number[]): string {
  const targets = ports.map((port) => `'127.0.0.1:${port}'`);
  return `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: demo\n    static_configs:\n      - targets: [${targets.join(', ')}]\n`;
}

const ERROR_RATE =
  '(sum(rate(http_requests_total{version="{{version}}",code=~"5.."}[10s])) or vector(0)) / sum(rate(http_requests_total{version="{{version}}"}[10s]))';
const P99 = 'histogram_quantile(0.99, sum by (le)(rate(http_request_duration_seconds_bucket{version="{{version}}"}[10s])))';

/**
 * The playground's plans: a canary of a good v2, the same canary of a bad v2, and a blue-green;
 * behind nginx also a shadow of the bad v2 (mirrored traffic; users see only v1).
 */
export function playgroundPlans(dir: string, demoService: string, ports: PlaygroundPorts, router: PlaygroundRouter = 'haproxy'): Record<string, string> {
  const prometheus = `http://127.0.0.1:${ports.prometheus}`;
  const plan = (name: string, strategy: Record<string, unknown>, bad: boolean): string => {
    const header = `# ${name}: try \`switchyard run ${dir}/${name}.release.yaml --yes\` while \`curl 127.0.0.1:${ports.frontend}\` runs in a loop.\n`;
    return (
      header +
      stringify({
        service: 'demo',
        version: bad ? 'v2-bad' : 'v2',
        stableVersion: 'v1',
        replicas: 1,
        strategy,
        analysis: [
          { name: 'error-rate', metric: 'errorRate', interval: '2s', initialDelay: '2s', count: 4, failureCondition: 'result >= 0.05', consecutiveErrorLimit: 5, provider: { prometheus: { address: prometheus, query: ERROR_RATE } } },
          { name: 'latency', metric: 'latencyP99', unit: 's', interval: '2s', initialDelay: '2s', count: 4, failureCondition: 'result >= 0.5', consecutiveErrorLimit: 5, provider: { prometheus: { address: prometheus, query: P99 } } },
        ],
        policy: { onFailure: 'rollback', progressDeadlineSeconds: 60 },
        // What the demo service does, so `switchyard simulate` rehearses the same release first.
        scenarios: {
          [bad ? 'bad-version' : 'good-version']: {
            description: bad ? 'v2-bad fails half of its requests (the demo service with --bad).' : 'v2 behaves like v1.',
            traffic: { rps: 20 },
            stable: { errorRate: 0, latencyMs: 2 },
            candidate: { errorRate: bad ? 0.5 : 0, latencyMs: 2 },
          },
        },
        targets: {
          router:
            router === 'nginx'
              ? { nginx: { prefix: nginxPrefix(dir), upstreamFile: nginxUpstreamFile(nginxPrefix(dir)) } }
              : { haproxy: { socket: `${dir}/haproxy.sock`, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', stateFile: haproxyStateFile(dir) } },
          instances: {
            process: {
              command: ['node', demoService, '--port', '{{port}}', '--version', '{{version}}', ...(bad ? ['--bad'] : [])],
              basePort: ports.candidate,
              stablePorts: [ports.stable],
              logDir: `${dir}/logs`,
            },
          },
        },
      })
    );
  };
  const canary = { canary: { steps: [{ setWeight: 20 }, { analysis: { templates: ['error-rate', 'latency'] } }, { setWeight: 50 }, { analysis: { templates: ['error-rate'] } }] } };
  return {
    canary: plan('canary', canary, false),
    'canary-bad': plan('canary-bad', canary, true),
    // Nobody sends requests to a preview here, so a pre-promotion gate would have no data (and
    // never passes without it): the gate judges green once it serves, while blue still runs.
    'blue-green': plan('blue-green', { blueGreen: { postPromotionAnalysis: { templates: ['error-rate'] }, scaleDownDelaySeconds: 15 } }, false),
    ...(router === 'nginx' ? { 'shadow-bad': plan('shadow-bad', { shadow: { mirrorPercent: 100, iterations: 4, interval: '2s', threshold: 2, analysis: { templates: ['error-rate'] } } }, true) } : {}),
  };
}
