import { resolveFenceposts as argoFenceposts } from '../../physics/argoRolloutsWeights';
import { canaryReplicas, rollingFenceposts } from '../../strategies/fleetArithmetic';
import { formatCount, MAX_RESOLVED_STEPS } from '../limits';
import type { CanaryStrategy, RollingStrategy } from '../schema';
import { problem } from './context';
import type { Rule, RuleContext } from './context';

const WHY = `each one is simulated and estimated, at most ${formatCount(MAX_RESOLVED_STEPS)}`;

/**
 * Replicas moved a few at a time make a step per move: 100,000 replicas with maxSurge 1 are
 * 100,000 batches, which lint's estimate and every simulation would walk one by one. Counted from
 * the fenceposts alone (replicas / instances moved per batch), never by building the steps.
 *
 * @example
 *   // replicas: 100000, rolling: { maxSurge: 1, maxUnavailable: 0 }
 *   // -> strategy.rolling.maxSurge: 100,000 replicas 1 at a time make 100,000 batches; ...
 */
export const resolvedStepsWithinLimit: Rule = (context) => {
  const { rolling, canary } = context.plan.strategy;
  if (rolling) return rollingWithinLimit(context, rolling);
  if (canary && context.plan.engine === 'argo-rollouts' && !canary.trafficRouting) return argoWavesWithinLimit(context, canary);
  return [];
};

function rollingWithinLimit(context: RuleContext, rolling: RollingStrategy): ReturnType<Rule> {
  const { replicas } = context.plan;
  const { surge, unavailable } = rollingFenceposts(replicas, rolling);
  const perBatch = Math.max(1, surge + unavailable);
  const batches = Math.ceil(replicas / perBatch);
  if (batches <= MAX_RESOLVED_STEPS) return [];
  const field = rolling.batchSize === undefined ? 'maxSurge' : 'batchSize';
  return [
    problem(context, 'error', 'plan.tooManySteps', ['strategy', 'rolling', field], `${formatCount(replicas)} replicas ${formatCount(perBatch)} at a time make ${formatCount(batches)} batches (${WHY})`, {
      fix: { message: `Move at least ${formatCount(Math.ceil(replicas / MAX_RESOLVED_STEPS))} instances a batch, or a percentage such as "1%"` },
    }),
  ];
}

/** Argo Rollouts' basic canary reaches each weight in waves of at most maxSurge + maxUnavailable pods. */
function argoWavesWithinLimit(context: RuleContext, canary: CanaryStrategy): ReturnType<Rule> {
  const { replicas } = context.plan;
  const fenceposts = argoFenceposts(canary.maxSurge, canary.maxUnavailable, replicas);
  const perWave = Math.max(1, fenceposts.maxSurge + fenceposts.maxUnavailable);
  let waves = 0;
  let canaryCount = 0;
  for (const step of canary.steps ?? []) {
    const scale = step.setCanaryScale;
    const next = step.setWeight !== undefined ? canaryReplicas(replicas, step.setWeight, false).candidate : (scale?.replicas ?? (scale?.weight !== undefined ? canaryReplicas(replicas, scale.weight, true).candidate : canaryCount));
    waves += Math.ceil(Math.abs(next - canaryCount) / perWave);
    canaryCount = next;
  }
  if (waves <= MAX_RESOLVED_STEPS) return [];
  return [
    problem(context, 'error', 'plan.tooManySteps', ['strategy', 'canary', 'maxSurge'], `${formatCount(replicas)} replicas ${formatCount(perWave)} at a time make about ${formatCount(waves)} waves of pods (${WHY})`, {
      fix: { message: `Move at least ${formatCount(Math.ceil(waves * perWave / MAX_RESOLVED_STEPS))} pods a wave, or a percentage such as "5%"` },
    }),
  ];
}
