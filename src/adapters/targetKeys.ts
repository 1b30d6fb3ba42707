import { readFileSync, realpathSync } from 'node:fs';
import { isIP } from 'node:net';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { Plan } from '../domain/plan/schema';
import { INSTANCE_HOST, STABLE_PORT_OFFSET } from './process/instances';

/**
 * The lock keys of a plan's targets, by what they are rather than how the plan spells them:
 * two plans overlap when they name the same thing, so they get the same key.
 *
 * - HAProxy: the socket's real path (symlinks, `./` and `..` resolved) and each backend the run
 *   changes (its backend; the A/B backend too when it routes by header).
 * - nginx: the real path of the upstream file the runner owns.
 * - command router: its program (real path when it is a path) and arguments.
 * - process instances: every port the runner may start one on (candidates from `basePort`,
 *   stable ones from `basePort + 100`), as `instance 127.0.0.1:PORT`; nginx's candidate servers
 *   as the addresses their host names resolve to in /etc/hosts (`localhost` is 127.0.0.1).
 *
 * @example
 * targetLockKeys(plan)
 * // ['haproxy /srv/pg/haproxy.sock backend app', 'instance 127.0.0.1:9000', 'instance 127.0.0.1:9100']
 */
export function targetLockKeys(plan: Plan): string[] {
  const keys: string[] = [];
  const { router, instances } = plan.targets ?? {};
  if (router?.haproxy) {
    const socket = realPath(router.haproxy.socket);
    const backends = [router.haproxy.backend, ...(routesByHeader(plan) ? [router.haproxy.candidateBackend ?? `${router.haproxy.backend}_candidate`] : [])];
    for (const backend of backends) keys.push(`haproxy ${socket} backend ${backend}`);
  }
  if (router?.nginx) {
    const { prefix, upstreamFile } = router.nginx;
    // As the nginx router resolves it: relative to the prefix.
    keys.push(`nginx upstream file ${realPath(isAbsolute(upstreamFile) ? upstreamFile : join(prefix, upstreamFile))}`);
    for (const server of router.nginx.candidateServers) for (const address of resolveAddress(server)) keys.push(`instance ${address}`);
  }
  if (router?.command) {
    const [program = '', ...args] = router.command.setWeights;
    keys.push(`command router ${JSON.stringify([program.includes('/') ? realPath(program) : program, ...args])}`);
  }
  if (instances?.process) {
    const { basePort } = instances.process;
    for (let index = 0; index < candidateCeiling(plan); index++) keys.push(`instance ${INSTANCE_HOST}:${basePort + index}`);
    for (let index = 0; index < plan.replicas; index++) keys.push(`instance ${INSTANCE_HOST}:${basePort + STABLE_PORT_OFFSET + index}`);
  }
  return [...new Set(keys)];
}

/** The real path of a file; of its folder when the file is not there yet (a router not started). */
function realPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/**
 * `host:port` (or `[v6]:port`) as `ADDRESS:PORT`, for every address the host has in /etc/hosts;
 * an address as it is; a name /etc/hosts does not know as written (lower case). Lock keys are
 * taken synchronously, so DNS is not asked.
 */
function resolveAddress(server: string): string[] {
  const colon = server.lastIndexOf(':');
  const host = (colon > 0 ? server.slice(0, colon) : server).replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const port = colon > 0 ? server.slice(colon + 1) : '80';
  const addresses = isIP(host) ? [host] : hostsAddresses(host);
  return (addresses.length > 0 ? addresses : [host]).map((address) => (isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`));
}

function hostsAddresses(host: string): string[] {
  let text = '';
  try {
    text = readFileSync('/etc/hosts', 'utf8');
  } catch {
    // no hosts file: only `localhost` is known
  }
  const addresses = text.split('\n').flatMap((line) => {
    const [address, ...names] = (line.split('#')[0] ?? '').trim().split(/\s+/);
    return address && isIP(address) && names.some((name) => name.toLowerCase() === host) ? [address] : [];
  });
  if (host === 'localhost' && !addresses.includes('127.0.0.1')) addresses.unshift('127.0.0.1');
  return addresses;
}

/** A/B tests and canary steps with a header route change the A/B backend too. */
function routesByHeader(plan: Plan): boolean {
  return plan.strategy.abTest !== undefined || (plan.strategy.canary?.steps ?? []).some((step) => step.setHeaderRoute !== undefined);
}

/** The most candidates a plan may run: its replicas, or more when a step scales the canary past them. */
function candidateCeiling(plan: Plan): number {
  const scaled = (plan.strategy.canary?.steps ?? []).map((step) => step.setCanaryScale?.replicas ?? 0);
  return Math.max(plan.replicas, ...scaled);
}
