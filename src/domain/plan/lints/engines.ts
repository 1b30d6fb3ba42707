import { problem } from '../rules/context';
import type { Rule } from '../rules/context';

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
