import type { Outcome } from '../domain/strategies/effects';
import type { RunInfo } from './control';
import type { StampedEntry } from './journal';

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
  const last = <T extends StampedEntry['type']>(type: T) => [...entries].reverse().find((entry) => entry.type === type) as Extract<StampedEntry, { type: T }> | undefined;
  const ended = last('run.ended');
  const paused = entries.at(-1)?.type === 'run.paused' ? last('run.paused') : undefined;
  const state = last('state');
  const results = new Map<number, Extract<StampedEntry, { type: 'action.result' }>>();
  for (const entry of entries) if (entry.type === 'action.result') results.set(entry.id, entry);
  const actions = entries.flatMap((entry) => {
    if (entry.type !== 'action.intent') return [];
    const result = results.get(entry.id);
    return [{
      id: entry.id,
      description: entry.description,
      result: result === undefined ? ('pending' as const) : result.ok ? ('ok' as const) : ('failed' as const),
      ...(result?.error ? { error: result.error } : {}),
      ...(result ? { ms: result.ms } : {}),
    }];
  });
  const measurements = entries.filter((entry) => entry.type === 'measurement');
  return {
    runDir: info.runDir,
    state: ended ? 'ended' : paused ? 'paused' : info.livePid !== undefined ? 'running' : 'interrupted',
    outcome: ended?.outcome ?? (paused ? 'paused' : null),
    reason: ended?.reason ?? paused?.reason ?? null,
    machineState: state?.value ?? null,
    stepIndex: state?.stepIndex ?? null,
    actions,
    measurements: measurements.length,
    failedMeasurements: measurements.filter((entry) => entry.type === 'measurement' && entry.phase !== 'successful').length,
  };
}
