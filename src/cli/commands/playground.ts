import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { haproxyConfig, nginxFiles, nginxPrefix, PLAYGROUND_ROUTERS, playgroundPlans, playgroundPorts, prometheusConfig, type PlaygroundRouter } from '../../runner/playground/files';
import { PLAYGROUND_STATE_FILE, waitUntilReady, type PlaygroundState } from '../../runner/playground/readiness';
import { integerOption, rejectUnknownOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';

const DEFAULT_BASE_PORT = 18080;
const READY_TIMEOUT_MS = 30_000;

/** Where the demo service is: next to the bundle (dist/ → ../playground) or in the source tree. */
function demoServicePath(): string {
  const candidates = [resolve(__dirname, '..', 'playground', 'demoService.mjs'), resolve(process.cwd(), 'playground', 'demoService.mjs')];
  return candidates.find((path) => existsSync(path)) ?? candidates[0] ?? 'playground/demoService.mjs';
}

function routerOption(value: string | undefined): PlaygroundRouter {
  if (value === undefined) return 'haproxy';
  const router = PLAYGROUND_ROUTERS.find((candidate) => candidate === value);
  if (!router) throw new UsageError(`--router ${value}: choose ${PLAYGROUND_ROUTERS.join(' or ')}`);
  return router;
}

/**
 * `switchyard playground [--dir DIR] [--port BASE] [--router haproxy|nginx]`: a private HAProxy (or nginx), Prometheus and the stable
 * demo service (v1) on 127.0.0.1, with plans to release v2 (good and bad) against them. Once the
 * service answers and Prometheus has scraped it, writes playground.json in DIR (removed on stop);
 * runs until Ctrl-C (or SIGTERM, or its terminal closing), then stops everything it started.
 */
export async function runPlayground(args: ParsedArgs, io: CliIO): Promise<number> {
  rejectUnknownOptions(args, ['dir', 'port', 'router']);
  const dir = resolve(stringOption(args, 'dir') ?? 'switchyard-playground');
  const ports = playgroundPorts(integerOption(args, 'port') ?? DEFAULT_BASE_PORT);
  const router = routerOption(stringOption(args, 'router'));
  const demo = demoServicePath();
  mkdirSync(join(dir, 'logs'), { recursive: true });
  rmSync(join(dir, PLAYGROUND_STATE_FILE), { force: true });
  mkdirSync(join(dir, 'prometheus'), { recursive: true });
  if (router === 'nginx') {
    const prefix = nginxPrefix(dir);
    for (const sub of ['conf', 'logs', 'tmp']) mkdirSync(join(prefix, sub), { recursive: true });
    const files = nginxFiles(dir, ports);
    writeFileSync(join(prefix, 'conf', 'nginx.conf'), files.config);
    writeFileSync(join(prefix, 'conf', 'upstream.conf'), files.upstream);
  } else {
    writeFileSync(join(dir, 'haproxy.cfg'), haproxyConfig(dir, ports));
  }
  writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig(ports));
  const plans = playgroundPlans(dir, demo, ports, router);
  for (const [name, text] of Object.entries(plans)) writeFileSync(join(dir, `${name}.release.yaml`), text);

  const children: ChildProcess[] = [];
  let failure: string | undefined;
  const start = (name: string, program: string, argv: string[]): void => {
    const child = spawn(program, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-400)));
    child.on('error', (error) => (failure ??= `cannot start ${name} (${program}): ${error.message}; run scripts/setup.sh to install it`));
    child.on('exit', (code, signal) => {
      if (stopping) return;
      failure ??= `${name} exited with ${code ?? signal}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-2).join(' ')}` : ''}`;
    });
    children.push(child);
  };
  let stopping = false;
  let stopRequested = false;
  const stopSignal = new Promise<void>((done) => {
    const stop = (): void => {
      stopRequested = true;
      done();
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
  });
  start('demo v1', process.execPath, [demo, '--port', String(ports.stable), '--version', 'v1']);
  if (router === 'nginx') {
    const prefix = nginxPrefix(dir);
    start('nginx', 'nginx', ['-p', prefix, '-c', 'conf/nginx.conf', '-e', join(prefix, 'logs', 'error.log'), '-g', 'daemon off;']);
  } else {
    start('haproxy', 'haproxy', ['-f', join(dir, 'haproxy.cfg'), '-db']);
  }
  const routerName = router === 'nginx' ? 'nginx' : 'HAProxy';
  start('prometheus', 'prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'prometheus')}`,
    `--web.listen-address=127.0.0.1:${ports.prometheus}`,
    '--storage.tsdb.retention.time=1h',
    '--log.level=warn',
  ]);
  io.out(`playground in ${dir}: starting ${routerName} on :${ports.frontend}, Prometheus on :${ports.prometheus} and demo v1 on :${ports.stable}...`);
  const readiness = await waitUntilReady(ports, READY_TIMEOUT_MS, () => stopRequested || failure !== undefined);
  const stateFile = join(dir, PLAYGROUND_STATE_FILE);
  let code: number = EXIT.promoted;
  if (failure !== undefined || (!readiness.ready && !stopRequested)) {
    io.err(`playground: ${failure ?? `not ready after ${READY_TIMEOUT_MS / 1000} s: still waiting for ${readiness.ready ? 'nothing' : readiness.waitingFor}`}`);
    io.err(`playground: is another playground using ports ${ports.frontend}-${ports.prometheus}? Try --port with another base.`);
    code = EXIT.failed;
  } else if (!stopRequested) {
    const state: PlaygroundState = {
      pid: process.pid,
      ports,
      frontend: `http://127.0.0.1:${ports.frontend}/`,
      prometheus: `http://127.0.0.1:${ports.prometheus}/`,
      plans: Object.keys(plans).map((name) => join(dir, `${name}.release.yaml`)),
    };
    writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
    io.out(`playground ready
  service (${routerName})${' '.repeat(Math.max(1, 9 - routerName.length))}http://127.0.0.1:${ports.frontend}/   stable v1 on :${ports.stable}
  Prometheus         http://127.0.0.1:${ports.prometheus}/
Try, in another terminal:
  while true; do curl -s 127.0.0.1:${ports.frontend}; sleep 0.1; done
  switchyard run ${join(dir, 'canary.release.yaml')} --yes        # v2 promoted step by step
  switchyard run ${join(dir, 'canary-bad.release.yaml')} --yes    # a bad v2, rolled back by its gate
  switchyard run ${join(dir, 'blue-green.release.yaml')} --yes${router === 'nginx' ? `\n  switchyard run ${join(dir, 'shadow-bad.release.yaml')} --yes     # a bad v2 on mirrored traffic; users see only v1` : ''}
Ctrl-C stops the playground.`);
    await stopSignal;
  }
  stopping = true;
  rmSync(stateFile, { force: true });
  // Wait for each to go (SIGKILL after 5 s), so nothing outlives the command that started it.
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }),
  );
  io.out('playground stopped');
  return code;
}
