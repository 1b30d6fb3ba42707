import type { FlaggerConfig } from './flagger';

/**
 * Flagger's reading of a Canary and its Deployments: which strategy the analysis runs
 * (pkg/apis/flagger/v1beta1/canary.go `DeploymentStrategy`), whether a Deployment is ready
 * (pkg/canary/deployment_ready.go `isDeploymentReady`), and the canary's size when a new revision
 * is detected (pkg/canary/deployment_controller.go `ScaleFromZero`). Time is passed in, in ms.
 */

export type FlaggerStrategy = 'canary' | 'blue-green' | 'ab-testing';

/**
 * The strategy Flagger reports for a Canary (`DeploymentStrategy`): match and iterations make
 * A/B testing, iterations alone blue-green, anything else (stepWeight, stepWeights, maxWeight, or
 * no analysis at all: undefined) a canary release. Match without iterations is a canary. Only
 * `match` and `iterations` are read.
 *
 * @example
 * deploymentStrategy({ match: true, iterations: 10 }); // 'ab-testing'
 * deploymentStrategy({ iterations: 5 });               // 'blue-green'
 * deploymentStrategy(undefined);                       // 'canary'
 */
export function deploymentStrategy(analysis: FlaggerConfig | undefined): FlaggerStrategy {
  const iterations = analysis?.iterations ?? 0;
  if (analysis?.match === true && iterations > 0) return 'ab-testing';
  return iterations > 0 ? 'blue-green' : 'canary';
}

/** One status condition of a Deployment, as far as Flagger reads it. */
export interface DeploymentCondition {
  readonly type: 'Progressing' | 'Available' | 'ReplicaFailure';
  readonly status?: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  /** lastUpdateTime, in ms. */
  readonly lastUpdateTime?: number;
}

/** The parts of a Deployment `isDeploymentReady` reads. */
export interface FlaggerDeployment {
  readonly name?: string;
  /** metadata.generation; default 0, as an empty object's. */
  readonly generation?: number;
  /** spec.replicas; unset skips the updated-replicas check. */
  readonly replicas?: number;
  readonly status: {
    readonly observedGeneration?: number;
    readonly replicas?: number;
    readonly updatedReplicas?: number;
    readonly availableReplicas?: number;
    readonly conditions?: readonly DeploymentCondition[];
  };
}

/** Ready, or not with a message; `retriable: false` means Flagger stops waiting (the rollout is stuck). */
export interface DeploymentReadiness {
  readonly ready: boolean;
  readonly retriable: boolean;
  readonly error?: string;
}

/** Go's float32 product, truncated toward zero as int32() does. */
function float32Threshold(updatedReplicas: number, readyThreshold: number): number {
  const ratio = Math.fround(Math.fround(readyThreshold) / Math.fround(100));
  return Math.trunc(Math.fround(Math.fround(updatedReplicas) * ratio));
}

/**
 * Whether a Deployment is ready, and if not whether it is worth waiting (`isDeploymentReady`).
 * Until the controller has observed the latest generation: not ready, retriable. Then, in order:
 * a Progressing condition with reason ProgressDeadlineExceeded is not ready and not retriable;
 * fewer updated replicas than spec.replicas, old pods still terminating (status.replicas above
 * updatedReplicas), or fewer available pods than readyThreshold % of the updated ones (computed in
 * float32, truncated) are not ready; those three are not retriable once an Available=False
 * condition with reason MinimumReplicasUnavailable is older than the progress deadline.
 *
 * @example
 * isDeploymentReady({ status: { replicas: 1, updatedReplicas: 1, availableReplicas: 1 } }, 0, 100, 0); // { ready: true, retriable: true }
 * isDeploymentReady({ status: { updatedReplicas: 4, availableReplicas: 2 } }, 0, 50, 0);               // { ready: true, retriable: true }
 * isDeploymentReady({ status: { updatedReplicas: 1, replicas: 2 } }, 0, 100, 0);                       // not ready: 1 old replicas are pending termination
 */
export function isDeploymentReady(deployment: FlaggerDeployment, deadlineSeconds: number, readyThreshold: number, now: number): DeploymentReadiness {
  const { status } = deployment;
  if ((deployment.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { ready: false, retriable: true, error: 'waiting for rollout to finish: observed deployment generation less than desired generation' };
  }
  const conditions = status.conditions ?? [];
  const progress = conditions.find((c) => c.type === 'Progressing');
  let retriable = true;
  if (progress !== undefined) {
    const available = conditions.find((c) => c.type === 'Available');
    if (available?.status === 'False' && available.reason === 'MinimumReplicasUnavailable') {
      retriable = (available.lastUpdateTime ?? 0) + deadlineSeconds * 1000 >= now;
    }
  }
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const availableReplicas = status.availableReplicas ?? 0;
  const needed = float32Threshold(updated, readyThreshold);
  if (progress?.reason === 'ProgressDeadlineExceeded') return { ready: false, retriable: false, error: `deployment "${deployment.name ?? ''}" exceeded its progress deadline` };
  if (deployment.replicas !== undefined && updated < deployment.replicas) {
    return { ready: false, retriable, error: `waiting for rollout to finish: ${updated} out of ${deployment.replicas} new replicas have been updated` };
  }
  if (total > updated) return { ready: false, retriable, error: `waiting for rollout to finish: ${total - updated} old replicas are pending termination` };
  if (availableReplicas < needed) {
    return { ready: false, retriable, error: `waiting for rollout to finish: ${availableReplicas} of ${needed} (readyThreshold ${readyThreshold}%) updated replicas are available` };
  }
  return { ready: true, retriable: true };
}

/** What `ScaleFromZero` reads to size the canary. */
export interface ScaleFromZeroInput {
  /** The canary Deployment's spec.replicas. */
  readonly canaryReplicas?: number;
  /** The primary Deployment's spec.replicas (read only without an autoscaler). */
  readonly primaryReplicas?: number;
  /** spec.autoscalerRef, with the min its object has (undefined when it cannot be read). */
  readonly autoscaler?: { readonly kind: 'HorizontalPodAutoscaler' | 'ScaledObject' | (string & {}); readonly minReplicas?: number };
}

/**
 * The canary's size when Flagger scales it up for a new revision (`ScaleFromZero`): its own
 * spec.replicas when positive; else, without an autoscaler, the primary's when positive; else,
 * with an HPA (minReplicas) or a KEDA ScaledObject (minReplicaCount), that minimum when above 1;
 * else 1.
 *
 * @example
 * scaleFromZero({ canaryReplicas: 0, primaryReplicas: 4 });                                            // 4
 * scaleFromZero({ canaryReplicas: 0, primaryReplicas: 4, autoscaler: { kind: 'HorizontalPodAutoscaler', minReplicas: 2 } }); // 2
 * scaleFromZero({});                                                                                   // 1
 */
export function scaleFromZero(input: ScaleFromZeroInput): number {
  if (input.canaryReplicas !== undefined && input.canaryReplicas > 0) return input.canaryReplicas;
  const { autoscaler } = input;
  if (autoscaler === undefined) return input.primaryReplicas !== undefined && input.primaryReplicas > 0 ? input.primaryReplicas : 1;
  const known = autoscaler.kind === 'HorizontalPodAutoscaler' || autoscaler.kind === 'ScaledObject';
  return known && autoscaler.minReplicas !== undefined && autoscaler.minReplicas > 1 ? autoscaler.minReplicas : 1;
}
