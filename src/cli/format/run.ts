import type { JournalEvent, RunResult } from '../../domain/simulator/types';
import type { Outcome } from '../../domain/strategies/effects';
import type { Style } from './style';
import { formatClock, formatCount, formatDuration, formatPercent } from './units';

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

/** Journal kinds that only `--verbose` shows: they repeat every interval. */
const DETAIL_KINDS = new Set(['gate.measure', 'instances.starting', 'instances.ready', 'scale']);

export function formatHeader(run: RunResult, fileName: string, style: Style): string {
  return `${style.bold(run.service)} ${style.dim('·')} ${run.strategy} ${style.dim('·')} ${run.engine} semantics ${style.dim('·')} scenario ${style.bold(run.scenario)} ${style.dim('·')} seed ${run.seed} ${style.dim(`(${fileName})`)}`;
}

export function formatTimeline(events: readonly JournalEvent[], style: Style, verbose: boolean): string {
  return events
    .filter((event) => verbose || !DETAIL_KINDS.has(event.kind) || isBadMeasurement(event))
    .map((event) => `  ${style.dim(formatClock(event.t).padStart(8))}  ${colourFor(event, style)(event.message)}`)
    .join('\n');
}

function isBadMeasurement(event: JournalEvent): boolean {
  return event.kind === 'gate.measure' && event.data?.phase !== undefined && event.data.phase !== 'successful';
}

function colourFor(event: JournalEvent, style: Style): (text: string) => string {
  if (event.kind.startsWith('fault')) return style.yellow;
  if (event.kind === 'outcome') return style.bold;
  if (event.kind === 'gate.result' || event.kind === 'gate.measure') {
    return event.data?.phase === 'successful' ? style.green : event.data?.phase === 'failed' ? style.red : style.yellow;
  }
  if (event.kind === 'machine.state' && /rollingBack|rolledBack|failed|aborted/.test(event.message)) return style.red;
  return (text) => text;
}

export function formatSummary(run: RunResult, style: Style): string {
  const f = run.figures;
  const good = run.outcome === 'promoted';
  const verdict = (good ? style.green : run.outcome === 'paused' ? style.yellow : style.red)(style.bold(outcomeWords(run.outcome)));
  const share = f.requests > 0 ? f.requestsToCandidate / f.requests : 0;
  const errorShare = f.requests > 0 ? f.userErrors / f.requests : 0;
  const rows: [string, string][] = [
    ['Duration', formatDuration(f.durationMs)],
    ['Requests served', formatCount(f.requests)],
    ['  by the new version', `${formatCount(f.requestsToCandidate)} (${formatPercent(share)})`],
    ['Errors users saw', `${formatCount(f.userErrors)} (${formatPercent(errorShare, 2)})`],
    ['Lowest capacity', formatPercent(f.lowestCapacity, 0)],
    ['Peak instances', formatCount(f.peakInstances)],
    ['Time to detect', f.timeToDetectMs === null ? '—' : formatDuration(f.timeToDetectMs)],
    ['Time to restore', f.timeToRestoreMs === null ? '—' : formatDuration(f.timeToRestoreMs)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [`Outcome: ${verdict} ${style.dim('—')} ${run.reason}`, '', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}
