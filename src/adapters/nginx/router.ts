import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { PortResult, RoutingSnapshot } from '../../domain/ports';
import type { NginxTarget } from '../../domain/plan/schema';
import type { Weights } from '../../domain/strategies/effects';
import { ROUTER_CAPABILITIES, type RouterFor } from '../../domain/targets/capabilities';
import { execArgv } from '../command/exec';
import { signalReload } from './reload';
import { NO_ROUTING, parseRouting, renderRouting, type NginxRouting } from './routing';
import { parseUpstream, renderUpstream, serverOf, type UpstreamServer } from './upstreamFile';

const OK: PortResult = { ok: true, value: undefined };

/**
 * The nginx router: the runner owns one upstream file. A change is a new file renamed over the
 * old one (a reader never sees half a file), `nginx -t`, then a reload (SIGHUP): old workers
 * finish their requests while new ones take new connections. When `-t` fails the old file goes
 * back before anything reloads, so users see no change.
 */
export function nginxRouter(target: NginxTarget): RouterFor<'nginx'> {
  const file = isAbsolute(target.upstreamFile) ? target.upstreamFile : join(target.prefix, target.upstreamFile);
  const binary = target.binary ?? 'nginx';
  const base = ['-p', target.prefix, '-c', target.config, '-e', join(target.prefix, 'logs', 'error.log')];
  const current = existsSync(file) ? parseUpstream(readFileSync(file, 'utf8')) : { servers: [], weights: { stable: 100, candidate: 0 } };
  let servers: UpstreamServer[] = current.servers.length > 0 ? current.servers : configured(target);
  let weights: Weights = current.weights;
  /** The shape (servers and routing, not weights) of the last file `nginx -t` accepted. */
  let testedShape: string | undefined;
  let routing: NginxRouting = existsSync(file) ? parseRouting(readFileSync(file, 'utf8')) : NO_ROUTING;

  const nginx = async (args: string[]): Promise<PortResult> => {
    const result = await execArgv([binary, ...base, ...args], { timeoutMs: target.timeout });
    return result.ok ? OK : { ok: false, error: `nginx ${args.join(' ')}: ${result.error}` };
  };
  const write = (text: string): void => {
    const temp = `${file}.switchyard-${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
  };
  const install = async (text: string): Promise<PortResult> => {
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : null;
    // Nothing changes: no test, no reload (a reload costs a worker restart and drops idle keep-alive connections).
    if (previous === text) return OK;
    write(text);
    // `nginx -t` (a new process parsing the whole config: 12 to 150 ms here) only when the file's
    // shape changes. A change of weights alone (`weight=N` or `down` on the same servers) cannot
    // make a config that passed the test invalid, and it is most of what a release does.
    const tested = previous !== null && shapeOf(previous) === shapeOf(text) && testedShape === shapeOf(text) ? OK : await nginx(['-t', '-q']);
    if (tested.ok) testedShape = shapeOf(text);
    if (!tested.ok) {
      if (previous !== null) write(previous);
      return { ok: false, error: `${tested.error} (the previous ${file} is back in place; nothing was reloaded)` };
    }
    const signalled = await signalReload(target.prefix, target.config, target.timeout);
    if (signalled === undefined) return nginx(['-s', 'reload']);
    return signalled.ok ? OK : signalled;
  };
  const apply = async (next: UpstreamServer[], split: Weights, nextRouting: NginxRouting = routing): Promise<PortResult> => {
    const empty = (['stable', 'candidate'] as const).find((role) => split[role] > 0 && !next.some((server) => server.role === role));
    if (empty) return { ok: false, error: `nginx upstream ${target.upstream} has no ${empty} server for ${split[empty]}% of traffic` };
    const result = await install(renderUpstream(target.upstream, next, split) + renderRouting(target.upstream, next, nextRouting));
    if (result.ok) {
      servers = next;
      weights = split;
      routing = nextRouting;
    }
    return result;
  };

  return {
    name: `nginx ${target.prefix} upstream ${target.upstream}`,
    capabilities: ROUTER_CAPABILITIES.nginx,
    setWeights: (split) => apply(servers, split),
    verify: async (split) => {
      const onDisk = existsSync(file) ? parseUpstream(readFileSync(file, 'utf8')).weights : null;
      if (onDisk && onDisk.stable === split.stable && onDisk.candidate === split.candidate) return OK;
      return { ok: false, error: `${file} routes ${onDisk ? `${onDisk.stable}/${onDisk.candidate}` : 'nothing'}, expected ${split.stable}/${split.candidate}` };
    },
    addMember: (member) => apply([...servers.filter((server) => server.id !== member.id), serverOf(member)], weights),
    removeMember: (member) => apply(servers.filter((server) => server.id !== member.id), weights),
    setHeaderRoutes: (routes) => apply(servers, weights, { ...routing, routes }),
    setMirror: (percent) => apply(servers, weights, { ...routing, mirrorPercent: percent }),
    snapshot: async (): Promise<PortResult<RoutingSnapshot>> => ({ ok: true, value: { router: 'nginx', weights, data: { servers, routing } } }),
    restore: (snapshot) => apply(servers, snapshot.weights, (snapshot.data as { routing?: NginxRouting } | null)?.routing ?? NO_ROUTING),
  };
}

/** A file without its weights: two files of the same shape differ only in `weight=N` / `down`. */
function shapeOf(text: string): string {
  return text.replace(/ weight=\d+| down(?=;)/g, '');
}

function configured(target: NginxTarget): UpstreamServer[] {
  return [
    ...target.stableServers.map((address, index) => ({ id: `stable-${index}`, role: 'stable' as const, address })),
    ...target.candidateServers.map((address, index) => ({ id: `candidate-${index}`, role: 'candidate' as const, address })),
  ];
}
