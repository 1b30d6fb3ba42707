import { formatDuration } from '../domain/strategies/describe';
import type { MonteCarloSummary } from '../domain/simulator/monteCarlo';
import { formatCount, formatPercent } from './units';

/** What the live risk knows so far: the bad and the good scenario's runs, summarized. */
export interface RiskSoFar {
  bad?: { scenario: string; summary: MonteCarloSummary };
  good?: { scenario: string; summary: MonteCarloSummary };
  /** Every run it means to do is done. */
  final: boolean;
}

/**
 * The risk lens above a plan: "$(shield) catches 100% · false alarms 0.5% · median 14m 29s ·
 * 1,000 runs", with a spinner while more runs refine it, and what each figure rests on in the
 * tooltip. Undefined when the plan has neither a good nor a bad scenario.
 *
 * @example
 * riskLens({ bad, good, final: true }).title; // "$(shield) catches 100% · false alarms 0.0% · median 14m 29s · 1,000 runs each"
 */
export function riskLens(risk: RiskSoFar): { title: string; tooltip: string } | undefined {
  const { bad, good } = risk;
  if (!bad && !good) return undefined;
  const parts: string[] = [];
  const tips: string[] = [];
  if (bad?.summary.detection !== null && bad?.summary.detection !== undefined) {
    parts.push(`catches ${formatPercent(bad.summary.detection, bad.summary.detection === 1 ? 0 : 1)}`);
    tips.push(`Catches the bad version: ${formatPercent(bad.summary.detection)} of ${formatCount(bad.summary.runs)} runs of "${bad.scenario}" rolled back or aborted (${formatPercent(bad.summary.missed ?? 0)} promoted it, ${formatPercent(bad.summary.stalled)} stopped half-way).`);
  }
  if (good?.summary.falseAlarm !== null && good?.summary.falseAlarm !== undefined) {
    parts.push(`false alarms ${formatPercent(good.summary.falseAlarm)}`);
    tips.push(`False alarms: ${formatPercent(good.summary.falseAlarm)} of ${formatCount(good.summary.runs)} runs of "${good.scenario}" rolled back a good version (${formatPercent(good.summary.stalled)} stopped half-way).`);
  }
  const duration = good?.summary.figures.durationMs;
  if (duration) {
    parts.push(`median ${formatDuration(duration.p50, ' ')}`);
    tips.push(`Duration of "${good?.scenario ?? ''}": median ${formatDuration(duration.p50, ' ')}, p95 ${formatDuration(duration.p95, ' ')}.`);
  }
  const runs = Math.min(bad?.summary.runs ?? Number.POSITIVE_INFINITY, good?.summary.runs ?? Number.POSITIVE_INFINITY);
  parts.push(`${formatCount(runs)} runs${bad && good ? ' each' : ''}${risk.final ? '' : '…'}`);
  tips.push(risk.final ? 'Seeded runs, recomputed after each edit.' : 'More runs are under way; the figures are refined as they finish.');
  return { title: `${risk.final ? '$(shield)' : '$(sync~spin)'} ${parts.join(' · ')}`, tooltip: tips.join('\n') };
}
