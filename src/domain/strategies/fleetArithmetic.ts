import type { IntOrPercent } from '../plan/schema';
import { resolveFenceposts } from '../physics/kubernetesRolling';
import { getScaledValueFromIntOrPercent } from '../physics/intOrPercent';
import type { Weights } from './effects';

/**
 * Replica and weight arithmetic with `fleet` semantics: instances behind a router, counted the
 * simple way. The exact Kubernetes, Argo Rollouts and Flagger arithmetic lives in
 * `src/domain/physics`; the strategy machines only need a plausible, documented plan of counts.
 */

/** Desired instance counts of both roles after a step. */
export interface FleetSplit {
  stable: number;
  candidate: number;
}

/**
 * Instance counts for a canary weight. With a traffic router the stable stays at full size and
 * the router splits traffic (Argo's traffic-routed canary); without one the split follows the
 * replica counts, so stable gives up what the candidate takes (Argo's basic canary).
 *
 * @example
 * canaryReplicas(10, 25, true);  // { stable: 10, candidate: 3 }
 * canaryReplicas(10, 25, false); // { stable: 7, candidate: 3 }
 */
export function canaryReplicas(replicas: number, weight: number, trafficRouting: boolean): FleetSplit {
  const candidate = Math.min(replicas, Math.ceil((replicas * weight) / 100));
  return { candidate, stable: trafficRouting ? replicas : replicas - candidate };
}

/**
 * Traffic weights that follow ready replicas, for routers that balance per instance.
 *
 * @example
 * weightsForReplicas({ stable: 7, candidate: 3 }); // { stable: 70, candidate: 30 }
 * weightsForReplicas({ stable: 0, candidate: 0 }); // { stable: 100, candidate: 0 }
 */
export function weightsForReplicas(split: FleetSplit): Weights {
  const total = split.stable + split.candidate;
  if (total === 0) return { stable: 100, candidate: 0 };
  const candidate = Math.round((split.candidate * 100) / total);
  return { stable: 100 - candidate, candidate };
}

/** What a rolling update asks for: surge/unavailable like Kubernetes, or fixed batches. */
export interface RollingBounds {
  maxSurge: IntOrPercent;
  maxUnavailable: IntOrPercent;
  batchSize?: IntOrPercent | undefined;
}

/** One batch of a rolling update: make room, bring the candidate up, then retire the rest. */
export interface RollingBatch extends FleetSplit {
  /** Stable count to shrink to before the candidate scales up (what maxUnavailable allows). */
  stableBefore: number;
  /** Candidate count to reach before the stable shrinks, when the engine surges first (the Deployment controller's reply to a new template). */
  candidateBefore?: number;
}

/**
 * Surge and unavailability of a rolling update, resolved as the Deployment controller does
 * (surge rounds up, unavailability down, both zero gives one unavailable). A fixed `batchSize`
 * (CodeDeploy's in-place deployment) takes that many instances out of service at a time and adds
 * none.
 *
 * @example
 * rollingFenceposts(10, { maxSurge: '25%', maxUnavailable: '25%' }); // { surge: 3, unavailable: 2 }
 * rollingFenceposts(10, { maxSurge: 0, maxUnavailable: 0 });         // { surge: 0, unavailable: 1 }
 * rollingFenceposts(10, { maxSurge: 1, maxUnavailable: 0, batchSize: '30%' }); // { surge: 0, unavailable: 3 }
 */
export function rollingFenceposts(replicas: number, bounds: RollingBounds): { surge: number; unavailable: number } {
  if (bounds.batchSize !== undefined) {
    const batch = getScaledValueFromIntOrPercent(bounds.batchSize, replicas, true);
    return { surge: 0, unavailable: Math.max(1, batch.ok ? batch.value : 1) };
  }
  const fenceposts = resolveFenceposts(bounds.maxSurge, bounds.maxUnavailable, replicas);
  return fenceposts.ok ? { surge: fenceposts.maxSurge, unavailable: fenceposts.maxUnavailable } : { surge: 0, unavailable: 1 };
}

/**
 * The batches of a rolling update with fleet semantics. Each batch first retires up to
 * `unavailable` stable instances (so at least replicas - unavailable keep serving), then raises
 * the candidate as far as `surge` allows (so at most replicas + surge exist), and once those are
 * ready retires the stable instances they replace. A batch thus replaces surge + unavailable
 * instances and never breaks either bound.
 *
 * @example
 * rollingBatches(10, { maxSurge: '25%', maxUnavailable: '25%' });
 * // [{ stableBefore: 8, candidate: 5, stable: 5 }, { stableBefore: 3, candidate: 10, stable: 0 }]
 */
export function rollingBatches(replicas: number, bounds: RollingBounds): RollingBatch[] {
  const { surge, unavailable } = rollingFenceposts(replicas, bounds);
  const batches: RollingBatch[] = [];
  let stable = replicas;
  let candidate = 0;
  while (candidate < replicas) {
    const stableBefore = Math.max(0, stable - unavailable);
    candidate = Math.min(replicas, replicas + surge - stableBefore);
    stable = replicas - candidate;
    batches.push({ stableBefore, candidate, stable });
  }
  return batches;
}
