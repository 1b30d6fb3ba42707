import type { V1Deployment } from '@kubernetes/client-node';

/** Where a Deployment's rollout stands, read from its status as `kubectl rollout status` reads it. */
export interface RolloutStatus {
  /** Desired replicas (spec.replicas; 1 when unset, as the API server defaults it). */
  desired: number;
  /** Pods of the current template. */
  updated: number;
  ready: number;
  available: number;
  /** Every pod, old and new, the controller still counts. */
  total: number;
  paused: boolean;
  /** The controller has seen the latest spec. */
  observed: boolean;
  /** All desired pods run the current template and are available, and no old pod is left. */
  complete: boolean;
  /** Why the controller gave up, when it did (ProgressDeadlineExceeded), else null. */
  stalled: string | null;
  /** "2 of 3 updated replicas are available", as kubectl words the wait. */
  words: string;
}

/**
 * A Deployment's rollout status. The same conditions and words as kubectl's DeploymentStatusViewer:
 * not observed yet; the progress deadline passed; fewer updated than desired; old replicas
 * pending termination; fewer available than updated; else complete.
 *
 * @example
 * rolloutOf(deployment).words; // "Waiting for deployment \"demo\" rollout to finish: 1 of 3 updated replicas are available..."
 */
export function rolloutOf(deployment: V1Deployment): RolloutStatus {
  const name = deployment.metadata?.name ?? '';
  const status = deployment.status ?? {};
  const desired = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const base = { desired, updated, ready: status.readyReplicas ?? 0, available, total, paused: deployment.spec?.paused === true };
  const observed = (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0);
  if (!observed) return { ...base, observed, complete: false, stalled: null, words: 'Waiting for deployment spec update to be observed...' };
  const progressing = status.conditions?.find((condition) => condition.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { ...base, observed, complete: false, stalled: progressing.message ?? 'ProgressDeadlineExceeded', words: `deployment "${name}" exceeded its progress deadline` };
  }
  const waiting = (words: string): RolloutStatus => ({ ...base, observed, complete: false, stalled: null, words: `Waiting for deployment "${name}" rollout to finish: ${words}...` });
  if (updated < desired) return waiting(`${updated} out of ${desired} new replicas have been updated`);
  if (total > updated) return waiting(`${total - updated} old replicas are pending termination`);
  if (available < updated) return waiting(`${available} of ${updated} updated replicas are available`);
  return { ...base, observed, complete: true, stalled: null, words: `deployment "${name}" successfully rolled out` };
}
