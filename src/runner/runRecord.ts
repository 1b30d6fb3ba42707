import { awaitsOperator } from '../domain/strategies/failing';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { describeStep } from '../domain/strategies/describe';
import type { Outcome } from '../domain/strategies/effects';
import type { StrategyStep } from '../domain/strategies/steps';
import { outcomeWords } from '../text/run';
import { findRun } from './control';
import { allOf, firstOf } from '../domain/run/events';
import { lastPersisted, type JournalEntry } from './journal';
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
  entries: JournalEntry[];
}

/** Reads a run directory; undefined while it has no `run.started` yet. */
export function readRunRecord(runDir: string): RunRecord | undefined {
  const entries = journalOf(runDir);
  const startedEntry = firstOf(entries, 'run.started');
  if (!startedEntry) return undefined;
  const started = startedEntry.data;
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
    startedAt: startedEntry.at,
    entries,
  };
}

function stepOf(entries: readonly JournalEntry[]): RunRecord['step'] {
  const state = lastPersisted(entries);
  const steps = (state?.persisted?.snapshot as { context?: { steps?: StrategyStep[] } } | undefined)?.context?.steps;
  if (!state || !Array.isArray(steps) || steps.length === 0) return undefined;
  const index = Math.min(state.stepIndex, steps.length - 1);
  const step = steps[index];
  return { index: index + 1, count: steps.length, label: step ? describeStep(step).label : '' };
}

/** Routing changes are `setTraffic` and `restore` actions; only one the router confirmed counts. */
export function candidateWeight(entries: readonly JournalEntry[]): number {
  const succeeded = new Set(entries.flatMap((entry) => (entry.kind === 'action.result' && entry.data.ok ? [entry.data.id] : [])));
  let weight = 0;
  for (const { data: intent } of allOf(entries, 'action.intent')) {
    if (!succeeded.has(intent.id)) continue;
    if (intent.effect !== 'setTraffic' && intent.effect !== 'restore') continue;
    const input = intent.input as { weights?: { candidate?: unknown }; candidate?: unknown } | null;
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
  const state = lastPersisted(record.entries);
  return state?.persisted !== undefined && awaitsOperator(state.persisted.value);
}

/** "running · step 3/8 · 20% to v2", "rolled back · step 2/4 · 0% to v2" */
export function describeRecord(record: RunRecord): string {
  const state = record.state === 'ended' ? (record.outcome ? outcomeWords(record.outcome) : 'ended') : waitsForOperator(record) && record.state === 'running' ? 'waiting for an operator' : record.state;
  const step = record.step ? ` · step ${record.step.index}/${record.step.count}` : '';
  return `${state}${step} · ${record.candidateWeight}% to ${record.version || 'candidate'}`;
}

/** One journal line for the output channel: its time of day and message. */
export function formatJournalEntry(entry: JournalEntry): string {
  return `${entry.at.slice(11, 19)} ${entry.message}`;
}
