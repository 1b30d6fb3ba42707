import type { Plan } from '../plan/schema';
import type { Exported, ExportOptions } from './types';
import { releaseMetadata, serviceOf, workloadOf, workloadSpec, type Workload } from './workload';

/** The Deployment a plan's workload runs as, with the strategy the plan gives it (RollingUpdate when it gives none). */
export function deploymentOf(plan: Plan, workload: Workload, strategy: Record<string, unknown> = { type: 'RollingUpdate' }, scenarios?: unknown): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: releaseMetadata(workload, scenarios),
    spec: { ...workloadSpec(plan, workload), strategy },
  };
}

/**
 * A rolling or recreate plan as a Kubernetes Deployment and its Service. A Deployment has no
 * gates and no pauses between batches: each is a note. Other strategies need a controller that
 * runs a canary: an error says which.
 *
 * @example
 * exportKubernetes(rollingPlan).documents[0].spec.strategy; // { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }
 */
export function exportKubernetes(plan: Plan, options: ExportOptions = {}): Exported {
  const { rolling, recreate } = plan.strategy;
  if (!rolling && !recreate) return { ok: false, error: 'a Deployment only rolls or recreates: export a canary or a blue-green --to argo-rollouts, an A/B test or a shadow --to flagger' };
  const notes: string[] = [];
  const workload = workloadOf(plan, notes);
  const analysis = rolling?.analysis ?? recreate?.analysis;
  if (analysis) notes.push(`a Deployment has no gates: ${analysis.templates.join(', ')} ${analysis.templates.length === 1 ? 'is' : 'are'} left out (switchyard run checks them, pausing the Deployment at each batch)`);
  if (rolling?.pauseBetweenBatches !== undefined) notes.push('a Deployment does not pause between batches: pauseBetweenBatches is left out');
  if (plan.policy.progressDeadlineAbort === true) notes.push('the Deployment controller only reports ProgressDeadlineExceeded: policy.progressDeadlineAbort, Switchyard\'s own rollback at the deadline, is left out');
  if (rolling?.batchSize !== undefined) notes.push(`a Deployment rolls by maxSurge and maxUnavailable, not fixed batches: batchSize ${rolling.batchSize} is left out`);
  const strategy = rolling ? { type: 'RollingUpdate', rollingUpdate: { maxSurge: rolling.maxSurge, maxUnavailable: rolling.maxUnavailable } } : { type: 'Recreate' };
  return { ok: true, documents: [deploymentOf(plan, workload, strategy, options.scenarios), serviceOf(workload, workload.name)], notes };
}
