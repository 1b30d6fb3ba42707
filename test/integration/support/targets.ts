import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nginxArgs, nginxFiles, prometheusArgs, prometheusConfig } from '../../../src/runner/playground/files';
import { httpGet } from '../../../src/adapters/process/httpGet';
import { freePort, waitFor } from './ports';
import type { Processes } from './processes';

export interface HaproxyInstance {
  port: number;
  socket: string;
  url: string;
}

/**
 * A private HAProxy on 127.0.0.1: backend `app` with a `stable` server at weight 200 (100 %) and
 * a `candidate` server in maintenance until a release adds it. `balance random` so a new split
 * shows at once (round-robin sends a burst to a raised server first).
 */
export async function startHaproxy(processes: Processes, stablePort: number | number[], candidatePort: number, options: { abRoutes?: boolean; abBackend?: string } = {}): Promise<HaproxyInstance> {
  const dir = processes.tempDir('haproxy');
  const port = await freePort();
  const socket = join(dir, 'admin.sock');
  const config = join(dir, 'haproxy.cfg');
  const stablePorts = Array.isArray(stablePort) ? stablePort : [stablePort];
  // Stable instance i is server stable (i = 0) or stable-i, as the router names a role's servers.
  const stableServers = stablePorts.map((p, i) => `  server ${i === 0 ? 'stable' : `stable-${i}`} 127.0.0.1:${p} weight ${Math.round(200 / stablePorts.length)} check`).join('\n');
  const headerMap = join(dir, 'switchyard-header-x-variant.map');
  const cookieMap = join(dir, 'switchyard-cookie-variant.map');
  writeFileSync(headerMap, '');
  writeFileSync(cookieMap, '');
  // A/B: requests whose x-variant header or variant cookie is in a map go to the A/B backend
  // (app_candidate unless named); the runner fills the maps at run time (no reload).
  const abName = options.abBackend ?? 'app_candidate';
  const ab = options.abRoutes
    ? `  use_backend ${abName} if { req.hdr(x-variant),map_str(${headerMap}) -m found } || { req.cook(variant),map_str(${cookieMap}) -m found }\n`
    : '';
  const abBackend = options.abRoutes
    ? `backend ${abName}
  balance random
  option httpchk GET /healthz
  default-server inter 1s fall 2 rise 1
  server candidate 127.0.0.1:${candidatePort} weight 1 check disabled
`
    : '';
  writeFileSync(
    config,
    `global
  stats socket ${socket} mode 600 level admin
  maxconn 4000
defaults
  mode http
  timeout connect 2s
  timeout client 10s
  timeout server 10s
frontend web
  bind 127.0.0.1:${port}
${ab}  default_backend app
backend app
  balance random
  option httpchk GET /healthz
  default-server inter 1s fall 2 rise 1
${stableServers}
  server candidate 127.0.0.1:${candidatePort} weight 0 check disabled
${abBackend}`,
  );
  processes.start('haproxy', ['-f', config, '-db']);
  await waitFor(() => existsSync(socket), 5000, 'haproxy admin socket');
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(async () => (await httpGet(url, 500)).ok, 5000, 'haproxy frontend');
  return { port, socket, url };
}

export interface NginxInstance {
  port: number;
  prefix: string;
  upstreamFile: string;
  url: string;
}

/** A private nginx, configured as the playground's: prefix in a temp dir, all paths under it, 127.0.0.1 only. */
export async function startNginx(processes: Processes, stablePort: number | number[]): Promise<NginxInstance> {
  const prefix = processes.tempDir('nginx');
  for (const sub of ['conf', 'logs', 'tmp']) mkdirSync(join(prefix, sub), { recursive: true });
  const port = await freePort();
  const files = nginxFiles(prefix, port, Array.isArray(stablePort) ? stablePort : [stablePort]);
  writeFileSync(join(prefix, 'conf', 'nginx.conf'), files.config);
  writeFileSync(files.upstreamFile, files.upstream);
  processes.start('nginx', nginxArgs(prefix));
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(async () => (await httpGet(url, 500)).ok, 5000, 'nginx');
  return { port, prefix, upstreamFile: files.upstreamFile, url };
}

export interface PrometheusInstance {
  address: string;
}

/** A private Prometheus scraping every second; its first scrape comes about 6 s after start. */
export async function startPrometheus(processes: Processes, targets: number[]): Promise<PrometheusInstance> {
  const dir = processes.tempDir('prometheus');
  const port = await freePort();
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, prometheusConfig(targets));
  processes.start('prometheus', prometheusArgs(config, join(dir, 'data'), port));
  const address = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await httpGet(`${address}/-/ready`, 500)).ok, 10_000, 'prometheus ready');
  return { address };
}

/** Waits until Prometheus has scraped a target at least once (the first scrape is throttled). */
export async function waitForScrape(prometheus: PrometheusInstance, port: number): Promise<void> {
  const query = encodeURIComponent(`up{instance="127.0.0.1:${port}"}`);
  await waitFor(async () => {
    const reply = await httpGet(`${prometheus.address}/api/v1/query?query=${query}`, 1000);
    return reply.ok && reply.value.body.includes('"value":[') && reply.value.body.includes('"1"]');
  }, 20_000, `prometheus scrape of ${port}`);
}
