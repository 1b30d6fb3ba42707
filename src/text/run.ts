import type { RunEventOf } from '../domain/run/events';
import type { RunEvent } from '../domain/run/events';
import type { RunResult } from '../domain/simulator/types';
import type { Outcome } from '../domain/strategies/effects';
import { escapeControl } from './escape';
import type { Style } from './style';
import { formatRunTime } from '../protocol/runTime';
import { formatCount, formatPercent } from './units';

const OUTCOME_WORDS: Record<Outcome, string> = {
  promoted: 'promoted',
  rolledBack: 'rolled back',
  aborted: 'aborted',
  paused: 'paused',
  failed: 'failed',
};

export function outcomeWords(outcome: Outcome): string {
  return OUTCOME_WORDS[outcome];
}

/** One line for a notification or tooltip: "checkout · canary · bad-version: rolled back in 3m 25s, 1.91% errors users saw". */
export function summarizeRun(run: RunResult): string {
  const errors = run.figures.requests > 0 ? run.figures.userErrors / run.figures.requests : 0;
  return `${run.service} · ${run.strategy} · ${run.scenario}: ${outcomeWords(run.outcome)} in ${formatRunTime(run.figures.durationMs)}, ${formatPercent(errors, 2)} errors users saw`;
}

/** Journal kinds that only `--verbose` shows: they repeat every interval. */
const DETAIL_KINDS = new Set(['gate.measure', 'instances.starting', 'instances.ready', 'scale']);

export function formatHeader(run: RunResult, fileName: string, style: Style): string {
  return `${style.bold(escapeControl(run.service))} ${style.dim('·')} ${run.strategy} ${style.dim('·')} ${run.engine} semantics ${style.dim('·')} scenario ${style.bold(escapeControl(run.scenario))} ${style.dim('·')} seed ${run.seed} ${style.dim(`(${escapeControl(fileName)})`)}`;
}

/**
 * The journal as a terminal timeline. Machine states are condensed to one line per step or phase
 * (the full state path is in `--json` and `--verbose`), and routine lines are kept for --verbose.
 */
export function formatTimeline(events: readonly RunEvent[], style: Style, verbose: boolean): string {
  const lines: string[] = [];
  let lastPhase = '';
  for (const event of events) {
    let message = event.message;
    if (event.kind === 'machine.state' && !verbose) {
      const phase = describePhase(event);
      if (phase === undefined || phase === lastPhase) continue;
      lastPhase = phase;
      message = phase;
    } else if (!verbose && DETAIL_KINDS.has(event.kind) && !isBadMeasurement(event)) {
      continue;
    }
    // Journal messages name the plan's gates, steps and scenarios: escaped, never obeyed.
    lines.push(`  ${style.dim(formatRunTime(event.t).padStart(8))}  ${colourFor(event, style)(escapeControl(message))}`);
  }
  return lines.join('\n');
}

const PHASE_WORDS: Record<string, string> = {
  provisioning: 'provisioning the new version',
  stoppingStable: 'stopping the old version',
  awaitingPromotion: 'awaiting promotion',
  promoting: 'promoting',
  paused: 'paused',
  rollingBack: 'rolling back',
};

/** What the machine is doing inside a step or phase, in words, by the name of its state. */
const ACTIVITY_WORDS: Record<string, string> = {
  creating: 'starting the new version',
  verifying: 'waiting for the new version to be ready',
  scalingCandidate: 'scaling the new version',
  awaitingCandidate: 'waiting for the new version to be ready',
  makingRoom: 'making room',
  scalingStable: 'scaling the old version',
  awaitingStable: 'waiting for the old version to be ready',
  routing: 'moving traffic',
  switchingTraffic: 'moving traffic',
  scalingCandidateDown: 'stopping the new version',
  scalingStableDown: 'stopping the old version',
  timed: 'waiting',
  indefinite: 'waiting for an operator',
  analysing: 'measuring',
  measuring: 'measuring',
  waiting: 'waiting',
  approving: 'waiting for an operator',
  // Lifecycle hooks, by their point's name (the timeline's hook lines say each call and its answer).
  confirmingRollout: 'waiting for confirm-rollout',
  confirmingIncrease: 'waiting for confirm-traffic-increase',
  confirmingPromotion: 'waiting for confirm-promotion',
  'preRollingOut.calling': 'running the pre-rollout hooks',
  'preRollingOut.retrying': 'waiting to run the pre-rollout hooks again',
  'preRollingOutBeforeTraffic.calling': 'running the pre-rollout hooks',
  'preRollingOutBeforeTraffic.retrying': 'waiting to run the pre-rollout hooks again',
  rollingOut: 'calling the rollback and rollout hooks',
  hooking: 'calling the rollback and rollout hooks',
  runningPrePromotionHook: 'running the prePromotion hook',
  runningPostPromotionHook: 'running the postPromotion hook',
  runningPostRolloutHook: 'running the post-rollout hooks',
  runningHook: 'running the onRollback hook',
};

const FINAL_WORDS: Record<string, string> = { promoted: 'promoted', rolledBack: 'rolled back', aborted: 'aborted', failed: 'failed' };

/**
 * A machine state in words for a timeline a person reads: the step or phase, and what the
 * machine is doing in it, never the state path ("step 1/8 · setWeight 10% → canary 1, stable 10:
 * moving traffic", "rolling back: waiting for the old version to be ready").
 *
 * @example
 * stateInWords({ state: 'progressing.steps.setting.routing, background.idle', stepIndex: 0, stepCount: 8, stepLabel: 'setWeight 10%' }); // "step 1/8 · setWeight 10%: moving traffic"
 */
export function stateInWords(data: { state: string; stepIndex: number; stepCount: number; stepLabel: string }): string {
  const [main = data.state] = data.state.split(',');
  const parts = main.trim().split('.');
  const top = parts[0] ?? main;
  if (FINAL_WORDS[top]) return FINAL_WORDS[top];
  const phase = top === 'progressing' ? (data.stepCount > 0 ? `step ${Math.min(data.stepIndex + 1, data.stepCount)}/${data.stepCount} · ${data.stepLabel}` : 'progressing') : (PHASE_WORDS[top] ?? top);
  const leaf = parts.length > 1 ? parts.at(-1) : undefined;
  // A leaf named only within its parent ("calling" of "preRollingOut") is looked up with it first.
  const activity = leaf ? (ACTIVITY_WORDS[parts.slice(-2).join('.')] ?? ACTIVITY_WORDS[leaf]) : undefined;
  return activity ? `${phase}: ${activity}` : phase;
}

/** "step 3/8 · analysis error-rate" for steps, a phase name otherwise; final states say nothing (the outcome line does). */
function describePhase(event: RunEventOf<'machine.state'>): string | undefined {
  const { state, stepIndex, stepCount, stepLabel } = event.data;
  const top = state.split(/[.,]/)[0] ?? state;
  if (top === 'progressing') return `step ${stepIndex + 1}/${stepCount} · ${stepLabel}`;
  return PHASE_WORDS[top];
}

function isBadMeasurement(event: RunEvent): boolean {
  return event.kind === 'gate.measure' && event.data?.phase !== undefined && event.data.phase !== 'successful';
}

function colourFor(event: RunEvent, style: Style): (text: string) => string {
  if (event.kind.startsWith('fault')) return style.yellow;
  if (event.kind === 'outcome') return style.bold;
  if (event.kind === 'gate.result' || event.kind === 'gate.measure') {
    return event.data?.phase === 'successful' ? style.green : event.data?.phase === 'failed' ? style.red : style.yellow;
  }
  if (event.kind === 'machine.state' && event.data?.failing === true) return style.red;
  return (text) => text;
}

export function formatSummary(run: RunResult, style: Style): string {
  const f = run.figures;
  const good = run.outcome === 'promoted';
  const verdict = (good ? style.green : run.outcome === 'paused' ? style.yellow : style.red)(style.bold(outcomeWords(run.outcome)));
  const share = f.requests > 0 ? f.requestsToCandidate / f.requests : 0;
  const errorShare = f.requests > 0 ? f.userErrors / f.requests : 0;
  const rows: [string, string][] = [
    ['Duration', formatRunTime(f.durationMs)],
    ['Requests served', formatCount(f.requests)],
    ['  by the new version', `${formatCount(f.requestsToCandidate)} (${formatPercent(share)})`],
    ['Errors users saw', `${formatCount(f.userErrors)} (${formatPercent(errorShare, 2)})`],
    ['Lowest capacity', formatPercent(f.lowestCapacity, 0)],
    ['Peak instances', formatCount(f.peakInstances)],
    ['Time to detect', f.timeToDetectMs === null ? '—' : formatRunTime(f.timeToDetectMs)],
    ['Time to restore', f.timeToRestoreMs === null ? '—' : formatRunTime(f.timeToRestoreMs)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [`Outcome: ${verdict} ${style.dim('—')} ${escapeControl(run.reason)}`, '', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}
