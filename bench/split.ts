import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Where a figure's time goes: `fn` runs under V8's sampling profiler, and each sample's own
 * (self) time is put in the part of the engine its function belongs to, found from the module
 * comments esbuild leaves in this bundle (`// src/domain/simulator/world.ts`).
 */

export interface Part {
  name: string;
  /** Module paths (as esbuild writes them) whose functions count here; the first part that matches wins. */
  matches: RegExp;
}

/** The engine's parts, in the order a reader follows a run. */
export const RUN_PARTS: readonly Part[] = [
  { name: 'machine (XState and its stepping)', matches: /node_modules\/xstate\/|src\/domain\/strategies\/|src\/domain\/simulator\/machine(Run|Steps)\.ts/ },
  { name: 'effects and driver', matches: /src\/domain\/simulator\/(drive|actors|engine|simulate|simulateChosen|chosenShare|monteCarlo)\.ts/ },
  { name: 'gates', matches: /src\/domain\/simulator\/gateRunner\.ts|src\/domain\/analysis\// },
  { name: 'world (fleet, traffic, metrics, queue)', matches: /src\/domain\/simulator\/|src\/domain\/run\// },
];

const GC = 'garbage collection';
const OTHER = 'other';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Module of each line of this bundle, from esbuild's `// path` comments. */
function moduleLines(): { starts: number[]; modules: string[] } {
  const starts: number[] = [];
  const modules: string[] = [];
  readFileSync(__filename, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const match = /^\/\/ (\S+\.(?:ts|js|mjs|cjs))$/.exec(line);
      if (match?.[1]) {
        starts.push(index);
        modules.push(match[1]);
      }
    });
  return { starts, modules };
}

function moduleAt(lines: { starts: number[]; modules: string[] }, line: number): string {
  let low = 0;
  let high = lines.starts.length - 1;
  let found = '';
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((lines.starts[middle] ?? 0) <= line) {
      found = lines.modules[middle] ?? '';
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * Runs `fn` under the profiler and gives each part's share of its samples, GC and "other"
 * (node internals, the bench) included, largest first.
 *
 * @example
 * await splitOf(() => { for (let i = 0; i < 2000; i++) simulate(plan, options); }, RUN_PARTS);
 * // [['machine (XState and its stepping)', 0.41], ['world (...)', 0.2], ['garbage collection', 0.15], ...]
 */
export async function splitOf(fn: () => void, parts: readonly Part[]): Promise<[string, number][]> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  fn();
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();

  const lines = moduleLines();
  const partOf = new Map<number, string | undefined>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') partOf.set(node.id, undefined);
    else if (functionName === '(garbage collector)') partOf.set(node.id, GC);
    else if (!url.endsWith(__filename)) partOf.set(node.id, OTHER);
    else partOf.set(node.id, parts.find((part) => part.matches.test(moduleAt(lines, lineNumber)))?.name ?? OTHER);
  }
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, index) => {
    const part = partOf.get(id);
    if (part === undefined) return;
    const delta = profile.timeDeltas[index] ?? 0;
    totals.set(part, (totals.get(part) ?? 0) + delta);
    all += delta;
  });
  return [...totals].map(([name, time]): [string, number] => [name, all > 0 ? time / all : 0]).sort((a, b) => b[1] - a[1]);
}

/** "machine 41 %, world 20 %, ..." */
export function formatSplit(split: readonly [string, number][]): string {
  return split
    .filter(([, share]) => share >= 0.005)
    .map(([name, share]) => `${name} ${(share * 100).toFixed(0)} %`)
    .join(', ');
}
