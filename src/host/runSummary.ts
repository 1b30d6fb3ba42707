import type { Plan } from '../domain/plan/schema';
import type { RunResult } from '../domain/simulator/types';
import { outcomeWords } from '../cli/format/run';
import { formatDuration, formatPercent } from '../cli/format/units';
import { engine } from './lazyEngine';

/** One line for a notification or tooltip: "checkout · canary: promoted in 14m, 0.20% errors". */
export function summarizeRun(run: RunResult): string {
  const errors = run.figures.requests > 0 ? run.figures.userErrors / run.figures.requests : 0;
  return `${run.service} · ${run.strategy} · ${run.scenario}: ${outcomeWords(run.outcome)} in ${formatDuration(run.figures.durationMs)}, ${formatPercent(errors, 2)} errors users saw`;
}

/**
 * The timeline estimate above a plan, from the same estimate `switchyard lint` prints: pauses,
 * analysis (count × interval) and boot times. "~14 min, 8 steps"
 */
export function estimateTimeline(plan: Plan): { title: string; tooltip: string } {
  const estimate = engine().estimateTimelineDetail(plan);
  const steps = estimate.steps.length;
  const title = `~${formatDuration(estimate.expectedMs)}, ${steps} step${steps === 1 ? '' : 's'}`;
  const waits = estimate.operatorWaits > 0 ? `, plus ${estimate.operatorWaits} wait(s) for an operator` : '';
  return { title, tooltip: `expected ${formatDuration(estimate.expectedMs)}; fastest ${formatDuration(estimate.fastestMs)}, worst ${formatDuration(estimate.worstMs)}${waits}` };
}
