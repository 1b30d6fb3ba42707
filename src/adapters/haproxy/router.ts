import type { Member, PortResult, RoutingSnapshot } from '../../domain/ports';
import type { HaproxyTarget } from '../../domain/plan/schema';
import type { Role, Weights } from '../../domain/strategies/effects';
import { ROUTER_CAPABILITIES, type RouterFor } from '../../domain/targets/capabilities';
import { applyRoutes, currentRoutes } from './routes';
import { haproxyAction, haproxyCommand, inMaintenance, parseServersState, type ServerState } from './runtimeApi';
import { readServerState, saveServerState } from './stateFile';

const OK: PortResult = { ok: true, value: undefined };
const ROLES: readonly Role[] = ['stable', 'candidate'];
/** HAProxy weights go to 256; twice the percentage keeps a one-server role exact and leaves room. */
const WEIGHT_SCALE = 2;

/**
 * The HAProxy router: weights, drain and maintenance through the runtime API, no reload, so
 * nothing in flight is dropped. A role is one or more servers of the backend: the configured
 * `stableServer` / `candidateServer`, plus `NAME-1`, `NAME-2`... added with `add server` (or
 * declared in the config, disabled, and taken over). With `stateFile`, every change is written
 * to HAProxy's server-state file as well (see stateFile.ts), so a reload or restart keeps it.
 *
 * @example
 * const router = haproxyRouter({ socket: '/tmp/h.sock', backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: 1000, timeout: 5000 });
 * await router.setWeights({ stable: 80, candidate: 20 });
 */
export function haproxyRouter(target: HaproxyTarget, sleep = defaultSleep): RouterFor<'haproxy'> {
  const run = (command: string): Promise<PortResult> => haproxyAction(target.socket, command, target.timeout);
  const qualified = (server: string): string => `${target.backend}/${server}`;
  let lastWeights: Weights | undefined;

  /**
   * After a change (whole or partial: HAProxy keeps what it accepted), what HAProxy holds goes to
   * the state file, so a reload serves what the runner set rather than what the config says.
   */
  const persisted = async (change: Promise<PortResult>): Promise<PortResult> => {
    const result = await change;
    if (target.stateFile === undefined) return result;
    const saved = await saveServerState(target.socket, target.stateFile, target.timeout);
    if (!result.ok || saved.ok) return result;
    return { ok: false, error: `HAProxy took the change, but its state file could not be written, so a reload would undo it: ${saved.error}` };
  };

  const servers = async (): Promise<PortResult<ServerState[]>> => {
    const result = await haproxyCommand(target.socket, `show servers state ${target.backend}`, target.timeout);
    if (!result.ok) return result;
    if (!result.value.includes('#')) return { ok: false, error: `HAProxy: ${result.value.trim() || `no backend ${target.backend}`}` };
    return { ok: true, value: parseServersState(result.value) };
  };
  const roleOf = (name: string): Role | undefined => {
    for (const role of ROLES) {
      const base = baseName(target, role);
      if (name === base || new RegExp(`^${escape(base)}-\\d+$`).test(name)) return role;
    }
    return undefined;
  };
  /** Servers that take traffic for a role: not in maintenance, not draining away. */
  const liveByRole = (all: ServerState[], leaving: ReadonlySet<string>): Record<Role, ServerState[]> => {
    const live = all.filter((server) => !inMaintenance(server) && !leaving.has(server.name));
    return { stable: live.filter((s) => roleOf(s.name) === 'stable'), candidate: live.filter((s) => roleOf(s.name) === 'candidate') };
  };

  /** The backend header routes send matching requests to: the plan's candidateBackend, else `<backend>_candidate`, when the config has one. */
  const abBackend = target.candidateBackend ?? `${target.backend}_candidate`;
  const hasBackend = async (backend: string): Promise<boolean> => {
    const result = await haproxyCommand(target.socket, `show servers state ${backend}`, target.timeout);
    return result.ok && result.value.includes('#');
  };
  /** Puts a server in service in a backend (added, or re-addressed and made ready), once HAProxy sees it up. */
  const enlist = async (backend: string, name: string, member: Member, weight = 0): Promise<PortResult> => {
    const state = await haproxyCommand(target.socket, `show servers state ${backend}`, target.timeout);
    if (!state.ok) return state;
    const existing = parseServersState(state.value).find((server) => server.name === name);
    const full = `${backend}/${name}`;
    const steps = existing
      ? [
          `set server ${full} weight ${weight}`,
          ...(existing.address === member.host && existing.port === member.port ? [] : [`set server ${full} addr ${member.host} port ${member.port}`]),
          `set server ${full} state ready`,
        ]
      : [`add server ${full} ${member.host}:${member.port} weight ${weight} check inter 1s`, `enable health ${full}`, `enable server ${full}`];
    for (const command of steps) {
      const result = await run(command);
      if (!result.ok) return result;
    }
    // A server out of maintenance is down until its first health check passes; traffic given
    // to it before then would go nowhere, so the member counts only once HAProxy sees it up.
    const deadline = Date.now() + target.timeout;
    for (;;) {
      const now = await haproxyCommand(target.socket, `show servers state ${backend}`, target.timeout);
      if (now.ok && parseServersState(now.value).find((server) => server.name === name)?.operational === 2) return OK;
      if (Date.now() > deadline) return { ok: false, error: `HAProxy ${full} (${member.host}:${member.port}) did not pass its health check within ${target.timeout} ms` };
      await sleep(50);
    }
  };

  const apply = async (weights: Weights, leaving: ReadonlySet<string> = new Set()): Promise<PortResult> => {
    const state = await servers();
    if (!state.ok) return state;
    const byRole = liveByRole(state.value, leaving);
    const changes: { server: ServerState; weight: number }[] = [];
    for (const role of ROLES) {
      const members = byRole[role];
      if (weights[role] > 0 && members.length === 0) return { ok: false, error: `HAProxy backend ${target.backend} has no ${role} server in service for ${weights[role]}% of traffic` };
      for (const server of members) changes.push({ server, weight: serverWeight(weights[role], members.length) });
    }
    // Raise incoming servers before lowering outgoing ones: lowering first can leave the backend
    // with no weight for a moment, and HAProxy answers 503 then (measured: a few per switch).
    changes.sort((a, b) => b.weight - b.server.weight - (a.weight - a.server.weight));
    for (const { server, weight } of changes) {
      if (server.weight === weight) continue;
      const result = await run(`set server ${qualified(server.name)} weight ${weight}`);
      if (!result.ok) return result;
    }
    lastWeights = weights;
    return OK;
  };

  /** The first live server whose weight is not its role's share of `weights`, if any. */
  const misweighted = (all: ServerState[], weights: Weights): { server: ServerState; role: Role; expected: number } | undefined => {
    const byRole = liveByRole(all, new Set());
    for (const role of ROLES) {
      const expected = serverWeight(weights[role], byRole[role].length);
      const server = byRole[role].find((candidate) => candidate.weight !== expected);
      if (server) return { server, role, expected };
    }
    return undefined;
  };

  const addMemberNow = async (member: Member): Promise<PortResult> => {
    const name = serverName(target, member);
    const enlisted = await enlist(target.backend, name, member);
    if (!enlisted.ok) return enlisted;
    // A/B: the candidate backend that header routes point at gets the same candidates.
    if (member.role === 'candidate' && (await hasBackend(abBackend))) {
      const ab = await enlist(abBackend, name, member, 1);
      if (!ab.ok) return ab;
    }
    return lastWeights ? apply(lastWeights) : OK;
  };

  const removeMemberNow = async (member: Member): Promise<PortResult> => {
    const name = serverName(target, member);
    // Give the leaving server's share to the rest of its role first, then drain it: running
    // requests finish, new ones go elsewhere; only then is it taken out.
    const state = await servers();
    if (!state.ok) return state;
    // A server added at runtime is gone after a reload of HAProxy: nothing left to take out.
    if (!state.value.some((server) => server.name === name)) return lastWeights ? apply(lastWeights) : OK;
    const weights = lastWeights ?? weightsOf(liveByRole(state.value, new Set()));
    const reweighted = await apply(weights, new Set([name]));
    if (!reweighted.ok && weights[member.role] > 0) return reweighted;
    const drained = await run(`set server ${qualified(name)} state drain`);
    if (!drained.ok) return drained;
    await sleep(target.drainTime);
    for (const backend of member.role === 'candidate' && (await hasBackend(abBackend)) ? [target.backend, abBackend] : [target.backend]) {
      const maint = await run(`set server ${backend}/${name} state maint`);
      if (!maint.ok) return maint;
      const deleted = name === baseName(target, member.role) ? OK : await run(`del server ${backend}/${name}`);
      if (!deleted.ok) return deleted;
    }
    return OK;
  };

  const restoreNow = async (snapshot: RoutingSnapshot): Promise<PortResult> => {
    const restored = await apply(snapshot.weights);
    if (!restored.ok) return restored;
    // The safe routing had no header routes (a release adds them): take any off again.
    const routes = (snapshot.data as { routes?: Record<string, string[]> } | null)?.routes ?? {};
    return Object.values(routes).every((keys) => keys.length === 0) ? applyRoutes(target.socket, target.timeout, [], abBackend, { persist: target.stateFile !== undefined }) : OK;
  };

  return {
    name: `haproxy ${target.socket} backend ${target.backend}`,
    capabilities: ROUTER_CAPABILITIES.haproxy,
    setWeights: (weights) => persisted(apply(weights)),
    verify: async (weights) => {
      const state = await servers();
      if (!state.ok) return state;
      const wrong = misweighted(state.value, weights);
      if (wrong) return { ok: false, error: `HAProxy ${qualified(wrong.server.name)} has weight ${wrong.server.weight}, expected ${wrong.expected} for ${weights[wrong.role]}% ${wrong.role}` };
      if (target.stateFile === undefined) return OK;
      // What a reload would bring back must be what is in effect now.
      const saved = readServerState(target.stateFile, target.backend);
      if (!saved.ok) return saved;
      const stale = misweighted(saved.value, weights);
      if (stale) return { ok: false, error: `HAProxy's state file ${target.stateFile} has ${stale.server.name} at weight ${stale.server.weight}, not ${stale.expected}: a reload would route differently` };
      return OK;
    },
    addMember: (member) => persisted(addMemberNow(member)),
    removeMember: (member) => persisted(removeMemberNow(member)),
    snapshot: async (): Promise<PortResult<RoutingSnapshot>> => {
      const state = await servers();
      if (!state.ok) return state;
      const weights = weightsOf(liveByRole(state.value, new Set()));
      const routes = await currentRoutes(target.socket, target.timeout);
      const data = { servers: state.value.map(({ name, weight, admin }) => ({ name, weight, admin })), routes: routes.ok ? routes.value : {} };
      return { ok: true, value: { router: 'haproxy', weights, data } };
    },
    restore: (snapshot) => persisted(restoreNow(snapshot)),
    setHeaderRoutes: (routes) => persisted(applyRoutes(target.socket, target.timeout, routes, abBackend, { persist: target.stateFile !== undefined })),
  };
}

/** The split a backend's live servers give, in percent. */
function weightsOf(byRole: Record<Role, ServerState[]>): Weights {
  const total = (role: Role): number => byRole[role].reduce((sum, server) => sum + server.weight, 0);
  const sum = total('stable') + total('candidate');
  const candidate = sum === 0 ? 0 : Math.round((total('candidate') * 100) / sum);
  return { stable: 100 - candidate, candidate };
}

function baseName(target: HaproxyTarget, role: Role): string {
  return role === 'stable' ? target.stableServer : target.candidateServer;
}

/** Member `candidate-0` is the configured server; `candidate-2` becomes `<candidateServer>-2`. */
function serverName(target: HaproxyTarget, member: Member): string {
  const index = Number(/-(\d+)$/.exec(member.id)?.[1] ?? '0');
  const base = baseName(target, member.role);
  return index === 0 ? base : `${base}-${index}`;
}

/** Per-server weight of a role's share spread over its servers (at least 1 while it has a share). */
export function serverWeight(percent: number, servers: number): number {
  if (percent <= 0 || servers === 0) return 0;
  return Math.max(1, Math.round((percent * WEIGHT_SCALE) / servers));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
