import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Who listens on a TCP port: `ours` (every listening socket on it is open in the process group
 * the runner started), `free` (nobody listens yet), `theirs` (a socket open in no process of
 * that group listens on it: a leftover or a stranger answers there), or `unknown` (no /proc).
 */
export type PortHolder = 'ours' | 'free' | 'theirs' | 'unknown';

const LISTEN = '0A';

/**
 * Inodes of the sockets listening on `port`, IPv4 and IPv6, from /proc/net/tcp{,6}: each line
 * is `sl local_address rem_address st ... inode`, the address as hex `IP:PORT`.
 */
function listeningInodes(port: number): Set<string> | undefined {
  const inodes = new Set<string>();
  let read = false;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    read = true;
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (local === undefined || fields[3] !== LISTEN) continue;
      if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && fields[9] !== undefined) inodes.add(fields[9]);
    }
  }
  return read ? inodes : undefined;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith('socket:[')) inodes.add(target.slice(8, -1));
    } catch {
      // closed between the listing and the read
    }
  }
  return inodes;
}

/** The process group of a process: field 5 of /proc/PID/stat, counted from the `)` closing its name. */
function groupOf(pid: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

/** The other processes of a process group (the runner starts each instance as a group leader). */
function groupMembers(leader: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== leader)
    .map(Number)
    .filter((pid) => groupOf(pid) === leader);
}

/**
 * Whether the port is held by the process group led by `pid` (an instance and what it started,
 * say a wrapper script's server) and by nobody else. The leader's own sockets are looked at
 * first; the rest of its group only when they do not account for every listener.
 *
 * @example
 * if (portHolder(member.port, member.pid) === 'theirs') return `port ${member.port} answers for another process`;
 */
export function portHolder(port: number, pid: number): PortHolder {
  const listening = listeningInodes(port);
  if (listening === undefined) return 'unknown';
  if (listening.size === 0) return 'free';
  const unaccounted = new Set(listening);
  const account = (member: number): void => {
    for (const inode of socketInodes(member)) unaccounted.delete(inode);
  };
  account(pid);
  for (const member of unaccounted.size > 0 ? groupMembers(pid) : []) {
    account(member);
    if (unaccounted.size === 0) break;
  }
  return unaccounted.size === 0 ? 'ours' : 'theirs';
}
