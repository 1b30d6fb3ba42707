import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { haproxyConfig, playgroundPlans, playgroundPorts, prometheusConfig } from '../../runner/playground/files';
import { integerOption, rejectUnknownOptions, stringOption, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';

const DEFAULT_BASE_PORT = 18080;

/** Where the demo service is: next to the bundle (dist/ → ../playground) or in the source tree. */
function demoServicePath(): string {
  const candidates = [resolve(__dirname, '..', 'playground', 'demoService.mjs'), resolve(process.cwd(), 'playground', 'demoService.mjs')];
  return candidates.find((path) => existsSync(path)) ?? candidates[0] ?? 'playground/demoService.mjs';
}

/**
 * `switchyard playground [--dir DIR] [--port BASE]`: a private HAProxy, Prometheus and the stable
 * demo service (v1) on 127.0.0.1, with plans to release v2 (good and bad) against them. Runs
 * until Ctrl-C, then stops everything it started.
 */
export async function runPlayground(args: ParsedArgs, io: CliIO): Promise<number> {
  rejectUnknownOptions(args, ['dir', 'port']);
  const dir = resolve(stringOption(args, 'dir') ?? 'switchyard-playground');
  const ports = playgroundPorts(integerOption(args, 'port') ?? DEFAULT_BASE_PORT);
  const demo = demoServicePath();
  mkdirSync(join(dir, 'logs'), { recursive: true });
  mkdirSync(join(dir, 'prometheus'), { recursive: true });
  writeFileSync(join(dir, 'haproxy.cfg'), haproxyConfig(dir, ports));
  writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig(ports));
  const plans = playgroundPlans(dir, demo, ports);
  for (const [name, text] of Object.entries(plans)) writeFileSync(join(dir, `${name}.release.yaml`), text);

  const children: ChildProcess[] = [];
  const start = (name: string, program: string, argv: string[]): void => {
    const child = spawn(program, argv, { stdio: 'ignore' });
    child.on('error', (error) => io.err(`playground: cannot start ${name} (${program}): ${error.message}; run scripts/setup.sh to install it`));
    child.on('exit', (code) => code !== null && code !== 0 && io.err(`playground: ${name} exited with ${code}`));
    children.push(child);
  };
  start('demo v1', process.execPath, [demo, '--port', String(ports.stable), '--version', 'v1']);
  start('haproxy', 'haproxy', ['-f', join(dir, 'haproxy.cfg'), '-db']);
  start('prometheus', 'prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'prometheus')}`,
    `--web.listen-address=127.0.0.1:${ports.prometheus}`,
    '--storage.tsdb.retention.time=1h',
    '--log.level=warn',
  ]);
  io.out(`playground in ${dir}
  service (HAProxy)  http://127.0.0.1:${ports.frontend}/   stable v1 on :${ports.stable}
  Prometheus         http://127.0.0.1:${ports.prometheus}/  (first scrape about 6 s after start)
Try, in another terminal:
  while true; do curl -s 127.0.0.1:${ports.frontend}; sleep 0.1; done
  switchyard run ${join(dir, 'canary.release.yaml')} --yes        # v2 promoted step by step
  switchyard run ${join(dir, 'canary-bad.release.yaml')} --yes    # a bad v2, rolled back by its gate
  switchyard run ${join(dir, 'blue-green.release.yaml')} --yes
Ctrl-C stops the playground.`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
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
  return EXIT.promoted;
}
