import type { TimelineEstimate } from '../domain/simulator/estimate';
import { formatDuration } from '../domain/strategies/describe';
import { escapeControl } from './escape';

/** An estimate's total, as rough as an estimate is: "40 s", "14 min". */
function roughMinutes(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

/**
 * What `switchyard lint` and Lint Plan say about a valid plan.
 *
 * @example
 * formatEstimate(estimateTimeline(canary));
 * // "Estimate: ~14 min (fastest 14 min, worst 18 min), 8 steps; longest: pause 5m, analysis error-rate 2m"
 */
export function formatEstimate(estimate: TimelineEstimate): string {
  const label = (s: TimelineEstimate['longest'][number]): string => escapeControl(s.label);
  const longest = estimate.longest.map((s) => (s.kind === 'pause' || s.kind === 'check' ? label(s) : `${label(s)} ${formatDuration(s.expectedMs, ' ')}`)).join(', ');
  const operator = estimate.operatorWaits > 0 ? ` + ${estimate.operatorWaits} operator approval${estimate.operatorWaits === 1 ? '' : 's'}` : '';
  const count = estimate.steps.length;
  return `Estimate: ~${roughMinutes(estimate.expectedMs)}${operator} (fastest ${roughMinutes(estimate.fastestMs)}, worst ${roughMinutes(estimate.worstMs)}), ${count} step${count === 1 ? '' : 's'}${longest ? `; longest: ${longest}` : ''}`;
}

/**
 * The timeline estimate above a plan (its CodeLens), from the same estimate `switchyard lint`
 * prints: pauses, analysis (count × interval) and boot times.
 *
 * @example
 * estimateLens(estimateTimeline(canary)); // examples/canary.release.yaml
 * // { title: '~14m 3s, 8 steps', tooltip: 'expected 14m 3s; fastest 13m 45s, worst 18m 15s' }
 */
export function estimateLens(estimate: TimelineEstimate): { title: string; tooltip: string } {
  const steps = estimate.steps.length;
  const title = `~${formatDuration(estimate.expectedMs, ' ')}, ${steps} step${steps === 1 ? '' : 's'}`;
  const waits = estimate.operatorWaits > 0 ? `, plus ${estimate.operatorWaits} wait(s) for an operator` : '';
  return { title, tooltip: `expected ${formatDuration(estimate.expectedMs, ' ')}; fastest ${formatDuration(estimate.fastestMs, ' ')}, worst ${formatDuration(estimate.worstMs, ' ')}${waits}` };
}
