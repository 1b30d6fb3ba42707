import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stopNginx } from '../../adapters/nginx/stop';
import { PlaygroundChildren } from '../../runner/playground/children';
import { haproxyConfig, haproxyStateFile, nginxArgs, nginxFiles, nginxPrefix, PLAYGROUND_ROUTERS, playgroundPlans, playgroundPorts, prometheusArgs, prometheusConfig, type PlaygroundPorts, type PlaygroundRouter } from '../../runner/playground/files';
import { PLAYGROUND_STATE_FILE, waitUntilReady, type PlaygroundState } from '../../runner/playground/readiness';
import { stopRunInstances } from '../../runner/playground/runInstances';
import { flag, integerOption, rejectUnknownOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';
import { runKubernetesPlayground } from './playgroundKubernetes';

const DEFAULT_BASE_PORT = 18080;
const READY_TIMEOUT_MS = 30_000;
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

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
 * `switchyard playground [--dir DIR] [--port BASE] [--router haproxy|nginx] [--kubernetes]`: a private HAProxy (or nginx), Prometheus and the stable
 * demo service (v1) on 127.0.0.1, with plans to release v2 (good and bad) against them. Once the
 * service answers and Prometheus has scraped it, writes playground.json in DIR (removed on stop);
 * runs until Ctrl-C (or SIGTERM, or its terminal closing), then stops everything it started.
 */
export async function runPlayground(args: ParsedArgs, io: CliIO): Promise<number> {
  rejectUnknownOptions(args, ['dir', 'port', 'router', 'kubernetes']);
  const dir = resolve(stringOption(args, 'dir') ?? 'switchyard-playground');
  if (flag(args, 'kubernetes')) return runKubernetesPlayground(dir, io);
  const ports = playgroundPorts(integerOption(args, 'port') ?? DEFAULT_BASE_PORT);
  const router = routerOption(stringOption(args, 'router'));
  const demo = demoServicePath();
  const plans = writePlaygroundFiles(dir, ports, router, demo);

  let stopRequested = false;
  let requestStop = (): void => undefined;
  const stopSignal = new Promise<void>((done) => (requestStop = done));
  const stop = (signal: NodeJS.Signals): void => {
    // The terminal is gone: what is said while stopping must not end the process half way.
    if (signal === 'SIGHUP') for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    stopRequested = true;
    requestStop();
  };
  // Handled for as long as the playground runs: a second Ctrl-C must not cut the stop short.
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  const children = new PlaygroundChildren();
  children.start('demo v1', process.execPath, [demo, '--port', String(ports.stable), '--version', 'v1']);
  const routerName = router === 'nginx' ? 'nginx' : 'HAProxy';
  if (router === 'nginx') {
    children.start('nginx', 'nginx', nginxArgs(nginxPrefix(dir)), stopNginxMaster);
  } else {
    children.start('haproxy', 'haproxy', ['-f', join(dir, 'haproxy.cfg'), '-db']);
  }
  children.start('prometheus', 'prometheus', prometheusArgs(join(dir, 'prometheus.yml'), join(dir, 'prometheus'), ports.prometheus));
  io.out(`playground in ${dir}: starting ${routerName} on :${ports.frontend}, Prometheus on :${ports.prometheus} and demo v1 on :${ports.stable}...`);

  const readiness = await waitUntilReady(ports, READY_TIMEOUT_MS, () => stopRequested || children.failure !== undefined);
  const stateFile = join(dir, PLAYGROUND_STATE_FILE);
  let code: number = EXIT.promoted;
  if (children.failure !== undefined || (!readiness.ready && !stopRequested)) {
    io.err(`playground: ${children.failure ?? `not ready after ${READY_TIMEOUT_MS / 1000} s: still waiting for ${readiness.ready ? 'nothing' : readiness.waitingFor}`}`);
    if (!children.failure?.startsWith('cannot start')) io.err(`playground: is something else using ports ${ports.frontend}-${ports.prometheus}? Try --port with another base.`);
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
    io.out(readyMessage(dir, ports, routerName, Object.keys(plans)));
    await stopSignal;
  }
  rmSync(stateFile, { force: true });
  const stoppedAll = await stopEverything(dir, children, io);
  for (const signal of STOP_SIGNALS) process.off(signal, stop);
  io.out('playground stopped');
  return !stoppedAll && code === EXIT.promoted ? EXIT.failed : code;
}

/** Its own processes, and the instances its plans' runs left running (the promoted version); false when something could not be stopped. */
async function stopEverything(dir: string, children: PlaygroundChildren, io: CliIO): Promise<boolean> {
  const [stoppedInstances, problems] = await Promise.all([stopRunInstances(dir), children.stopAll()]);
  for (const line of stoppedInstances) io.out(`playground: ${line}`);
  for (const problem of problems) io.err(`playground: ${problem}`);
  return problems.length === 0;
}

async function stopNginxMaster(pid: number): Promise<string | undefined> {
  const stopped = await stopNginx(pid);
  return stopped.ok ? undefined : stopped.error;
}

/** Configuration and plans in `dir`; returns the plans by name. */
function writePlaygroundFiles(dir: string, ports: PlaygroundPorts, router: PlaygroundRouter, demo: string): Record<string, string> {
  mkdirSync(join(dir, 'logs'), { recursive: true });
  rmSync(join(dir, PLAYGROUND_STATE_FILE), { force: true });
  mkdirSync(join(dir, 'prometheus'), { recursive: true });
  if (router === 'nginx') {
    const prefix = nginxPrefix(dir);
    for (const sub of ['conf', 'logs', 'tmp']) mkdirSync(join(prefix, sub), { recursive: true });
    const files = nginxFiles(prefix, ports.frontend, [ports.stable]);
    writeFileSync(join(prefix, 'conf', 'nginx.conf'), files.config);
    writeFileSync(files.upstreamFile, files.upstream);
  } else {
    // A new playground starts from v1 alone: a state file left by an earlier one would route to a candidate that is gone.
    rmSync(haproxyStateFile(dir), { force: true });
    writeFileSync(join(dir, 'haproxy.cfg'), haproxyConfig({ socket: join(dir, 'haproxy.sock'), listenPort: ports.frontend, stablePorts: [ports.stable], candidatePort: ports.candidate, stateFile: haproxyStateFile(dir) }));
  }
  // v1, and the candidates the plans start (basePort + index).
  writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig([ports.stable, ports.candidate, ports.candidate + 1, ports.candidate + 2]));
  const plans = playgroundPlans(dir, demo, ports, router);
  for (const [name, text] of Object.entries(plans)) writeFileSync(join(dir, `${name}.release.yaml`), text);
  return plans;
}

const TRIES: Record<string, string> = {
  canary: 'v2 promoted step by step',
  'canary-bad': 'a bad v2, rolled back by its gate',
  'blue-green': 'v2 checked on a preview, then switched',
  'shadow-bad': 'a bad v2 on mirrored traffic; users see only v1',
};

function readyMessage(dir: string, ports: PlaygroundPorts, routerName: string, plans: string[]): string {
  const runs = plans.map((name) => `  switchyard run ${join(dir, `${name}.release.yaml`)} --yes`);
  const width = Math.max(...runs.map((line) => line.length));
  return [
    'playground ready',
    `  ${`service (${routerName})`.padEnd(19)}http://127.0.0.1:${ports.frontend}/   stable v1 on :${ports.stable}`,
    `  ${'Prometheus'.padEnd(19)}http://127.0.0.1:${ports.prometheus}/`,
    'Try, in another terminal:',
    `  while true; do curl -s 127.0.0.1:${ports.frontend}; sleep 0.1; done`,
    ...runs.map((line, index) => `${line.padEnd(width)}   # ${TRIES[plans[index] ?? ''] ?? ''}`),
    'Ctrl-C stops the playground.',
  ].join('\n');
}
