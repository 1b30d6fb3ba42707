import { STRATEGY_PROFILES } from '../../strategies/profiles';
import type { EngineSemantics, HeaderMatch, IntOrPercent, StrategyKind } from '../schema';
import { engineSemantics, STRATEGY_KINDS } from '../schema';
import { problem, withArticle } from './context';
import type { Rule, RuleContext } from './context';

const isZero = (value: IntOrPercent): boolean => value === 0 || value === '0%';

/** Kubernetes and Argo Rollouts reject both at 0: nothing could be added or removed. */
export const surgeOrUnavailable: Rule = (context) =>
  (['rolling', 'canary'] as const).flatMap((kind) => {
    const settings = context.plan.strategy[kind];
    if (!settings || (kind === 'rolling' && context.plan.strategy.rolling?.batchSize !== undefined)) return [];
    if (!isZero(settings.maxSurge) || !isZero(settings.maxUnavailable)) return [];
    return [
      problem(context, 'error', 'plan.noProgress', ['strategy', kind, 'maxSurge'], 'maxSurge and maxUnavailable are both 0, so the release would never make progress', {
        fix: { message: 'Allow one extra instance during the release', replacement: '1' },
      }),
    ];
  });

/** A percentage above 100% of replicas, or a batch of zero, cannot be carried out. */
export const replicaAmountsPossible: Rule = (context) => {
  const rolling = context.plan.strategy.rolling;
  const canary = context.plan.strategy.canary;
  const amounts: [readonly (string | number)[], IntOrPercent | undefined][] = [
    [['strategy', 'rolling', 'maxSurge'], rolling?.maxSurge],
    [['strategy', 'rolling', 'maxUnavailable'], rolling?.maxUnavailable],
    [['strategy', 'rolling', 'batchSize'], rolling?.batchSize],
    [['strategy', 'canary', 'maxUnavailable'], canary?.maxUnavailable],
  ];
  return amounts.flatMap(([path, value]) => {
    if (value === undefined) return [];
    const field = path[path.length - 1];
    if (field === 'batchSize' && isZero(value)) {
      return [problem(context, 'error', 'plan.noProgress', path, 'a batch of 0 would never make progress', { fix: { message: 'Release one instance at a time', replacement: '1' } })];
    }
    if (field !== 'maxSurge' && typeof value === 'string' && Number.parseInt(value, 10) > 100) {
      return [problem(context, 'error', 'plan.percent', path, `${value} is above 100%`)];
    }
    return [];
  });
};

/** Replica counts larger than the whole service are almost always a slip of the keyboard. */
export const replicaCountsFitService: Rule = (context) => {
  const { replicas, strategy } = context.plan;
  const over = (path: readonly (string | number)[], value: number | undefined): ReturnType<Rule> =>
    value !== undefined && value > replicas
      ? [problem(context, 'warning', 'plan.replicas', path, `${value} is more than the ${replicas} replicas of the service`)]
      : [];
  return [
    ...over(['strategy', 'blueGreen', 'previewReplicaCount'], strategy.blueGreen?.previewReplicaCount),
    ...over(['strategy', 'rolling', 'batchSize'], typeof strategy.rolling?.batchSize === 'number' ? strategy.rolling.batchSize : undefined),
    ...(strategy.canary?.steps ?? []).flatMap((step, index) => over(['strategy', 'canary', 'steps', index, 'setCanaryScale', 'replicas'], step.setCanaryScale?.replicas)),
  ];
};

function emptyMatches(context: RuleContext, matches: readonly HeaderMatch[], path: readonly (string | number)[]): ReturnType<Rule> {
  return matches.flatMap((match, index) => {
    const hasHeaders = Object.keys(match.headers ?? {}).length > 0;
    const hasCookie = Object.keys(match.cookie ?? {}).length > 0;
    if (hasHeaders || hasCookie) return [];
    return [
      problem(context, 'error', 'plan.emptyMatch', [...path, index], 'a match needs headers or cookie, otherwise it matches every request', {
        fix: { message: 'Match a header', replacement: 'headers:\n  x-canary:\n    exact: "true"' },
      }),
    ];
  });
}

export const matchesSelectSomething: Rule = (context) => [
  ...emptyMatches(context, context.plan.strategy.abTest?.match ?? [], ['strategy', 'abTest', 'match']),
  ...(context.plan.strategy.canary?.steps ?? []).flatMap((step, index) =>
    emptyMatches(context, step.setHeaderRoute?.match ?? [], ['strategy', 'canary', 'steps', index, 'setHeaderRoute', 'match']),
  ),
];

/**
 * Whether `engine`'s semantics can release `kind` (the strategy's profile lists its engines;
 * `fleet` models instances behind a router and can do everything).
 *
 * @example
 * engineCanRun('kubernetes', 'canary'); // false
 */
export function engineCanRun(engine: EngineSemantics, kind: StrategyKind): boolean {
  return STRATEGY_PROFILES[kind].engines.includes(engine);
}

export const engineSupportsStrategy: Rule = (context) => {
  const { engine } = context.plan;
  const kind = STRATEGY_KINDS.find((candidate) => context.plan.strategy[candidate] !== undefined);
  if (!kind || engineCanRun(engine, kind)) return [];
  const supported = STRATEGY_KINDS.filter((candidate) => engineCanRun(engine, candidate));
  const able = engineSemantics.options.filter((candidate) => engineCanRun(candidate, kind));
  return [
    problem(context, 'error', 'plan.engine', ['strategy', kind], `engine ${engine} cannot run ${withArticle(kind)} release (it supports ${supported.join(', ')}); use engine ${able.join(' or ')}`, {
      target: 'key',
    }),
  ];
};

/** Argo Rollouts walks explicit steps; Flagger moves by stepWeight(s) every interval. */
export const canaryStyleFitsEngine: Rule = (context) => {
  const { engine } = context.plan;
  const canary = context.plan.strategy.canary;
  if (!canary) return [];
  if (engine === 'flagger' && canary.steps !== undefined) {
    return [problem(context, 'warning', 'plan.engineStyle', ['strategy', 'canary', 'steps'], 'flagger has no explicit steps; use stepWeight or stepWeights with interval', { target: 'key' })];
  }
  const flaggerKey = canary.stepWeight !== undefined ? 'stepWeight' : canary.stepWeights !== undefined ? 'stepWeights' : undefined;
  if (engine === 'argo-rollouts' && flaggerKey) {
    return [problem(context, 'warning', 'plan.engineStyle', ['strategy', 'canary', flaggerKey], `argo-rollouts has no ${flaggerKey}; write explicit steps with setWeight and pause`, { target: 'key' })];
  }
  return [];
};
