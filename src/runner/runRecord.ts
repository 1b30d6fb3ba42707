import { awaitsOperator } from '../domain/strategies/failing';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { describeStep } from '../domain/strategies/describe';
import type { Outcome } from '../domain/strategies/effects';
import type { StrategyStep } from '../domain/strategies/steps';
import { outcomeWords } from '../text/run';
import { findRun } from './control';
import type { StampedEntry } from './journal';
import { journalOf } from './runs';
import { runStatus } from './status';
import type { RunStatus } from './status';

/** One real run as the extension shows it: from its journal, whoever drove it (VS Code or the CLI). */
export interface RunRecord {
  runDir: string;
  planFile: string;
  service: string;
  strategy: string;
  version: string;
  state: RunStatus['state'];
  outcome: Outcome | null;
  reason: string | null;
  /** 1-based step, step count and what the step does ("pause 2m"), when the machine has steps. */
  step: { index: number; count: number; label: string } | undefined;
  /** The candidate's share of traffic after the last routing change that succeeded. */
  candidateWeight: number;
  startedAt: string;
  entries: StampedEntry[];
}

/** Reads a run directory; undefined while it has no `run.started` yet. */
export function readRunRecord(runDir: string): RunRecord | undefined {
  const entries = journalOf(runDir);
  const started = entries.find((entry): entry is Extract<StampedEntry, { type: 'run.started' }> => entry.type === 'run.started');
  if (!started) return undefined;
  // The CLI records the path it was given: relative to where it ran. Runs live in
  // <plan folder>/.switchyard/runs/<run>, so the plan is three folders up.
  const planFile = isAbsolute(started.planFile) ? started.planFile : resolve(join(runDir, '..', '..', '..'), basename(started.planFile));
  const info = findRun(planFile, started.service, runDir);
  const status = info ? runStatus(info) : undefined;
  return {
    runDir,
    planFile,
    service: started.service,
    strategy: started.strategy,
    version: started.version,
    state: status?.state ?? 'interrupted',
    outcome: status?.outcome ?? null,
    reason: status?.reason ?? null,
    step: stepOf(entries),
    candidateWeight: candidateWeight(entries),
    startedAt: started.at,
    entries,
  };
}

function stepOf(entries: readonly StampedEntry[]): RunRecord['step'] {
  const state = [...entries].reverse().find((entry): entry is Extract<StampedEntry, { type: 'state' }> => entry.type === 'state');
  const steps = (state?.snapshot as { context?: { steps?: StrategyStep[] } } | undefined)?.context?.steps;
  if (!state || !Array.isArray(steps) || steps.length === 0) return undefined;
  const index = Math.min(state.stepIndex, steps.length - 1);
  const step = steps[index];
  return { index: index + 1, count: steps.length, label: step ? describeStep(step).label : '' };
}

/** Routing changes are `setTraffic` and `restore` actions; only one the router confirmed counts. */
export function candidateWeight(entries: readonly StampedEntry[]): number {
  const succeeded = new Set(entries.flatMap((entry) => (entry.type === 'action.result' && entry.ok ? [entry.id] : [])));
  let weight = 0;
  for (const entry of entries) {
    if (entry.type !== 'action.intent' || !succeeded.has(entry.id)) continue;
    if (entry.effect !== 'setTraffic' && entry.effect !== 'restore') continue;
    const input = entry.input as { weights?: { candidate?: unknown }; candidate?: unknown } | null;
    const candidate = input?.weights?.candidate ?? input?.candidate;
    if (typeof candidate === 'number') weight = candidate;
  }
  return weight;
}

/**
 * The live machine waits for a person: stopped by policy (`paused`), at an indefinite pause step,
 * held by operator.pause, or awaiting a blue-green promotion.
 */
export function waitsForOperator(record: RunRecord): boolean {
  if (record.state === 'paused' || record.state === 'interrupted') return true;
  if (record.state !== 'running') return false;
  const state = [...record.entries].reverse().find((entry) => entry.type === 'state');
  return state !== undefined && state.type === 'state' && awaitsOperator(state.value);
}

/** "running · step 3/8 · 20% to v2", "rolled back · step 2/4 · 0% to v2" */
export function describeRecord(record: RunRecord): string {
  const state = record.state === 'ended' ? (record.outcome ? outcomeWords(record.outcome) : 'ended') : waitsForOperator(record) && record.state === 'running' ? 'waiting for an operator' : record.state;
  const step = record.step ? ` · step ${record.step.index}/${record.step.count}` : '';
  return `${state}${step} · ${record.candidateWeight}% to ${record.version || 'candidate'}`;
}

/** One journal line for the output channel; never the inputs of actions, which may hold paths or secrets of the user's scripts. */
export function formatJournalEntry(entry: StampedEntry): string {
  const time = entry.at.slice(11, 19);
  switch (entry.type) {
    case 'run.started': return `${time} run started: ${entry.service} ${entry.version} (${entry.strategy}), runner pid ${entry.pid}`;
    case 'run.resumed': return `${time} run resumed by pid ${entry.pid}`;
    case 'route.safe': return `${time} safe routing recorded: ${entry.snapshot.weights.stable}% stable / ${entry.snapshot.weights.candidate}% candidate`;
    case 'action.intent': return `${time} → #${entry.id} ${entry.description}`;
    case 'action.result': return `${time} ${entry.ok ? '✓' : '✗'} #${entry.id} (${entry.ms} ms)${entry.error ? `: ${entry.error}` : ''}`;
    case 'instance.started': return `${time} instance started: ${JSON.stringify(entry.member)}`;
    case 'instance.stopped': return `${time} instance stopped: ${JSON.stringify(entry.member)}`;
    case 'measurement': return `${time} gate ${entry.gate} (${entry.version}): ${entry.value ?? 'no value'} ${entry.phase}${entry.message ? ` (${entry.message})` : ''}`;
    case 'state': return `${time} state ${JSON.stringify(entry.value)} · step ${entry.stepIndex + 1}`;
    case 'operator': return `${time} operator: ${entry.event}`;
    case 'run.paused': return `${time} paused: ${entry.reason}`;
    case 'run.ended': return `${time} ended ${entry.outcome}: ${entry.reason}`;
    default: return `${time} ${(entry as { type: string }).type}`;
  }
}
