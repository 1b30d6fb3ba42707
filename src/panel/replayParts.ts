import type { AnalysisGate, HeaderMatch, Plan, StrategyKind } from '../domain/plan/schema';
import { simpleCondition } from '../domain/analysis/conditionWords';
import { toModelUnit } from '../domain/analysis/units';
import { formatDuration } from '../domain/strategies/describe';
import type { Figures } from '../domain/simulator/types';
import { formatRunTime } from '../protocol/runTime';
import type { FigureView, ThresholdView } from '../protocol/view';

const ROLE_LABELS: Record<StrategyKind, { stable: string; candidate: string }> = {
  canary: { stable: 'stable', candidate: 'canary' },
  blueGreen: { stable: 'blue (active)', candidate: 'green (preview)' },
  rolling: { stable: 'old', candidate: 'new' },
  recreate: { stable: 'old', candidate: 'new' },
  abTest: { stable: 'A (control)', candidate: 'B (variant)' },
  shadow: { stable: 'stable', candidate: 'shadow' },
};

/** What each strategy calls its two sides, so the panel speaks the user's vocabulary. */
export function roleLabels(kind: StrategyKind): { stable: string; candidate: string } {
  return ROLE_LABELS[kind];
}

const THRESHOLD_OPS: readonly string[] = ['<', '<=', '>', '>='];
const isThresholdOp = (op: string): op is ThresholdView['op'] => THRESHOLD_OPS.includes(op);

/**
 * Thresholds to draw from a gate's conditions. Only the simple "result OP number" form has a line
 * to draw; anything richer is still shown in words (ReplayGate.conditions).
 *
 * @example
 * thresholdsOf({ successCondition: 'result < 0.01', failureCondition: 'result >= 0.05', ... });
 * // [{ kind: 'success', op: '<', value: 0.01 }, { kind: 'failure', op: '>=', value: 0.05 }]
 */
export function thresholdsOf(gate: Pick<AnalysisGate, 'successCondition' | 'failureCondition'> & Partial<Pick<AnalysisGate, 'metric' | 'unit'>>): ThresholdView[] {
  const thresholds: ThresholdView[] = [];
  for (const [kind, condition] of [['success', gate.successCondition], ['failure', gate.failureCondition]] as const) {
    const simple = condition === undefined ? undefined : simpleCondition(condition);
    if (!simple || !isThresholdOp(simple.op)) continue;
    // Charts are drawn in the model's units (ratio, ms, rps); a gate judging seconds or percent is drawn there too.
    const value = gate.metric === undefined ? simple.value : toModelUnit(simple.value, { metric: gate.metric, unit: gate.unit });
    thresholds.push({ kind, op: simple.op, value });
  }
  return thresholds;
}

export function conditionsOf(gate: AnalysisGate): string {
  const parts = [gate.successCondition && `pass when ${gate.successCondition}`, gate.failureCondition && `fail when ${gate.failureCondition}`].filter(Boolean);
  const count = gate.count === undefined ? 'until stopped' : `${gate.count}×`;
  return `${gate.metric} every ${formatDuration(gate.interval)}, ${count}${parts.length > 0 ? `; ${parts.join(', ')}` : ''}`;
}

/**
 * A header route's match in words.
 *
 * @example
 * describeMatch([{ headers: { 'x-canary': { exact: 'always' } } }]); // "header x-canary = always"
 */
export function describeMatch(matches: HeaderMatch[]): string {
  const parts: string[] = [];
  for (const match of matches) {
    for (const [source, entries] of [['header', match.headers], ['cookie', match.cookie]] as const) {
      for (const [name, rule] of Object.entries(entries ?? {})) {
        const how = 'exact' in rule && rule.exact !== undefined ? `= ${rule.exact}` : 'prefix' in rule && rule.prefix !== undefined ? `starts with ${rule.prefix}` : `~ ${rule.regex ?? ''}`;
        parts.push(`${source} ${name} ${how}`);
      }
    }
  }
  return parts.length > 0 ? parts.join(' or ') : 'no match (nothing routed)';
}

const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const percent = (value: number): string => `${Math.round(value * 1000) / 10}%`;

/** The run's outcome figures as the panel and report show them. */
export function figureViews(figures: Figures, plan: Plan): FigureView[] {
  const errorShare = figures.requests > 0 ? figures.userErrors / figures.requests : 0;
  const rows: FigureView[] = [
    { key: 'duration', label: 'Duration', value: formatRunTime(figures.durationMs), bad: false },
    { key: 'requests', label: 'Requests served', value: count(figures.requests), bad: false },
    { key: 'requestsToCandidate', label: 'Served by the new version', value: count(figures.requestsToCandidate), bad: false },
    { key: 'userErrors', label: 'Errors users saw', value: `${count(figures.userErrors)} (${percent(errorShare)})`, bad: errorShare > 0.01 },
    { key: 'lowestCapacity', label: 'Lowest capacity', value: percent(figures.lowestCapacity), bad: figures.lowestCapacity < 1 },
    { key: 'peakInstances', label: 'Peak instances', value: `${count(figures.peakInstances)} (plan: ${plan.replicas})`, bad: false },
    { key: 'timeToDetect', label: 'Time to detect', value: figures.timeToDetectMs === null ? '—' : formatRunTime(figures.timeToDetectMs), bad: false },
    { key: 'timeToRestore', label: 'Time to restore', value: figures.timeToRestoreMs === null ? '—' : formatRunTime(figures.timeToRestoreMs), bad: false },
  ];
  if (figures.requestsMirrored > 0) rows.splice(3, 0, { key: 'requestsMirrored', label: 'Mirrored to the new version', value: count(figures.requestsMirrored), bad: false });
  return rows;
}
