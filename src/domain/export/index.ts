import type { Plan } from '../plan/schema';
import { exportArgoRollouts } from './argoRollouts';
import { exportFlagger } from './flagger';
import { exportKubernetes } from './kubernetes';
import type { Exported, ExportOptions, ExportTarget } from './types';

export { EXPORT_TARGETS, SCENARIOS_ANNOTATION, type Exported, type ExportOptions, type ExportTarget } from './types';

/**
 * A plan as the manifests of another tool: Argo Rollouts, Flagger, or a plain Deployment.
 *
 * @example
 * exportPlan(plan, 'argo-rollouts'); // { ok: true, documents: [Rollout, Service, ...], notes: [...] }
 */
export function exportPlan(plan: Plan, target: ExportTarget, options: ExportOptions = {}): Exported {
  if (target === 'argo-rollouts') return exportArgoRollouts(plan, options);
  if (target === 'flagger') return exportFlagger(plan, options);
  return exportKubernetes(plan, options);
}
