import type { PortResult } from '../../domain/ports';
import type { HeaderMatch } from '../../domain/plan/schema';
import { haproxyAction, haproxyCommand } from './runtimeApi';
import { writeAtomically } from './stateFile';

/**
 * Header and cookie routes (A/B) on HAProxy without a reload: the config routes on map lookups,
 * and the runner only changes the maps' contents through the runtime API. Which maps exist is
 * read from `show map`, by file name:
 *
 *   switchyard-header-<name>.map         exact value of request header <name>   (map_str)
 *   switchyard-header-<name>.prefix.map  value starts with                      (map_beg)
 *   switchyard-header-<name>.regex.map   value matches                          (map_reg)
 *   switchyard-cookie-<name>.map ...     the same for cookie <name>
 *
 * with a config line such as
 *   use_backend app_candidate if { req.hdr(x-variant),map_str(/etc/haproxy/switchyard-header-x-variant.map) -m found }
 *
 * Each map is replaced atomically (prepare map, add map @version, commit map): a request sees
 * the old set of routes or the new one, never half of it. With `persist`, each map file is then
 * rewritten (atomically) with what was committed, because HAProxy loads maps from their files
 * at a reload or restart and would otherwise forget the routes.
 */

interface RouteMap {
  file: string;
  basename: string;
}

export async function routeMaps(socket: string, timeoutMs: number): Promise<PortResult<RouteMap[]>> {
  const listed = await haproxyCommand(socket, 'show map', timeoutMs);
  if (!listed.ok) return listed;
  const maps: RouteMap[] = [];
  for (const line of listed.value.split('\n')) {
    const file = /^\s*-?\d+\s+\(([^)]+)\)/.exec(line)?.[1];
    const basename = file?.split('/').at(-1);
    if (file && basename?.startsWith('switchyard-')) maps.push({ file, basename });
  }
  return { ok: true, value: maps };
}

/** Map file name → keys, for a set of routes; an error when a route cannot be expressed. */
export function routeEntries(routes: readonly HeaderMatch[]): PortResult<Map<string, string[]>> {
  const entries = new Map<string, string[]>();
  const add = (basename: string, key: string): void => void entries.set(basename, [...(entries.get(basename) ?? []), key]);
  for (const route of routes) {
    const conditions = [
      ...Object.entries(route.headers ?? {}).map(([name, match]) => ({ source: 'header', name: name.toLowerCase(), match: match as { exact?: string; prefix?: string; regex?: string } })),
      ...Object.entries(route.cookie ?? {}).map(([name, match]) => ({ source: 'cookie', name, match: match as { exact?: string; prefix?: string; regex?: string } })),
    ];
    // Maps are looked up one per condition, so a route is an OR of lookups: an AND of two
    // conditions would send more traffic to the candidate than the plan says.
    if (conditions.length !== 1) return { ok: false, error: `HAProxy header routes take one header or cookie per match (got ${conditions.length}); list them as separate matches` };
    const [condition] = conditions;
    if (!condition) continue;
    const { exact, prefix, regex } = condition.match;
    if (exact !== undefined) add(`switchyard-${condition.source}-${condition.name}.map`, exact);
    if (prefix !== undefined) add(`switchyard-${condition.source}-${condition.name}.prefix.map`, prefix);
    if (regex !== undefined) add(`switchyard-${condition.source}-${condition.name}.regex.map`, regex);
  }
  return { ok: true, value: entries };
}

/** Replaces the contents of every switchyard map: the routes' keys, or nothing (routes off). */
export async function applyRoutes(socket: string, timeoutMs: number, routes: readonly HeaderMatch[], value: string, options: { persist?: boolean } = {}): Promise<PortResult> {
  const wanted = routeEntries(routes);
  if (!wanted.ok) return wanted;
  const maps = await routeMaps(socket, timeoutMs);
  if (!maps.ok) return maps;
  const known = new Set(maps.value.map((map) => map.basename));
  const missing = [...wanted.value.keys()].filter((name) => !known.has(name));
  if (missing.length > 0) {
    return { ok: false, error: `HAProxy has no map ${missing.join(', ')}: add a rule such as \`use_backend ${value} if { req.hdr(NAME),map_str(/path/${missing[0] ?? ''}) -m found }\` (the file may be empty) and reload HAProxy once` };
  }
  for (const map of maps.value) {
    const keys = wanted.value.get(map.basename) ?? [];
    const prepared = await haproxyCommand(socket, `prepare map ${map.file}`, timeoutMs);
    if (!prepared.ok) return prepared;
    const version = /New version created:\s*(\d+)/.exec(prepared.value)?.[1];
    if (version === undefined) return { ok: false, error: `HAProxy refused "prepare map ${map.file}": ${prepared.value.trim()}` };
    for (const key of keys) {
      if (/\s/.test(key)) return { ok: false, error: `HAProxy map keys cannot hold spaces: "${key}"` };
      const added = await haproxyAction(socket, `add map @${version} ${map.file} ${key} ${value}`, timeoutMs);
      if (!added.ok) return added;
    }
    const committed = await haproxyAction(socket, `commit map @${version} ${map.file}`, timeoutMs);
    if (!committed.ok) return committed;
    if (options.persist) {
      const written = writeAtomically(map.file, keys.map((key) => `${key} ${value}\n`).join(''));
      if (!written.ok) return { ok: false, error: `HAProxy took the routes, but ${written.error}, so a reload would undo them` };
    }
  }
  return { ok: true, value: undefined };
}

/** The keys in effect per map, for verification and snapshots. */
export async function currentRoutes(socket: string, timeoutMs: number): Promise<PortResult<Record<string, string[]>>> {
  const maps = await routeMaps(socket, timeoutMs);
  if (!maps.ok) return maps;
  const current: Record<string, string[]> = {};
  for (const map of maps.value) {
    const shown = await haproxyCommand(socket, `show map ${map.file}`, timeoutMs);
    if (!shown.ok) return shown;
    current[map.basename] = shown.value.split('\n').flatMap((line) => {
      const key = /^0x[0-9a-f]+\s+(\S+)/.exec(line.trim())?.[1];
      return key === undefined ? [] : [key];
    });
  }
  return { ok: true, value: current };
}
