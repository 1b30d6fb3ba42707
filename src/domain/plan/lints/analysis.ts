import { formatDuration } from '../../strategies/describe';
import { STRATEGY_PROFILES } from '../../strategies/profiles';
import { STRATEGY_KINDS } from '../schema';
import type { AnalysisGate, AnalysisRef, Plan } from '../schema';
import { problem } from '../rules/context';
import type { Rule } from '../rules/context';

function gatesOf(plan: Plan, ref: AnalysisRef | undefined): AnalysisGate[] {
  return (ref?.templates ?? []).flatMap((name) => plan.analysis.filter((gate) => gate.name === name));
}

/** Sum of the timed pauses of explicit canary steps; null when a pause waits for an operator. */
function timedStepsMs(plan: Plan): number | null {
  let total = 0;
  for (const step of plan.strategy.canary?.steps ?? []) {
    if (step.pause === undefined) continue;
    if (step.pause.duration === undefined) return null;
    total += step.pause.duration;
  }
  return total;
}

/**
 * Gates that finish measuring after the release has moved on: background analysis whose
 * first measurement (initialDelay) comes after the last timed step, and per-interval checks
 * (Flagger canary, A/B test, shadow) that come before a gate's first measurement.
 */
export const analysisMeasuresInTime: Rule = (context) => {
  const { plan } = context;
  const canary = plan.strategy.canary;
  const diagnostics: ReturnType<Rule> = [];
  const background = canary?.steps ? gatesOf(plan, canary.analysis) : [];
  const totalMs = timedStepsMs(plan);
  if (totalMs !== null) {
    for (const gate of background) {
      // A gate's first result comes one interval after its initial delay, in simulations and real runs alike.
      const first = (gate.initialDelay ?? 0) + gate.interval;
      const path = ['analysis', plan.analysis.indexOf(gate), gate.initialDelay !== undefined ? 'initialDelay' : 'interval'];
      if (first >= totalMs) {
        const verdict = plan.engine === 'argo-rollouts'
          ? 'Argo Rollouts calls such an analysis Successful when the steps end, so it promotes unmeasured (a run by Switchyard pauses there instead)'
          : 'the release pauses when the steps end, since a gate without a successful measurement is inconclusive';
        diagnostics.push(problem(context, 'warning', 'lint.analysisTooLate', path, `background gate ${gate.name} first measures at ${formatDuration(first)}, but the canary's timed steps end after ${formatDuration(totalMs)}: it never measures; ${verdict}`, {
          fix: { message: `Bring initialDelay + interval under ${formatDuration(totalMs)}, or lengthen the pauses` },
        }));
      } else if (gate.count !== undefined && first + (gate.count - 1) * gate.interval > totalMs) {
        const taken = Math.floor((totalMs - first) / gate.interval) + 1;
        diagnostics.push(problem(context, 'warning', 'lint.analysisTooLate', ['analysis', plan.analysis.indexOf(gate), 'count'], `background gate ${gate.name} needs ${formatDuration(first + (gate.count - 1) * gate.interval)} for ${gate.count} measurements, but the canary's timed steps end after ${formatDuration(totalMs)}: it takes only ${taken}`, {
          fix: { message: `Use count: ${taken}, or a shorter interval`, replacement: String(taken) },
        }));
      }
    }
  }
  for (const kind of STRATEGY_KINDS) {
    const checks = STRATEGY_PROFILES[kind].checks(plan);
    const intervalMs = checks?.loops ? checks.interval : undefined;
    if (intervalMs === undefined) continue;
    for (const gate of gatesOf(plan, checks?.analysis)) {
      const first = (gate.initialDelay ?? 0) + gate.interval;
      if (first <= intervalMs) continue;
      diagnostics.push(problem(context, 'warning', 'lint.analysisTooLate', ['analysis', plan.analysis.indexOf(gate), 'interval'], `gate ${gate.name} first has a result after ${formatDuration(first)}, but ${kind} checks every ${formatDuration(intervalMs)}: the first checks find nothing measured`, {
        fix: { message: `Measure at least every ${formatDuration(intervalMs)}`, replacement: formatDuration(intervalMs) },
      }));
    }
  }
  return diagnostics;
};

/**
 * Gates that measure the candidate while no user traffic reaches it (a canary analysis step before
 * any setWeight or at weight 0, a blue-green preview with previewRps 0): they judge test traffic
 * or nothing.
 */
export const gatesHaveTraffic: Rule = (context) => {
  const { plan } = context;
  const diagnostics: ReturnType<Rule> = [];
  let weight = 0;
  let routed = false;
  (plan.strategy.canary?.steps ?? []).forEach((step, index) => {
    if (step.setWeight !== undefined) weight = step.setWeight;
    if (step.setHeaderRoute !== undefined || (step.setMirrorRoute !== undefined && (step.setMirrorRoute.percentage ?? 100) > 0)) routed = true;
    if (step.analysis === undefined || weight > 0 || routed) return;
    const when = index === 0 || !(plan.strategy.canary?.steps ?? []).slice(0, index).some((s) => s.setWeight !== undefined) ? 'before any setWeight' : 'at weight 0';
    diagnostics.push(problem(context, 'warning', 'lint.gateNoTraffic', ['strategy', 'canary', 'steps', index, 'analysis'], `analysis ${step.analysis.templates.join(', ')} runs ${when}: no user traffic reaches the new version yet, so the gate measures only test traffic (previewRps in a simulation, often nothing in production)`, {
      fix: { message: 'Move this step after a setWeight step' },
    }));
  });
  const pre = plan.strategy.blueGreen?.prePromotionAnalysis;
  if (pre) {
    for (const [name, scenario] of Object.entries(plan.scenarios)) {
      if (scenario.traffic.previewRps > 0) continue;
      diagnostics.push(problem(context, 'warning', 'lint.gateNoTraffic', ['scenarios', name, 'traffic', 'previewRps'], `previewRps 0 sends no test traffic to the preview, so prePromotionAnalysis (${pre.templates.join(', ')}) has nothing to measure before promotion`, {
        fix: { message: 'Send some test traffic to the preview', replacement: '5' },
      }));
    }
  }
  return diagnostics;
};
