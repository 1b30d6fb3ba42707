import type { Plan } from '../plan/schema';
import { argoCanaryMoves, argoPromotionMoves } from './engines/argoCanary';
import type { ArgoMove } from './engines/argoCanary';
import { flaggerCanaryReplicas, flaggerCanaryWeights } from './engines/flaggerCanary';
import { FLAGGER_DEFAULT_INTERVAL_MS, FLAGGER_DEFAULT_ITERATIONS, flaggerIterationSteps } from './engines/flaggerIterations';
import { kubernetesRollingBatches } from './engines/kubernetesRolling';
import { canaryReplicas, rollingBatches } from './fleetArithmetic';
import type { StrategyStep } from './steps';

// Each strategy's track: how its settings under `plan.strategy` resolve into steps, with the
// plan's `engine` semantics. A strategy's profile (profiles.ts) names its track; the rest of the
// code asks for one through `stepsFor` (steps.ts).

const DEFAULT_INTERVAL_MS = 60_000;

function setWeightStep(plan: Plan, weight: number, trafficRouting: boolean): StrategyStep {
  const split = canaryReplicas(plan.replicas, weight, trafficRouting);
  return { kind: 'setWeight', weight, candidateReplicas: split.candidate, stableReplicas: split.stable };
}

/**
 * A canary's track: explicit steps (Argo Rollouts style, with Argo's counts under argo-rollouts),
 * else Flagger's canary under flagger, else a linear canary of stepWeight(s) and interval checks.
 *
 * @example
 * canarySteps(plan); // replicas 5, steps [{ setWeight: 20 }, { pause: {} }]
 * // [{ kind: 'setWeight', weight: 20, candidateReplicas: 1, stableReplicas: 5 }, { kind: 'pause' }]
 */
export function canarySteps(plan: Plan): StrategyStep[] {
  const canary = plan.strategy.canary;
  if (!canary) return [];
  if (canary.steps && plan.engine === 'argo-rollouts') {
    const moves = argoCanaryMoves(plan.replicas, canary);
    const promotion = argoSetWeightSteps(100, argoPromotionMoves(plan.replicas, canary, moves)).map((step) => ({ ...step, promotion: true }));
    return [...explicitCanarySteps(plan, canary.trafficRouting, moves), ...promotion];
  }
  if (canary.steps) return explicitCanarySteps(plan, canary.trafficRouting);
  if (plan.engine === 'flagger') return flaggerCanarySteps(plan);
  return linearCanarySteps(plan);
}

/** One setWeight step per Argo move (several when a basic canary needs several waves). */
function argoSetWeightSteps(weight: number, moves: ArgoMove[]): StrategyStep[] {
  return moves.map((move, index) => ({
    kind: 'setWeight',
    weight,
    candidateReplicas: move.canary,
    stableReplicas: move.stable,
    stableBeforeReplicas: move.stableBefore,
    ...(moves.length > 1 ? { sync: index + 1, syncs: moves.length } : {}),
  }));
}

/** Argo-style explicit steps; with `moves` (engine argo-rollouts) the counts are Argo's, else fleet's. */
function explicitCanarySteps(plan: Plan, trafficRouting: boolean, moves?: ArgoMove[][]): StrategyStep[] {
  const steps: StrategyStep[] = [];
  let weight = 0;
  for (const [index, step] of (plan.strategy.canary?.steps ?? []).entries()) {
    const engineMoves = moves?.[index];
    if (step.setWeight !== undefined) {
      weight = step.setWeight;
      steps.push(...(engineMoves ? argoSetWeightSteps(weight, engineMoves) : [setWeightStep(plan, weight, trafficRouting)]));
    } else if (step.setCanaryScale && engineMoves) {
      steps.push({ kind: 'setCanaryScale', replicas: engineMoves.at(-1)?.canary ?? 0 });
    } else if (step.pause) {
      steps.push(step.pause.duration === undefined ? { kind: 'pause' } : { kind: 'pause', durationMs: step.pause.duration });
    } else if (step.analysis) {
      steps.push({ kind: 'analysis', gates: step.analysis.templates });
    } else if (step.setCanaryScale) {
      const scale = step.setCanaryScale;
      const scaleWeight = scale.matchTrafficWeight ? weight : (scale.weight ?? 0);
      const replicas = scale.replicas ?? canaryReplicas(plan.replicas, scaleWeight, true).candidate;
      steps.push({ kind: 'setCanaryScale', replicas });
    } else if (step.setHeaderRoute) {
      steps.push({ kind: 'setHeaderRoute', name: step.setHeaderRoute.name, match: step.setHeaderRoute.match ?? [] });
    } else if (step.setMirrorRoute) {
      steps.push({ kind: 'setMirrorRoute', name: step.setMirrorRoute.name, percent: step.setMirrorRoute.percentage ?? 0 });
    }
  }
  return steps;
}

/** Flagger's linear canary: each weight is followed by one interval and one check of the gates. */
function linearCanarySteps(plan: Plan): StrategyStep[] {
  const canary = plan.strategy.canary;
  if (!canary) return [];
  const weights = canary.stepWeights ?? linearWeights(canary.stepWeight, canary.maxWeight);
  const gates = canary.analysis?.templates ?? [];
  const intervalMs = canary.interval ?? DEFAULT_INTERVAL_MS;
  return weights.flatMap((weight, index) => [
    setWeightStep(plan, weight, canary.trafficRouting),
    intervalStep(gates, intervalMs, index + 1, weights.length),
  ]);
}

/**
 * Flagger's canary: on detection the canary Deployment scales to full size with no traffic; one
 * interval runs the pre-rollout webhooks; then each weight of its timeline is followed by one
 * interval and one check at that weight. Both Deployments stay at full size throughout.
 */
function flaggerCanarySteps(plan: Plan): StrategyStep[] {
  const canary = plan.strategy.canary;
  if (!canary) return [];
  const weights = flaggerCanaryWeights(canary);
  const gates = canary.analysis?.templates ?? [];
  const intervalMs = canary.interval ?? DEFAULT_INTERVAL_MS;
  const full = { candidateReplicas: flaggerCanaryReplicas(plan.replicas), stableReplicas: plan.replicas };
  return [
    { kind: 'setWeight', weight: 0, ...full },
    { kind: 'pause', durationMs: intervalMs },
    ...weights.flatMap((weight, index): StrategyStep[] => [{ kind: 'setWeight', weight, ...full }, intervalStep(gates, intervalMs, index + 1, weights.length)]),
  ];
}

function linearWeights(stepWeight: number | undefined, maxWeight: number): number[] {
  if (stepWeight === undefined || stepWeight <= 0) return [];
  const weights: number[] = [];
  for (let weight = stepWeight; weight <= maxWeight; weight += stepWeight) weights.push(weight);
  return weights;
}

/** With no gates an interval is only a wait, so it is shown and run as a pause. */
function intervalStep(gates: string[], intervalMs: number, iteration: number, iterations: number): StrategyStep {
  if (gates.length === 0) return { kind: 'pause', durationMs: intervalMs };
  return { kind: 'check', gates, intervalMs, iteration, iterations };
}

/** A rolling update's batches (Kubernetes' syncs under engine kubernetes), each followed by its analysis and pause. */
export function rollingSteps(plan: Plan): StrategyStep[] {
  const rolling = plan.strategy.rolling;
  if (!rolling) return [];
  const engineBatches = plan.engine === 'kubernetes' && rolling.batchSize === undefined ? kubernetesRollingBatches(plan.replicas, rolling.maxSurge, rolling.maxUnavailable) : undefined;
  const batches = engineBatches ?? rollingBatches(plan.replicas, rolling);
  return batches.flatMap((split, index) => {
    const steps: StrategyStep[] = [
      {
        kind: 'batch',
        batch: index + 1,
        batches: batches.length,
        weight: Math.round((split.candidate * 100) / plan.replicas),
        candidateReplicas: split.candidate,
        stableReplicas: split.stable,
        stableBeforeReplicas: split.stableBefore,
        ...(split.candidateBefore === undefined ? {} : { candidateBeforeReplicas: split.candidateBefore }),
      },
    ];
    if (rolling.analysis) steps.push({ kind: 'analysis', gates: rolling.analysis.templates });
    const isLast = index === batches.length - 1;
    if (rolling.pauseBetweenBatches !== undefined && !isLast) steps.push({ kind: 'pause', durationMs: rolling.pauseBetweenBatches });
    return steps;
  });
}

function iterationSteps(gates: string[], intervalMs: number, iterations: number): StrategyStep[] {
  return Array.from({ length: iterations }, (_, index) => intervalStep(gates, intervalMs, index + 1, iterations));
}

/** An A/B test: the header route, then one check per iteration (Flagger's iterations under flagger). */
export function abTestSteps(plan: Plan): StrategyStep[] {
  const abTest = plan.strategy.abTest;
  if (!abTest) return [];
  const gates = abTest.analysis?.templates ?? [];
  if (plan.engine === 'flagger') return flaggerIterationSteps({ iterations: abTest.iterations, intervalMs: abTest.interval, gates, replicas: plan.replicas, match: abTest.match });
  return [
    { kind: 'setHeaderRoute', name: 'ab-test', match: abTest.match },
    ...iterationSteps(abTest.analysis?.templates ?? [], abTest.interval, abTest.iterations),
  ];
}

/** Shadow under Flagger is its blue-green with mirroring: mirrored iterations, then all traffic for one interval. */
export function shadowSteps(plan: Plan): StrategyStep[] {
  const shadow = plan.strategy.shadow;
  if (!shadow) return [];
  const gates = shadow.analysis?.templates ?? [];
  if (plan.engine === 'flagger') return flaggerIterationSteps({ iterations: shadow.iterations, intervalMs: shadow.interval, gates, replicas: plan.replicas, mirrorPercent: shadow.mirrorPercent });
  return [
    { kind: 'setMirrorRoute', name: 'shadow', percent: shadow.mirrorPercent },
    ...iterationSteps(shadow.analysis?.templates ?? [], shadow.interval, shadow.iterations),
  ];
}

/**
 * Argo's blue-green: the pre-promotion analysis is the only step. Flagger's: its iterations of
 * the pre-promotion gates on the idle canary (the plan has no iteration count or interval for
 * blue-green, so Flagger's defaults), then all traffic to it for one checked interval.
 */
export function blueGreenSteps(plan: Plan): StrategyStep[] {
  const gates = plan.strategy.blueGreen?.prePromotionAnalysis?.templates;
  if (plan.engine === 'flagger') {
    return flaggerIterationSteps({ iterations: FLAGGER_DEFAULT_ITERATIONS, intervalMs: FLAGGER_DEFAULT_INTERVAL_MS, gates: gates ?? [], replicas: plan.replicas });
  }
  return gates ? [{ kind: 'analysis', gates, label: 'pre-promotion' }] : [];
}

/** Recreate: all traffic to the candidate at full size (it starts once stable is gone), then its analysis. */
export function recreateSteps(plan: Plan): StrategyStep[] {
  const steps: StrategyStep[] = [setWeightStep(plan, 100, false)];
  const gates = plan.strategy.recreate?.analysis?.templates;
  if (gates) steps.push({ kind: 'analysis', gates });
  return steps;
}
