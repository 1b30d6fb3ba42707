#!/usr/bin/env node
// A small demo service for `switchyard playground` and the integration tests: GET / answers
// with its version, /healthz says it is alive, /metrics exposes Prometheus counters and a latency
// histogram labelled with the version. `--bad` (or BAD=1) makes it fail a share of requests.
// Binds 127.0.0.1 only.
import { createServer } from 'node:http';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const port = Number(option('port', process.env.PORT ?? '8080'));
const version = option('version', process.env.VERSION ?? 'v1');
const bad = args.includes('--bad') || process.env.BAD === '1';
const errorRate = Number(option('error-rate', bad ? '0.5' : '0'));
const latencyMs = Number(option('latency-ms', '2'));
// A slow boot (JIT warm-up, cache loading) to test what happens while an instance is starting.
const bootDelayMs = Number(option('boot-delay-ms', '0'));

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const counts = new Map(); // code -> n
const buckets = BUCKETS.map(() => 0);
let sum = 0;
let total = 0;

function observe(seconds, code) {
  counts.set(code, (counts.get(code) ?? 0) + 1);
  BUCKETS.forEach((le, i) => { if (seconds <= le) buckets[i] += 1; });
  sum += seconds;
  total += 1;
}

function metrics() {
  const lines = ['# TYPE http_requests_total counter'];
  for (const [code, n] of counts) lines.push(`http_requests_total{code="${code}",version="${version}"} ${n}`);
  if (counts.size === 0) lines.push(`http_requests_total{code="200",version="${version}"} 0`);
  lines.push('# TYPE http_request_duration_seconds histogram');
  BUCKETS.forEach((le, i) => lines.push(`http_request_duration_seconds_bucket{le="${le}",version="${version}"} ${buckets[i]}`));
  lines.push(`http_request_duration_seconds_bucket{le="+Inf",version="${version}"} ${total}`);
  lines.push(`http_request_duration_seconds_sum{version="${version}"} ${sum}`);
  lines.push(`http_request_duration_seconds_count{version="${version}"} ${total}`);
  return `${lines.join('\n')}\n`;
}

const server = createServer((req, res) => {
  if (req.url === '/healthz') return res.end('ok\n');
  if (req.url === '/metrics') {
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    return res.end(metrics());
  }
  const started = process.hrtime.bigint();
  setTimeout(() => {
    const code = Math.random() < errorRate ? 500 : 200;
    observe(Number(process.hrtime.bigint() - started) / 1e9, String(code));
    res.statusCode = code;
    res.setHeader('x-version', version);
    res.end(`${version}\n`);
  }, latencyMs);
});
server.keepAliveTimeout = 5000;
setTimeout(() => server.listen(port, '127.0.0.1', () => console.log(`demo ${version}${bad ? ' (bad)' : ''} on 127.0.0.1:${port}`)), bootDelayMs);
// Graceful stop: finish what is in flight, then exit, as a drained instance should.
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections?.();
  setTimeout(() => process.exit(0), 3000).unref();
});
