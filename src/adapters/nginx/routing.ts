import type { HeaderMatch } from '../../domain/plan/schema';
import type { UpstreamServer } from './upstreamFile';

/** Header routes and mirroring as the upstream file carries them (and reads them back). */
export interface NginxRouting {
  routes: HeaderMatch[];
  mirrorPercent: number;
}

export const NO_ROUTING: NginxRouting = { routes: [], mirrorPercent: 0 };

const STATE = /^# switchyard-routing (.*)$/m;

/**
 * The blocks after the main upstream that make A/B and shadow work with one reload:
 *
 *   upstream app_candidate { the candidate servers }           what routes and the mirror reach
 *   map ... $switchyard_app { default app; ... app_candidate }  the upstream a request goes to
 *   split_clients / map ... $switchyard_app_mirror             "1" when a request is mirrored
 *
 * The main config uses them once, and never changes again:
 *
 *   location / { mirror /_switchyard_mirror; proxy_pass http://$switchyard_app; }
 *   location = /_switchyard_mirror { internal; if ($switchyard_app_mirror = "") { return 204; }
 *                                     proxy_pass http://app_candidate$request_uri; }
 *
 * Without routes every request maps to `app`, so a config that proxies to `app` directly works
 * the same as before.
 */
export function renderRouting(upstream: string, servers: readonly UpstreamServer[], routing: NginxRouting): string {
  const candidates = servers.filter((server) => server.role === 'candidate');
  // An upstream needs a server; a placeholder marked down keeps the block valid with no candidate.
  const candidateLines = candidates.length > 0 ? candidates.map((server) => `    server ${server.address}; # candidate copy ${server.id}`) : ['    server 127.0.0.1:9 down; # no candidate yet'];
  const lines = [`# switchyard-routing ${JSON.stringify(routing)}`, `upstream ${upstream}_candidate {`, ...candidateLines, '}'];
  const matchVars: string[] = [];
  routing.routes.forEach((route, index) => {
    const conditions = [
      ...Object.entries(route.headers ?? {}).map(([name, match]) => ({ variable: `$http_${name.toLowerCase().replace(/-/g, '_')}`, match: match as { exact?: string; prefix?: string; regex?: string } })),
      ...Object.entries(route.cookie ?? {}).map(([name, match]) => ({ variable: `$cookie_${name}`, match: match as { exact?: string; prefix?: string; regex?: string } })),
    ];
    const conditionVars = conditions.map((condition, at) => {
      const name = `$switchyard_${upstream}_r${index}_${at}`;
      const { exact, prefix, regex } = condition.match;
      const keys = [
        ...(exact !== undefined ? [quote(exact)] : []),
        ...(prefix !== undefined ? [quote(`~^${escapeRegex(prefix)}`)] : []),
        ...(regex !== undefined ? [quote(`~${regex}`)] : []),
      ];
      lines.push(`map ${condition.variable} ${name} {`, '    default "";', ...keys.map((key) => `    ${key} 1;`), '}');
      return name;
    });
    // All conditions of one match must hold (AND): their flags concatenate to "11..".
    const matchVar = `$switchyard_${upstream}_m${index}`;
    lines.push(`map "${conditionVars.join('')}" ${matchVar} {`, '    default "";', `    "${'1'.repeat(conditionVars.length)}" 1;`, '}');
    matchVars.push(matchVar);
  });
  // Any match (OR) sends the request to the candidate.
  lines.push(
    matchVars.length > 0 ? `map "${matchVars.join('')}" $switchyard_${upstream} {` : `map $uri $switchyard_${upstream} {`,
    `    default ${matchVars.length > 0 ? `${upstream}_candidate` : upstream};`,
    ...(matchVars.length > 0 ? [`    "" ${upstream};`] : []),
    '}',
  );
  const percent = Math.max(0, Math.min(100, routing.mirrorPercent));
  if (percent > 0 && percent < 100) lines.push(`split_clients "\${request_id}" $switchyard_${upstream}_mirror {`, `    ${percent}% 1;`, '    * "";', '}');
  else lines.push(`map $uri $switchyard_${upstream}_mirror {`, `    default ${percent >= 100 ? '1' : '""'};`, '}');
  return `${lines.join('\n')}\n`;
}

export function parseRouting(text: string): NginxRouting {
  const json = STATE.exec(text)?.[1];
  if (json === undefined) return NO_ROUTING;
  try {
    const parsed = JSON.parse(json) as Partial<NginxRouting>;
    return { routes: parsed.routes ?? [], mirrorPercent: parsed.mirrorPercent ?? 0 };
  } catch {
    return NO_ROUTING;
  }
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
