import { approximateWeightedCanaryStableReplicaCounts, resolveFenceposts } from '../../physics/argoRolloutsWeights';
import { problem } from '../rules/context';
import type { Rule, RuleContext } from '../rules/context';
import type { PlanPath } from '../diagnostics';
import type { CanaryStrategy } from '../schema';

const CANARY = ['strategy', 'canary'] as const;

/** Every weight a canary sets, with where it is written. */
function weightsOf(canary: CanaryStrategy): { weight: number; path: PlanPath }[] {
  const steps = (canary.steps ?? []).flatMap((step, index) => (step.setWeight === undefined ? [] : [{ weight: step.setWeight, path: [...CANARY, 'steps', index, 'setWeight'] }]));
  const listed = (canary.stepWeights ?? []).map((weight, index) => ({ weight, path: [...CANARY, 'stepWeights', index] as PlanPath }));
  const linear = canary.stepWeight === undefined ? [] : [{ weight: canary.stepWeight, path: [...CANARY, 'stepWeight'] as PlanPath }];
  return [...steps, ...listed, ...linear];
}

/** The split Argo Rollouts makes without a router: [canary, stable] replicas and the share that results. */
function splitFor(context: RuleContext, canary: CanaryStrategy, weight: number): { canary: number; stable: number; actual: number; surge: number } {
  const { replicas } = context.plan;
  const surge = resolveFenceposts(canary.maxSurge, canary.maxUnavailable, replicas).maxSurge;
  const [c, s] = approximateWeightedCanaryStableReplicaCounts(replicas, weight, surge);
  return { canary: c, stable: s, actual: c + s === 0 ? 0 : Math.round((c * 100) / (c + s)), surge };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The smallest replica count, at least `from`, at which every weight is a whole number of replicas.
 *
 * @example
 * exactReplicas([10, 25, 50], 3); // 20
 */
export function exactReplicas(weights: readonly number[], from: number): number {
  const step = weights.filter((w) => w > 0 && w < 100).reduce((l, w) => { const d = 100 / gcd(100, w); return (l * d) / gcd(l, d); }, 1);
  return Math.max(step, Math.ceil(from / step) * step);
}

/** Canaries whose split follows replica counts, where `check` applies. */
function withUnroutedCanary(context: RuleContext, check: (canary: CanaryStrategy) => ReturnType<Rule>): ReturnType<Rule> {
  const canary = context.plan.strategy.canary;
  return canary && !canary.trafficRouting && context.plan.engine !== 'flagger' ? check(canary) : [];
}

/**
 * Without a router, traffic follows replica counts, so a weight is only as exact as the replicas
 * allow. Says what Argo Rollouts' approximation will give (10 % of 3 replicas is 1 of 3: 33 %).
 */
export const weightsReplicasCanMeet: Rule = (context) =>
  withUnroutedCanary(context, (canary) => {
    const weights = weightsOf(canary);
    return weights.flatMap(({ weight, path }) => {
      if (weight <= 0 || weight >= 100) return [];
      const split = splitFor(context, canary, weight);
      if (split.actual === weight || split.stable === 0 || split.canary === 0) return [];
      const exact = exactReplicas(weights.map((w) => w.weight), context.plan.replicas);
      return [
        problem(context, 'warning', 'lint.weightApproximation', path, `${weight}% of ${context.plan.replicas} replicas cannot be met without traffic routing: the canary gets ${split.canary} of ${split.canary + split.stable} instances, ${split.actual}% of traffic`, {
          fix: { message: `Run ${exact} replicas (every weight is then exact), or set trafficRouting: true so a router splits traffic by weight` },
        }),
      ];
    });
  });

/** One replica, no surge, no router: the first weight replaces the only stable instance. */
export const canaryCanStart: Rule = (context) =>
  withUnroutedCanary(context, (canary) => {
    const first = weightsOf(canary).find(({ weight }) => weight > 0 && weight < 100);
    if (first === undefined) return [];
    const split = splitFor(context, canary, first.weight);
    if (split.stable > 0 && split.canary > 0) return [];
    const what = split.canary === 0 ? 'no instance of the new version starts' : 'it replaces every stable instance, so all users get the new version at once';
    return [
      problem(context, 'warning', 'lint.canaryCannotStart', first.path, `the canary cannot start: with ${context.plan.replicas} replica${context.plan.replicas === 1 ? '' : 's'}, maxSurge ${split.surge} and no traffic routing, setWeight ${first.weight} gives ${split.canary} canary and ${split.stable} stable instances; ${what}`, {
        fix: { message: 'Set trafficRouting: true, or allow one extra instance with maxSurge: 1, or run more replicas' },
      }),
    ];
  });
