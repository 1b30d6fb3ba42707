import { createConnection } from 'node:net';
import type { PortResult } from '../../domain/ports';

/**
 * One command over HAProxy's runtime API: connect to the stats socket, write the command and a
 * newline, read until HAProxy closes the connection. One connection per command keeps errors
 * attributable to the command that caused them.
 *
 * @example
 * await haproxyCommand('/tmp/haproxy.sock', 'set server app/candidate weight 20', 5000); // { ok: true, value: '\n' }
 */
export function haproxyCommand(socketPath: string, command: string, timeoutMs: number): Promise<PortResult<string>> {
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const socket = createConnection({ path: socketPath });
    const finish = (result: PortResult<string>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, error: `HAProxy runtime API ${socketPath} did not answer "${command}" within ${timeoutMs} ms` }), timeoutMs);
    socket.on('connect', () => socket.end(`${command}\n`));
    socket.on('data', (chunk: Buffer) => (output += chunk.toString()));
    socket.on('end', () => finish({ ok: true, value: output }));
    socket.on('close', () => finish({ ok: true, value: output }));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? ': is HAProxy running with `stats socket ... level admin`?' : '';
      finish({ ok: false, error: `cannot reach HAProxy runtime API at ${socketPath} (${error.code ?? error.message})${hint}` });
    });
  });
}

/** Messages HAProxy answers a successful command with; anything else is an error text. */
const SUCCESS = [/^$/, /^New server registered\.?$/i, /^Server deleted\.?$/i, /changed from/i, /^no need to change/i];

/** Runs a command whose success answer is empty (or a known confirmation), as the `set` commands are. */
export async function haproxyAction(socketPath: string, command: string, timeoutMs: number): Promise<PortResult> {
  const result = await haproxyCommand(socketPath, command, timeoutMs);
  if (!result.ok) return result;
  const answer = result.value.trim();
  if (SUCCESS.some((pattern) => pattern.test(answer))) return { ok: true, value: undefined };
  return { ok: false, error: `HAProxy refused "${command}": ${answer}` };
}

/** A server as `show servers state` reports it. */
export interface ServerState {
  backend: string;
  name: string;
  address: string;
  port: number;
  /** 0 stopped, 1 starting, 2 running, 3 soft-stopping. */
  operational: number;
  /** Bit field: 0x01 forced maint, 0x02 inherited, 0x04 `disabled` in the config (kept after `state ready`, so not maintenance by itself), 0x08 drain, 0x20 resolution maint. */
  admin: number;
  weight: number;
}

/**
 * `show servers state BACKEND`: one line per server after a version line and a `#` header.
 *
 * @example
 * parseServersState('1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight ...\n3 app 1 stable 127.0.0.1 2 0 100 100 ... 8081 ...');
 */
export function parseServersState(text: string): ServerState[] {
  const lines = text.split('\n').map((line) => line.trim());
  const header = lines.find((line) => line.startsWith('#'))?.slice(1).trim().split(/\s+/) ?? [];
  const column = (name: string): number => header.indexOf(name);
  const servers: ServerState[] = [];
  for (const line of lines) {
    if (line === '' || line.startsWith('#') || !line.includes(' ')) continue;
    const fields = line.split(/\s+/);
    const at = (name: string): string => fields[column(name)] ?? '';
    servers.push({
      backend: at('be_name'),
      name: at('srv_name'),
      address: at('srv_addr'),
      port: Number(at('srv_port')),
      operational: Number(at('srv_op_state')),
      admin: Number(at('srv_admin_state')),
      weight: Number(at('srv_uweight')),
    });
  }
  return servers;
}

/** Maintenance, forced or inherited: such a server gets no traffic whatever its weight. */
export function inMaintenance(server: ServerState): boolean {
  return (server.admin & 0x23) !== 0;
}
