import type { HeaderMatch, Plan, StrategyKind } from '../plan/schema';
import { STRATEGY_PROFILES } from './profiles';

/**
 * A weight and the counts that go with it. `stableBeforeReplicas`: the stable count to reach
 * before the candidate scales (Argo scales the stable side first); absent, stable moves only after
 * the route. `sync`/`syncs`: this is wave `sync` of `syncs` the engine needs to reach the weight
 * (Argo's basic canary within maxSurge), each waiting for the candidate to be ready.
 * `reportedWeight`: the weight the controller's own status shows when it is not the route's
 * (Flagger's Canary status.canaryWeight stays 0 while blue-green sends everything to the canary).
 * `promotion`: not a step of the plan but the controller's own way to full weight once the steps
 * are done (Argo's basic canary, within maxSurge and maxUnavailable).
 */
export interface SetWeightStep {
  kind: 'setWeight';
  weight: number;
  candidateReplicas: number;
  stableReplicas: number;
  stableBeforeReplicas?: number;
  sync?: number;
  syncs?: number;
  reportedWeight?: number;
  promotion?: boolean;
}

/**
 * One batch of a rolling update: stable down to `stableBeforeReplicas`, candidate up to
 * `candidateReplicas` and ready, stable to `stableReplicas`. `candidateBeforeReplicas`: the
 * candidate count to reach before the stable moves at all (the Deployment controller creates the
 * new ReplicaSet at its surge, then scales the old one down); absent, the stable moves first.
 */
export interface BatchStep {
  kind: 'batch';
  batch: number;
  batches: number;
  weight: number;
  candidateReplicas: number;
  stableReplicas: number;
  stableBeforeReplicas: number;
  candidateBeforeReplicas?: number;
}

/**
 * One step of a strategy's track, resolved from the plan once when the machine starts (counts
 * already computed with the plan's `engine` semantics), so the machine only walks a list and a
 * persisted snapshot stays plain data.
 */
export type StrategyStep =
  | SetWeightStep
  | BatchStep
  | { kind: 'pause'; durationMs?: number }
  | { kind: 'analysis'; gates: string[]; label?: string }
  | { kind: 'setCanaryScale'; replicas: number }
  | { kind: 'setHeaderRoute'; name: string; match: HeaderMatch[] }
  | { kind: 'setMirrorRoute'; name: string; percent: number }
  | { kind: 'check'; gates: string[]; intervalMs: number; iteration: number; iterations: number };

export type StepKind = StrategyStep['kind'];

/**
 * The steps of a plan, in order, for the strategy set under `plan.strategy`: its profile's track
 * (tracks.ts).
 *
 * @example
 * stepsFor(plan, 'canary'); // canary with steps [{setWeight: 20}, {pause: {}}]
 * // [{ kind: 'setWeight', weight: 20, candidateReplicas: 1, stableReplicas: 5 }, { kind: 'pause' }]
 */
export function stepsFor(plan: Plan, kind: StrategyKind): StrategyStep[] {
  return STRATEGY_PROFILES[kind].steps(plan);
}
