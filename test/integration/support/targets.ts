import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopNginx } from '../../../src/adapters/nginx/stop';
import { haproxyConfig, nginxArgs, nginxFiles, prometheusArgs, prometheusConfig } from '../../../src/runner/playground/files';
import { httpGet } from '../../../src/adapters/process/httpGet';
import { freePort, waitFor } from './ports';
import type { Processes } from './processes';

export interface HaproxyInstance {
  port: number;
  socket: string;
  url: string;
}

/** A private HAProxy, configured as the playground's (see haproxyConfig), with A/B maps for the x-variant header and the variant cookie when asked. */
export async function startHaproxy(processes: Processes, stablePort: number | number[], candidatePort: number, options: { abRoutes?: boolean; abBackend?: string } = {}): Promise<HaproxyInstance> {
  const dir = processes.tempDir('haproxy');
  const port = await freePort();
  const socket = join(dir, 'admin.sock');
  const config = join(dir, 'haproxy.cfg');
  const header = { name: 'x-variant', map: join(dir, 'switchyard-header-x-variant.map') };
  const cookie = { name: 'variant', map: join(dir, 'switchyard-cookie-variant.map') };
  writeFileSync(header.map, '');
  writeFileSync(cookie.map, '');
  // The A/B backend is app_candidate (the router's default) unless the test names another.
  const abRoutes = options.abRoutes ? { backend: options.abBackend ?? 'app_candidate', header, cookie } : undefined;
  const stablePorts = Array.isArray(stablePort) ? stablePort : [stablePort];
  writeFileSync(config, haproxyConfig({ socket, listenPort: port, stablePorts, candidatePort, ...(abRoutes ? { abRoutes } : {}) }));
  processes.start('haproxy', ['-f', config, '-db']);
  await waitFor(() => existsSync(socket), 5000, 'haproxy admin socket');
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(async () => (await httpGet(url, 500)).ok, 5000, 'haproxy frontend');
  return { port, socket, url };
}

export interface NginxInstance {
  /** The master's pid (nginx runs in the foreground, as the child the suite started). */
  master: number;
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
  const child = processes.start('nginx', nginxArgs(prefix), { stop: stopNginxChild });
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(async () => (await httpGet(`${url}healthz`, 500)).ok, 5000, 'nginx');
  return { master: child.pid ?? 0, port, prefix, upstreamFile: files.upstreamFile, url };
}

/** The playground's stop routine, shortened: a test has no request worth waiting 5 s for. */
async function stopNginxChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const stopped = await stopNginx(child.pid, { quitMs: 2000, termMs: 2000 });
  if (!stopped.ok) throw new Error(stopped.error);
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
