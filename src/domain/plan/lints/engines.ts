import { formatDuration } from '../../strategies/describe';
import { STRATEGY_PROFILES } from '../../strategies/profiles';
import { problem } from '../rules/context';
import type { Rule } from '../rules/context';
import { STRATEGY_KINDS } from '../schema';

/**
 * A Deployment has no fixed-size batches: it rolls by maxSurge and maxUnavailable. A plan that
 * asks for `batchSize` under `engine: kubernetes` is simulated with fleet batches, which is not
 * what Kubernetes would do, so it is said before anything runs.
 */
export const kubernetesHasNoBatches: Rule = (context) => {
  const { plan } = context;
  const batchSize = plan.strategy.rolling?.batchSize;
  if (plan.engine !== 'kubernetes' || batchSize === undefined) return [];
  return [
    problem(context, 'warning', 'lint.kubernetesBatchSize', ['strategy', 'rolling', 'batchSize'], `engine kubernetes has no fixed-size batches: a Deployment rolls by maxSurge/maxUnavailable, so this plan is simulated with fleet batches, not what Kubernetes would do`, {
      target: 'key',
      fix: { message: `Use maxSurge: 0 and maxUnavailable: ${JSON.stringify(batchSize)} for the same batches, or set engine: fleet` },
    }),
  ];
};

/** Flagger's shortest analysis interval: `GetAnalysisInterval` (pkg/apis/flagger/v1beta1/canary.go) reads anything shorter as 10 s. */
export const FLAGGER_MIN_INTERVAL_MS = 10_000;

/**
 * Under `engine: flagger` an analysis interval under 10 s is not what Flagger runs: it ticks every
 * 10 s instead. The rehearsal keeps the plan's interval, so it is said before anything runs.
 */
export const flaggerIntervalAtLeastTenSeconds: Rule = (context) => {
  const { plan } = context;
  if (plan.engine !== 'flagger') return [];
  return STRATEGY_KINDS.flatMap((kind) => {
    const interval = STRATEGY_PROFILES[kind].checks(plan)?.interval;
    if (interval === undefined || interval >= FLAGGER_MIN_INTERVAL_MS) return [];
    return [
      problem(context, 'warning', 'lint.flaggerMinInterval', ['strategy', kind, 'interval'], `Flagger reads an analysis interval under 10s as 10s, so its checks would come every 10s, not every ${formatDuration(interval)} as this rehearsal runs them`, {
        fix: { message: 'Use interval: 10s', replacement: '10s' },
      }),
    ];
  });
};
