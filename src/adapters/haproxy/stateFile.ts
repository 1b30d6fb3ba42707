import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import type { PortResult } from '../../domain/ports';
import { haproxyCommand, parseServersState, type ServerState } from './runtimeApi';

/**
 * HAProxy keeps runtime changes (weights, drain, maintenance, addresses) in memory only: a reload
 * or a restart starts again from the config, which for a release means all traffic back on the
 * old version while the journal says promoted. With
 *
 *   global
 *     server-state-file /run/haproxy/app.state
 *   defaults
 *     load-server-state-from-file global
 *
 * HAProxy reads `show servers state` output back at start. The runner writes it there after every
 * change. What comes back is the state of the servers the config declares; servers added with
 * `add server` are not in the config, so HAProxy skips their lines: declare a server for every
 * instance that must survive a reload (`server candidate-1 ADDR weight 0 check disabled`; the
 * router takes over a declared server instead of adding one).
 */

/** Writes every backend's server state to `file`: a temp file, fsync, then a rename, so a reload never reads half a file. */
export async function saveServerState(socket: string, file: string, timeoutMs: number): Promise<PortResult> {
  const state = await haproxyCommand(socket, 'show servers state', timeoutMs);
  if (!state.ok) return state;
  if (!/^\d+\n#/.test(state.value)) return { ok: false, error: `HAProxy answered "show servers state" with ${JSON.stringify(state.value.trim().slice(0, 200))}` };
  return writeAtomically(file, state.value);
}

/** The servers of `backend` in a state file, or why it cannot be read. */
export function readServerState(file: string, backend: string): PortResult<ServerState[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, error: `cannot read HAProxy's state file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  return { ok: true, value: parseServersState(text).filter((server) => server.backend === backend) };
}

/** Replaces `file` with `text` so that a reader sees the old content or the new one, never a mix. */
export function writeAtomically(file: string, text: string): PortResult {
  const temp = `${file}.switchyard-${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    return { ok: true, value: undefined };
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    return { ok: false, error: `cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}
