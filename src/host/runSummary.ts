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
 * The timeline estimate above a plan: timed steps only, since a step that waits for a person or
 * for instances has no fixed length. "~14 min, 6 steps"
 */
export function estimateTimeline(plan: Plan): string {
  const steps = engine().describeSteps(plan);
  const totalMs = steps.reduce((sum, step) => sum + (step.durationMs ?? 0), 0);
  const minutes = Math.round(totalMs / 60_000);
  const time = totalMs === 0 ? 'no timed steps' : minutes < 1 ? `~${Math.max(1, Math.round(totalMs / 1000))} s` : `~${minutes} min`;
  return `${time}, ${steps.length} step${steps.length === 1 ? '' : 's'}`;
}
