import { stringify } from 'yaml';

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

export function haproxyConfig(dir: string, ports: PlaygroundPorts): string {
  return `# switchyard playground: a private HAProxy on 127.0.0.1; the runner drives it through the socket.
global
  stats socket ${dir}/haproxy.sock mode 600 level admin
defaults
  mode http
  timeout connect 2s
  timeout client 10s
  timeout server 10s
frontend web
  bind 127.0.0.1:${ports.frontend}
  default_backend app
backend app
  balance random
  option httpchk GET /healthz
  default-server inter 1s fall 2 rise 1
  server stable 127.0.0.1:${ports.stable} weight 200 check
  server candidate 127.0.0.1:${ports.candidate} weight 0 check disabled
`;
}

export function prometheusConfig(ports: PlaygroundPorts): string {
  const targets = [ports.stable, ports.candidate, ports.candidate + 1, ports.candidate + 2].map((port) => `'127.0.0.1:${port}'`);
  return `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: demo\n    static_configs:\n      - targets: [${targets.join(', ')}]\n`;
}

const ERROR_RATE =
  '(sum(rate(http_requests_total{version="{{version}}",code=~"5.."}[10s])) or vector(0)) / sum(rate(http_requests_total{version="{{version}}"}[10s]))';
const P99 = 'histogram_quantile(0.99, sum by (le)(rate(http_request_duration_seconds_bucket{version="{{version}}"}[10s])))';

/** The playground's plans: a canary of a good v2, the same canary of a bad v2, and a blue-green. */
export function playgroundPlans(dir: string, demoService: string, ports: PlaygroundPorts): Record<string, string> {
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
          { name: 'latency', metric: 'latencyP99', interval: '2s', initialDelay: '2s', count: 4, failureCondition: 'result >= 0.5', consecutiveErrorLimit: 5, provider: { prometheus: { address: prometheus, query: P99 } } },
        ],
        policy: { onFailure: 'rollback', progressDeadlineSeconds: 60 },
        targets: {
          router: { haproxy: { socket: `${dir}/haproxy.sock`, backend: 'app', stableServer: 'stable', candidateServer: 'candidate' } },
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
    'blue-green': plan('blue-green', { blueGreen: { prePromotionAnalysis: { templates: ['error-rate'] }, scaleDownDelaySeconds: 2 } }, false),
  };
}
