import type { RouterPort } from '../domain/ports';
import type { Outcome, Weights } from '../domain/strategies/effects';
import type { RunInfo } from './control';
import { allOf, lastOf, type RunEventData } from '../domain/run/events';
import { lastPersisted, type JournalEntry } from './journal';

export interface RunStatus {
  runDir: string;
  state: 'running' | 'paused' | 'interrupted' | 'ended';
  outcome: Outcome | null;
  reason: string | null;
  machineState: unknown;
  stepIndex: number | null;
  actions: { id: number; description: string; result: 'ok' | 'failed' | 'pending'; error?: string; ms?: number }[];
  measurements: number;
  failedMeasurements: number;
}

/** What `switchyard status` shows: where the run is, what it did, and how it ended. */
export function runStatus(info: RunInfo): RunStatus {
  const { entries } = info;
  const ended = lastOf(entries, 'outcome')?.data;
  const paused = entries.at(-1)?.kind === 'run.paused' ? lastOf(entries, 'run.paused')?.data : undefined;
  const persisted = lastPersisted(entries);
  const results = new Map<number, RunEventData['action.result']>();
  for (const entry of allOf(entries, 'action.result')) results.set(entry.data.id, entry.data);
  const actions = allOf(entries, 'action.intent').map(({ data: intent }) => {
    const result = results.get(intent.id);
    return {
      id: intent.id,
      description: intent.description,
      result: result === undefined ? ('pending' as const) : result.ok ? ('ok' as const) : ('failed' as const),
      ...(result?.error ? { error: result.error } : {}),
      ...(result ? { ms: result.ms } : {}),
    };
  });
  const measurements = allOf(entries, 'gate.measure');
  return {
    runDir: info.runDir,
    state: ended ? 'ended' : paused ? 'paused' : info.livePid !== undefined ? 'running' : 'interrupted',
    outcome: ended?.outcome ?? (paused ? 'paused' : null),
    reason: ended?.reason ?? paused?.reason ?? null,
    machineState: persisted?.persisted?.value ?? null,
    stepIndex: persisted?.stepIndex ?? null,
    actions,
    measurements: measurements.length,
    failedMeasurements: measurements.filter((entry) => entry.data.phase !== 'successful').length,
  };
}

/** What the router serves next to what the journal says it was last told to serve. */
export interface RouterCheck {
  /** The split the journal last saw confirmed (the safe routing before the first change). */
  journal: Weights | null;
  /** A change the journal shows started and not confirmed: the runner is at it, or died during it. */
  pending: Weights | null;
  /** What the router serves now, read from it; null when it cannot be read. */
  router: Weights | null;
  agrees: boolean | null;
  message: string;
}

/**
 * The routing a journal last confirmed: the safe routing recorded at the start, then every
 * traffic change (`setTraffic`, or an abort's `restore`) whose result was ok, and the last such
 * change that has no result yet.
 *
 * @example
 * journalRoute(entries); // { confirmed: { stable: 0, candidate: 100 }, pending: null } after a promotion
 */
export function journalRoute(entries: readonly JournalEntry[]): { confirmed: Weights | null; pending: Weights | null } {
  let confirmed: Weights | null = null;
  let pending: Weights | null = null;
  const asked = new Map<number, Weights>();
  for (const entry of entries) {
    if (entry.kind === 'route.safe') confirmed = entry.data.snapshot.weights;
    if (entry.kind === 'action.intent') {
      const weights = routedWeights(entry.data.effect, entry.data.input);
      if (weights) {
        asked.set(entry.data.id, weights);
        pending = weights;
      }
    }
    if (entry.kind === 'action.result' && asked.has(entry.data.id)) {
      if (entry.data.ok) confirmed = asked.get(entry.data.id) ?? confirmed;
      pending = null;
    }
  }
  return { confirmed, pending };
}

/**
 * Reads the live split from the router and compares it with the journal's: a router reloaded
 * from its config, restarted, or changed by hand serves something else than the run recorded.
 *
 * @example
 * (await checkRouter(haproxyRouter(target), entries)).message;
 * // "router disagrees: journal says candidate 100%, HAProxy serves stable 100%"
 */
export async function checkRouter(router: RouterPort, entries: readonly JournalEntry[]): Promise<RouterCheck> {
  const { confirmed, pending } = journalRoute(entries);
  const live = await router.snapshot();
  const said = confirmed ? describeSplit(confirmed) : 'nothing yet';
  if (!live.ok) return { journal: confirmed, pending, router: null, agrees: null, message: `router unreadable: ${live.error}; the journal says ${said}` };
  if (live.value.router === 'command') return { journal: confirmed, pending, router: null, agrees: null, message: `router not checked: a command router cannot be read back; the journal says ${said}` };
  const name = live.value.router === 'haproxy' ? 'HAProxy' : live.value.router;
  const serves = live.value.weights;
  const same = (weights: Weights | null): boolean => weights !== null && weights.stable === serves.stable && weights.candidate === serves.candidate;
  const base = { journal: confirmed, pending, router: serves };
  if (same(confirmed)) return { ...base, agrees: true, message: `router agrees: ${name} serves ${describeSplit(serves)}, as the journal says` };
  if (pending && same(pending)) return { ...base, agrees: true, message: `router agrees: ${name} serves ${describeSplit(serves)}, the change the journal shows in progress` };
  const inProgress = pending ? ` (a change to ${describeSplit(pending)} is not confirmed)` : '';
  return { ...base, agrees: false, message: `router disagrees: journal says ${said}${inProgress}, ${name} serves ${describeSplit(serves)}` };
}

/** "candidate 100%", "stable 100%", or "stable 80% / candidate 20%". */
export function describeSplit(weights: Weights): string {
  if (weights.candidate <= 0) return `stable ${weights.stable}%`;
  if (weights.stable <= 0) return `candidate ${weights.candidate}%`;
  return `stable ${weights.stable}% / candidate ${weights.candidate}%`;
}

function routedWeights(effect: string, input: unknown): Weights | undefined {
  const weights = effect === 'setTraffic' ? (input as { weights?: unknown } | null)?.weights : effect === 'restore' ? input : undefined;
  const split = weights as Partial<Weights> | undefined;
  return typeof split?.stable === 'number' && typeof split.candidate === 'number' ? { stable: split.stable, candidate: split.candidate } : undefined;
}
