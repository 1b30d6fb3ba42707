import type { Plan } from '../plan/schema';
import { exportArgoRollouts } from './argoRollouts';
import { exportFlagger } from './flagger';
import { exportKubernetes } from './kubernetes';
import type { Exported, ExportTarget } from './types';

export { EXPORT_TARGETS, type Exported, type ExportTarget } from './types';

/**
 * A plan as the manifests of another tool: Argo Rollouts, Flagger, or a plain Deployment.
 *
 * @example
 * exportPlan(plan, 'argo-rollouts'); // { ok: true, documents: [Rollout, Service, ...], notes: [...] }
 */
export function exportPlan(plan: Plan, target: ExportTarget): Exported {
  if (target === 'argo-rollouts') return exportArgoRollouts(plan);
  if (target === 'flagger') return exportFlagger(plan);
  return exportKubernetes(plan);
}
