import { formatDuration } from '../../strategies/describe';
import { formatCount, MAX_BACKGROUND_MEASUREMENTS, SIMULATION_HORIZON_MS } from '../limits';
import type { AnalysisGate, CanaryStep, Plan } from '../schema';
import { problem } from './context';
import type { Rule } from './context';

/**
 * How long a canary's explicit steps take at least: timed pauses, indefinite ones for the longest
 * operator.approveAfter of any scenario, and analysis steps for their slowest gate. Boots and
 * retries only add to it.
 */
function stepsLastAtLeastMs(plan: Plan, steps: readonly CanaryStep[]): number {
  const gates = new Map(plan.analysis.map((gate) => [gate.name, gate] as const));
  const approveAfter = Math.max(0, ...Object.values(plan.scenarios).map((scenario) => scenario.operator?.approveAfter ?? 0));
  let total = 0;
  for (const step of steps) {
    if (step.pause) total += step.pause.duration ?? approveAfter;
    // The gates of an analysis step run side by side: the step lasts as long as its slowest.
    const runs = (step.analysis?.templates ?? []).map((name) => gates.get(name)).map((gate) => (gate?.count === undefined ? 0 : (gate.initialDelay ?? 0) + gate.count * gate.interval));
    total += Math.max(0, ...runs);
  }
  return total;
}

/**
 * A gate without count, run in the background of a canary, measures every interval for as long
 * as the release lasts: every 10ms through a 23 h pause is 8 million measurements, which a
 * simulation would take minutes and gigabytes to make. Counted up to the simulator's 24 h.
 *
 * @example
 *   // canary.analysis: { templates: [errors] }, steps: [{ pause: { duration: 23h } }], errors every 10ms
 *   // -> analysis[0].interval: gate "errors" has no count, so it measures every 10ms for the whole release: ...
 */
export const backgroundGatesMeasureBounded: Rule = (context) => {
  const canary = context.plan.strategy.canary;
  if (!canary?.steps || !canary.analysis) return [];
  const lastsMs = Math.min(SIMULATION_HORIZON_MS, stepsLastAtLeastMs(context.plan, canary.steps));
  const named = new Set(canary.analysis.templates);
  const background = context.plan.analysis.flatMap((gate, index): { gate: AnalysisGate; index: number; measurements: number }[] =>
    named.has(gate.name) && gate.count === undefined ? [{ gate, index, measurements: Math.floor(lastsMs / Math.max(1, gate.interval)) }] : [],
  );
  const total = background.reduce((sum, entry) => sum + entry.measurements, 0);
  if (total <= MAX_BACKGROUND_MEASUREMENTS) return [];
  const share = MAX_BACKGROUND_MEASUREMENTS / background.length;
  return background
    .filter((entry) => entry.measurements > share)
    .map(({ gate, index, measurements }) => {
      const slowest = Math.ceil((lastsMs * background.length) / MAX_BACKGROUND_MEASUREMENTS / 1000);
      const detail = `gate "${gate.name}" has no count, so it measures every ${formatDuration(gate.interval)} for the whole release: about ${formatCount(measurements)} times in ${formatDuration(lastsMs)}; at most ${formatCount(MAX_BACKGROUND_MEASUREMENTS)} in all (each measurement is simulated)`;
      return problem(context, 'error', 'plan.tooManyMeasurements', ['analysis', index, 'interval'], detail, {
        fix: { message: `Measure every ${slowest}s or more, or give the gate a count` },
      });
    });
};
