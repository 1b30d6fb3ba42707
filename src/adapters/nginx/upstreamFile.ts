import type { Member } from '../../domain/ports';
import type { Role, Weights } from '../../domain/strategies/effects';

/** A server line the runner owns; the trailing comment carries role and id so the file reads back. */
export interface UpstreamServer {
  id: string;
  role: Role;
  address: string;
}

const LINE = /^\s*server\s+(\S+?)(?:\s+weight=(\d+))?(\s+down)?;\s*#\s*switchyard\s+(stable|candidate)\s+(\S+)/;

/**
 * The upstream block for a split. nginx rejects `weight=0`, so a role with no share is `down`;
 * a role's share is spread over its servers like HAProxy's.
 *
 * @example
 * renderUpstream('app', [{ id: 'stable-0', role: 'stable', address: '127.0.0.1:8081' }, { id: 'candidate-0', role: 'candidate', address: '127.0.0.1:8082' }], { stable: 80, candidate: 20 });
 * // upstream app {\n    server 127.0.0.1:8081 weight=80; # switchyard stable stable-0\n    server 127.0.0.1:8082 weight=20; # switchyard candidate candidate-0\n}
 */
export function renderUpstream(name: string, servers: readonly UpstreamServer[], weights: Weights): string {
  const count = (role: Role): number => servers.filter((server) => server.role === role).length;
  const lines = servers.map((server) => {
    const share = weights[server.role];
    const setting = share > 0 ? ` weight=${Math.max(1, Math.round(share / count(server.role)))}` : ' down';
    return `    server ${server.address}${setting}; # switchyard ${server.role} ${server.id}`;
  });
  return `# Written by switchyard: every change is a new file renamed over this one, then nginx -t and a reload.\nupstream ${name} {\n${lines.join('\n')}\n}\n`;
}

/** Servers and the split a file written by `renderUpstream` holds. */
export function parseUpstream(text: string): { servers: UpstreamServer[]; weights: Weights } {
  const servers: UpstreamServer[] = [];
  const totals: Record<Role, number> = { stable: 0, candidate: 0 };
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, address = '', weight, down, role = 'stable', id = ''] = match;
    const typedRole: Role = role === 'candidate' ? 'candidate' : 'stable';
    servers.push({ id, role: typedRole, address });
    if (!down) totals[typedRole] += Number(weight ?? 1);
  }
  const sum = totals.stable + totals.candidate;
  const candidate = sum === 0 ? 0 : Math.round((totals.candidate * 100) / sum);
  return { servers, weights: { stable: 100 - candidate, candidate } };
}

export function serverOf(member: Member): UpstreamServer {
  return { id: member.id, role: member.role, address: `${member.host}:${member.port}` };
}
