import type { IntOrPercent } from '../plan/schema';
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
 * Resolves a Kubernetes IntOrString against a total. Percentages round up for surge and down for
 * unavailability, as the Deployment controller does.
 *
 * @example
 * resolveIntOrPercent('25%', 10, 'up');   // 3
 * resolveIntOrPercent('25%', 10, 'down'); // 2
 * resolveIntOrPercent(4, 10, 'down');     // 4
 */
export function resolveIntOrPercent(value: IntOrPercent, total: number, rounding: 'up' | 'down'): number {
  if (typeof value === 'number') return value;
  const exact = (total * Number(value.slice(0, -1))) / 100;
  return rounding === 'up' ? Math.ceil(exact) : Math.floor(exact);
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

/**
 * Instances replaced per batch. Fleet semantics replace `surge + unavailable` instances at a time
 * (the most Kubernetes could have in flight); a fixed `batchSize` (CodeDeploy style) wins when set.
 * Both zero would never finish, so Kubernetes' rule applies: one unavailable.
 *
 * @example
 * rollingBatchSize(10, { maxSurge: '25%', maxUnavailable: '25%' }); // 3 + 2 = 5
 * rollingBatchSize(10, { maxSurge: 0, maxUnavailable: 0 });         // 1
 * rollingBatchSize(10, { maxSurge: 1, maxUnavailable: 0, batchSize: '30%' }); // 3
 */
export function rollingBatchSize(replicas: number, bounds: RollingBounds): number {
  if (bounds.batchSize !== undefined) return Math.max(1, resolveIntOrPercent(bounds.batchSize, replicas, 'up'));
  const surge = resolveIntOrPercent(bounds.maxSurge, replicas, 'up');
  const unavailable = resolveIntOrPercent(bounds.maxUnavailable, replicas, 'down');
  return Math.max(1, surge + unavailable);
}

/**
 * The counts after each batch of a rolling update, last batch all candidate.
 *
 * @example
 * rollingBatches(10, { maxSurge: '25%', maxUnavailable: '25%' });
 * // [{ candidate: 5, stable: 5 }, { candidate: 10, stable: 0 }]
 */
export function rollingBatches(replicas: number, bounds: RollingBounds): FleetSplit[] {
  const size = rollingBatchSize(replicas, bounds);
  const batches: FleetSplit[] = [];
  for (let candidate = size; candidate - size < replicas; candidate += size) {
    const capped = Math.min(candidate, replicas);
    batches.push({ candidate: capped, stable: replicas - capped });
  }
  return batches;
}
