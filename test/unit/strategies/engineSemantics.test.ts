import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../../../src/domain/plan/schema';
import { argoRollouts, flagger, kubernetes } from '../../../src/domain/physics';
import { describeSteps } from '../../../src/domain/strategies/index';
import type { StrategyStep } from '../../../src/domain/strategies/steps';
import { stepsFor } from '../../../src/domain/strategies/steps';
import { planFixture } from './driver';

type Counts = [candidate: number, stable: number];

/** The (candidate, stable) counts of every setWeight or batch step, in order. */
function counts(steps: StrategyStep[]): Counts[] {
  return steps.flatMap((step): Counts[] => (step.kind === 'setWeight' || step.kind === 'batch' ? [[step.candidateReplicas, step.stableReplicas]] : []));
}

/** The plan's own steps, without the promotion waves Argo's basic canary adds after the last one. */
function planSteps(steps: StrategyStep[]): StrategyStep[] {
  return steps.filter((step) => !(step.kind === 'setWeight' && step.promotion === true));
}

function promotionCounts(steps: StrategyStep[]): Counts[] {
  return counts(steps.filter((step) => step.kind === 'setWeight' && step.promotion === true));
}

/**
 * Replays the steps as the machine does (stable to its room count, candidate up, ready, stable to
 * its final count) and returns the most pods that existed and the fewest that were available.
 */
function replay(steps: StrategyStep[], replicas: number): { peak: number; lowestAvailable: number } {
  let candidate = 0;
  let stable = replicas;
  let peak = replicas;
  let lowestAvailable = replicas;
  for (const step of steps) {
    if (step.kind !== 'setWeight' && step.kind !== 'batch') continue;
    const room = step.kind === 'batch' ? Math.min(stable, step.stableBeforeReplicas) : (step.stableBeforeReplicas ?? stable);
    stable = room;
    lowestAvailable = Math.min(lowestAvailable, candidate + stable);
    peak = Math.max(peak, Math.max(candidate, step.candidateReplicas) + stable);
    lowestAvailable = Math.min(lowestAvailable, Math.min(candidate, step.candidateReplicas) + stable);
    candidate = step.candidateReplicas;
    stable = step.stableReplicas;
    lowestAvailable = Math.min(lowestAvailable, candidate + stable);
  }
  return { peak, lowestAvailable };
}

describe('engine kubernetes: the Deployment controller, wave by wave', () => {
  const rows: { name: string; replicas: number; maxSurge: number | string; maxUnavailable: number | string; expected: Counts[] }[] = [
    // kubernetes.io Deployment docs: 3 replicas, 25%/25% (surge 1, unavailable 0). Events: new up to 1,
    // old down to 2, new up to 2, old down to 1, new up to 3, old down to 0.
    { name: 'docs example: 3 replicas, 25%/25%', replicas: 3, maxSurge: '25%', maxUnavailable: '25%', expected: [[1, 3], [2, 2], [3, 1], [3, 0]] },
    // new 0->3, old 10->8 (3 new unready), new 3->5 | ready | old 8->3, new 5->10 | ready | old 3->0
    { name: '10 replicas, 25%/25%: surge refilled in the same wave', replicas: 10, maxSurge: '25%', maxUnavailable: '25%', expected: [[5, 8], [10, 3], [10, 0]] },
    { name: '4 replicas, 25%/25% (surge 1, unavailable 1)', replicas: 4, maxSurge: '25%', maxUnavailable: '25%', expected: [[2, 3], [4, 1], [4, 0]] },
    { name: 'no surge: old goes first, new follows in the same wave', replicas: 3, maxSurge: 0, maxUnavailable: 1, expected: [[1, 2], [2, 1], [3, 0]] },
    { name: 'both zero: unavailable becomes 1', replicas: 2, maxSurge: 0, maxUnavailable: 0, expected: [[1, 1], [2, 0]] },
    { name: 'surge covers everything: all new first, then all old go', replicas: 4, maxSurge: '100%', maxUnavailable: 0, expected: [[4, 4], [4, 0]] },
  ];

  it.each(rows)('$name', ({ replicas, maxSurge, maxUnavailable, expected }) => {
    const plan = planFixture({ engine: 'kubernetes', replicas, strategy: { rolling: { maxSurge, maxUnavailable } } });
    const steps = stepsFor(plan, 'rolling');
    expect(counts(steps)).toEqual(expected);
    for (const step of steps) if (step.kind === 'batch') expect(step.stableBeforeReplicas).toBe(step.stableReplicas);
    const fenceposts = kubernetes.resolveFenceposts(maxSurge, maxUnavailable, replicas);
    if (!fenceposts.ok) throw new Error(fenceposts.error);
    const { peak, lowestAvailable } = replay(steps, replicas);
    expect(peak).toBeLessThanOrEqual(replicas + fenceposts.maxSurge);
    expect(lowestAvailable).toBeGreaterThanOrEqual(replicas - fenceposts.maxUnavailable);
  });

  it('should match rolloutRolling sync by sync for the first wave', () => {
    const d = { replicas: 10, maxSurge: '25%', maxUnavailable: '25%' };
    const up = kubernetes.rolloutRolling(d, { name: 'new', replicas: 0, availableReplicas: 0 }, [{ name: 'old', replicas: 10, availableReplicas: 10 }]);
    expect(up.newReplicaSet.replicas).toBe(3);
    const down = kubernetes.rolloutRolling(d, up.newReplicaSet, up.oldReplicaSets);
    expect(down.oldReplicaSets[0]?.replicas).toBe(8);
    const refill = kubernetes.rolloutRolling(d, down.newReplicaSet, [{ name: 'old', replicas: 8, availableReplicas: 8 }]);
    expect(refill.newReplicaSet.replicas).toBe(5);
    const steps = stepsFor(planFixture({ engine: 'kubernetes', strategy: { rolling: { maxSurge: '25%', maxUnavailable: '25%' } } }), 'rolling');
    expect(steps[0]).toMatchObject({ kind: 'batch', batch: 1, batches: 3, candidateReplicas: 5, stableReplicas: 8, stableBeforeReplicas: 8, weight: 50 });
  });

  it('should keep fleet batches for fleet and for a fixed batchSize', () => {
    expect(counts(stepsFor(planFixture({ strategy: { rolling: {} } }), 'rolling'))).toEqual([[5, 5], [10, 0]]);
    expect(counts(stepsFor(planFixture({ engine: 'kubernetes', replicas: 4, strategy: { rolling: { batchSize: 2 } } }), 'rolling'))).toEqual([[2, 2], [4, 0]]);
  });
});

function argoPlan(canary: NonNullable<PlanInput['strategy']['canary']>, replicas = 10) {
  return planFixture({ engine: 'argo-rollouts', replicas, strategy: { canary } });
}

describe('engine argo-rollouts: canary counts per step', () => {
  const rows: { name: string; replicas?: number; canary: NonNullable<PlanInput['strategy']['canary']>; expected: Counts[] }[] = [
    // Upstream canary_test.go "Use max surge int to scale up canary" then "Scale down extra stable replicas".
    { name: 'basic, setWeight 20, maxSurge 2: surge 2 canaries, then stable 10->8', canary: { trafficRouting: false, maxSurge: 2, maxUnavailable: 0, steps: [{ setWeight: 20 }] }, expected: [[2, 10], [2, 8]] },
    { name: 'basic, setWeight 10, maxSurge 25%: 1 canary, then stable 9', canary: { trafficRouting: false, maxSurge: '25%', maxUnavailable: 0, steps: [{ setWeight: 10 }] }, expected: [[1, 10], [1, 9]] },
    { name: 'basic, setWeight 50, maxSurge 25%: three waves within the surge', canary: { trafficRouting: false, maxSurge: '25%', maxUnavailable: 0, steps: [{ setWeight: 50 }] }, expected: [[3, 10], [5, 7], [5, 5]] },
    // Upstream "Use max unavailable int to scale down stableRS": stable 10->8 first, then 2 canaries.
    { name: 'basic, no surge, maxUnavailable 2: stable first', canary: { trafficRouting: false, maxSurge: 0, maxUnavailable: 2, steps: [{ setWeight: 20 }] }, expected: [[2, 8]] },
    { name: 'basic, 3 replicas, setWeight 10: 1 canary (33 %)', replicas: 3, canary: { trafficRouting: false, maxSurge: 0, maxUnavailable: 1, steps: [{ setWeight: 10 }] }, expected: [[1, 2]] },
    { name: 'basic, weight falls: stable grows before the canary shrinks', canary: { trafficRouting: false, maxSurge: '25%', maxUnavailable: 0, steps: [{ setWeight: 50 }, { setWeight: 20 }] }, expected: [[3, 10], [5, 7], [5, 5], [5, 8], [2, 8]] },
    { name: 'routed, setWeight 10: canary 1, stable untouched', canary: { steps: [{ setWeight: 10 }, { setWeight: 60 }] }, expected: [[1, 10], [6, 10]] },
    { name: 'routed, dynamicStableScale: stable follows the router', canary: { dynamicStableScale: true, steps: [{ setWeight: 20 }, { setWeight: 50 }] }, expected: [[2, 8], [5, 5]] },
    { name: 'routed, setCanaryScale replicas 3 holds through setWeight 20', canary: { steps: [{ setCanaryScale: { replicas: 3 } }, { setWeight: 20 }, { setCanaryScale: { matchTrafficWeight: true } }, { setWeight: 50 }] }, expected: [[3, 10], [5, 10]] },
  ];

  it.each(rows)('$name', ({ replicas = 10, canary, expected }) => {
    const plan = argoPlan(canary, replicas);
    const steps = stepsFor(plan, 'canary');
    expect(counts(planSteps(steps))).toEqual(expected);
    const rollout = { replicas, maxSurge: plan.strategy.canary?.maxSurge, maxUnavailable: plan.strategy.canary?.maxUnavailable };
    const { peak, lowestAvailable } = replay(steps, replicas);
    if (canary.trafficRouting === false) {
      expect(peak).toBeLessThanOrEqual(replicas + argoRollouts.maxSurge(rollout));
      expect(lowestAvailable).toBeGreaterThanOrEqual(replicas - argoRollouts.maxUnavailable(rollout));
    }
  });

  it('should agree with calculateReplicaCountsForBasicCanary at the end of every step', () => {
    const plan = argoPlan({ trafficRouting: false, maxSurge: 2, maxUnavailable: 0, steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }] });
    const steps = stepsFor(plan, 'canary');
    const rollout = { replicas: 10, maxSurge: 2, maxUnavailable: 0, steps: [{ setWeight: 20 }, {}, { setWeight: 50 }] };
    for (const [index, final] of [[0, [2, 8]], [2, [5, 5]]] as const) {
      const status = { currentStepIndex: index, stableRS: 'stable', currentPodHash: 'canary' };
      const rs = (name: string, n: number) => ({ name, replicas: n, availableReplicas: n });
      expect(argoRollouts.calculateReplicaCountsForBasicCanary(rollout, status, rs('canary', final[0]), rs('stable', final[1]), [])).toEqual(final);
    }
    expect(counts(planSteps(steps))).toEqual([[2, 10], [2, 8], [4, 8], [5, 6], [5, 5]]);
  });

  // Past the last step GetCurrentSetWeight is the whole weight, so the controller's own syncs take
  // the canary to full size within maxSurge and maxUnavailable before promoting (as the real
  // rollouts-controller does in test/conformance: 5 replicas, maxSurge 1, at 60 % goes 4/2, 5/1, 5/0).
  it.each([
    { name: '5 replicas, maxSurge 1, last setWeight 60', replicas: 5, canary: { trafficRouting: false, maxSurge: 1, maxUnavailable: 0, steps: [{ setWeight: 60 }] }, expected: [[4, 2], [5, 1], [5, 0]] },
    { name: '10 replicas, no surge, maxUnavailable 2, last setWeight 70', replicas: 10, canary: { trafficRouting: false, maxSurge: 0, maxUnavailable: 2, steps: [{ setWeight: 70 }] }, expected: [[9, 1], [10, 0]] },
    { name: 'last setWeight 100: nothing left to move', replicas: 10, canary: { trafficRouting: false, maxSurge: '25%', maxUnavailable: '25%', steps: [{ setWeight: 100 }] }, expected: [] },
    { name: 'traffic routing: the machine promotes, no waves', replicas: 10, canary: { steps: [{ setWeight: 50 }] }, expected: [] },
  ] satisfies { name: string; replicas: number; canary: NonNullable<PlanInput['strategy']['canary']>; expected: Counts[] }[])('promotion waves after the last step: $name', ({ replicas, canary, expected }) => {
    const steps = stepsFor(argoPlan(canary, replicas), 'canary');
    expect(promotionCounts(steps)).toEqual(expected);
    const { peak, lowestAvailable } = replay(steps, replicas);
    if (canary.trafficRouting === false) {
      const rollout = { replicas, maxSurge: canary.maxSurge, maxUnavailable: canary.maxUnavailable };
      expect(peak).toBeLessThanOrEqual(replicas + argoRollouts.maxSurge(rollout));
      expect(lowestAvailable).toBeGreaterThanOrEqual(replicas - argoRollouts.maxUnavailable(rollout));
    }
  });

  it('should show the counts Argo sets, step by step', () => {
    const basic = argoPlan({ trafficRouting: false, maxSurge: '25%', maxUnavailable: 0, steps: [{ setWeight: 50 }, { pause: { duration: '1m' } }] });
    expect(describeSteps(basic).map((step) => step.label)).toEqual([
      'setWeight 50% (sync 1/3) → canary 3, stable 10',
      'setWeight 50% (sync 2/3) → canary 5, stable 7',
      'setWeight 50% (sync 3/3) → canary 5, stable 5',
      'pause 1m',
      // Argo's own way to full weight after the last step (see the promotion waves above).
      'promotion to 100% (sync 1/3) → canary 8, stable 5',
      'promotion to 100% (sync 2/3) → canary 10, stable 2',
      'promotion to 100% (sync 3/3) → canary 10, stable 0',
    ]);
    const routed = argoPlan({ dynamicStableScale: true, steps: [{ setWeight: 20 }, { setCanaryScale: { replicas: 4 } }] });
    expect(describeSteps(routed).map((step) => step.label)).toEqual(['setWeight 20% → canary 2, stable 10 then 8', 'setCanaryScale 4 replicas']);
  });

  it('should ignore setCanaryScale without traffic routing, as Argo does', () => {
    const steps = stepsFor(argoPlan({ trafficRouting: false, maxSurge: 0, maxUnavailable: 2, steps: [{ setWeight: 20 }, { setCanaryScale: { replicas: 9 } }] }), 'canary');
    expect(planSteps(steps).at(-1)).toEqual({ kind: 'setCanaryScale', replicas: 2 });
  });
});

describe('engine flagger: weights from the analysis loop, both deployments at full size', () => {
  const rows: { name: string; canary: NonNullable<PlanInput['strategy']['canary']>; weights: number[] }[] = [
    { name: 'stepWeight 20, maxWeight 50 overshoots to 60', canary: { stepWeight: 20, maxWeight: 50 }, weights: [20, 40, 60] },
    { name: 'stepWeight 25 reaches 100', canary: { stepWeight: 25 }, weights: [25, 50, 75, 100] },
    { name: 'stepWeights', canary: { stepWeights: [1, 5, 25, 50] }, weights: [1, 5, 25, 50] },
  ];

  it.each(rows)('$name', ({ canary, weights }) => {
    const plan = planFixture({ engine: 'flagger', replicas: 4, strategy: { canary: { interval: '1m', analysis: { templates: ['error-rate'] }, ...canary } } });
    const steps = stepsFor(plan, 'canary');
    const fromPhysics = flagger
      .flaggerTimeline({ ...canary, maxWeight: plan.strategy.canary?.maxWeight ?? 100 })
      .filter((entry) => entry.phase === 'progressing' && entry.canaryWeight > 0)
      .map((entry) => entry.canaryWeight);
    expect(fromPhysics).toEqual(weights);
    expect(steps.slice(0, 2)).toEqual([
      { kind: 'setWeight', weight: 0, candidateReplicas: 4, stableReplicas: 4 },
      { kind: 'pause', durationMs: 60_000 },
    ]);
    expect(steps.slice(2)).toEqual(
      weights.flatMap((weight, index) => [
        { kind: 'setWeight', weight, candidateReplicas: 4, stableReplicas: 4 },
        { kind: 'check', gates: ['error-rate'], intervalMs: 60_000, iteration: index + 1, iterations: weights.length },
      ]),
    );
  });

  it('should keep the fleet linear canary for engine fleet', () => {
    const steps = stepsFor(planFixture({ replicas: 4, strategy: { canary: { stepWeight: 20, maxWeight: 50 } } }), 'canary');
    expect(steps.filter((step) => step.kind === 'setWeight').map((step) => (step.kind === 'setWeight' ? step.weight : 0))).toEqual([20, 40]);
  });
});
