import { describe, expect, it } from 'vitest';
import { argoRollouts } from '../../../src/domain/physics';
import type { PlanInput } from '../../../src/domain/plan/schema';
import { simulate } from '../../../src/domain/simulator/simulate';
import type { RunResult } from '../../../src/domain/simulator/types';
import { planFixture } from './fixtures';

/**
 * Aborts under engine argo-rollouts in whole runs: a bad canary fails its analysis at 50 % and
 * Argo aborts. With dynamicStableScale the weight steps back down through the setWeight steps as
 * stable pods come up (rollout/trafficrouting.go calculateDesiredWeightOnAbortOrStableRollback,
 * utils/replicaset/canary.go GetDesiredCanaryWeight); blue-green and a traffic-routed canary keep
 * the new set up for abortScaleDownDelaySeconds once the stable is full (rollout/replicaset.go
 * reconcileNewReplicaSet, shouldDelayScaleDownOnAbort). Upstream writes the deadline in whole
 * seconds of wall-clock time; a simulation counts the delay from the moment the stable is full.
 */

const gate = { name: 'error-rate', metric: 'errorRate', interval: '30s', count: 2, failureCondition: 'result >= 0.05' } as const;
const bad = { traffic: { rps: 100, noise: 0 }, candidate: { errorRate: 0.2 } };
const steps = [{ setWeight: 20 }, { pause: { duration: '1m' } }, { setWeight: 50 }, { analysis: { templates: ['error-rate'] } }, { setWeight: 100 }];

function run(strategy: PlanInput['strategy'], policy: PlanInput['policy'] = {}): RunResult {
  return simulate(planFixture(strategy, 10, bad, { engine: 'argo-rollouts', analysis: [gate], policy }), { seed: 3 });
}

/** What the rollback asked for, in order: "stable 8", "weight 20", "candidate 2". */
function rollbackMoves(result: RunResult): string[] {
  const start = result.events.find((event) => event.kind === 'machine.state' && event.message.startsWith('rollingBack'))?.t ?? Infinity;
  return result.events.filter((event) => event.t >= start && event.kind !== 'machine.state').flatMap((event) => {
    if (event.kind === 'scale') return [`${(event.data as { role: string }).role} ${(event.data as { replicas: number }).replicas}`];
    if (event.kind === 'traffic.set') return [`weight ${(event.data as { weights: { candidate: number } }).weights.candidate}`];
    return [];
  });
}

const at = (result: RunResult, kind: string, startsWith: string) => result.events.filter((event) => event.kind === kind && event.message.startsWith(startsWith)).at(-1)?.t;

describe('argo-rollouts aborts in whole runs', () => {
  it('dynamicStableScale, aborted at 50 with steps 20, 50: the weight holds until stable 8 is up, steps to 20, the canary shrinks to 2, stable 10, then 0', () => {
    const result = run({ canary: { trafficRouting: true, dynamicStableScale: true, steps } });
    expect(result.outcome).toBe('rolledBack');
    expect(rollbackMoves(result)).toEqual(['stable 8', 'weight 20', 'candidate 2', 'stable 10', 'weight 0', 'candidate 0']);
    // The same figures from the physics, sync by sync, with what is available at each.
    const rollout = { replicas: 10, trafficRouting: true, dynamicStableScale: true, steps: [{ setWeight: 20 }, {}, { setWeight: 50 }, {}, { setWeight: 100 }] };
    const status = { abort: true, stableRS: 'stable', currentPodHash: 'canary' };
    const rs = (name: string, n: number) => ({ name, replicas: n, availableReplicas: n });
    expect(argoRollouts.calculateDesiredWeightOnAbortOrStableRollback(rollout, status, rs('canary', 5), rs('stable', 5), { canary: 50, stable: 50 })).toBe(50);
    expect(argoRollouts.calculateReplicaCountsForTrafficRoutedCanary(rollout, status, { canary: 50, stable: 50 }, rs('canary', 5), rs('stable', 5))).toEqual([5, 8]);
    expect(argoRollouts.calculateDesiredWeightOnAbortOrStableRollback(rollout, status, rs('canary', 5), rs('stable', 8), { canary: 50, stable: 50 })).toBe(20);
    expect(argoRollouts.getDesiredCanaryWeight(rollout, status, rs('canary', 2), rs('stable', 8))).toBe(0);
  });

  it('shouldDelayScaleDownOnAbort: a traffic-routed canary keeps its pods 30 s (the default) after traffic is back on stable', () => {
    const result = run({ canary: { trafficRouting: true, steps } });
    expect(rollbackMoves(result)).toEqual(['weight 0', 'candidate 0']);
    const routed = result.events.filter((event) => event.kind === 'traffic.set').at(-1)?.t as number;
    expect(at(result, 'scale', 'scale candidate → 0')).toBe(routed + 30_000);
  });

  it.each([
    { row: 'abortScaleDownDelaySeconds 10', delay: 10, after: 10_000 },
    { row: 'dynamicStableScale with an explicit delay keeps the canary up, then 0 after the delay', delay: 20, after: 20_000, dynamic: true },
  ])('reconcileNewReplicaSet: $row', ({ delay, after, dynamic }) => {
    const result = run({ canary: { trafficRouting: true, dynamicStableScale: dynamic === true, steps } }, { abortScaleDownDelaySeconds: delay });
    const moves = rollbackMoves(result);
    expect(moves.filter((move) => move.startsWith('candidate'))).toEqual(['candidate 0']);
    const routed = result.events.filter((event) => event.kind === 'traffic.set').at(-1)?.t as number;
    expect((at(result, 'scale', 'scale candidate → 0') as number) - routed).toBe(after);
  });

  it('an explicit abortScaleDownDelaySeconds 0 leaves an aborted blue-green preview up (shouldDelayScaleDownOnAbort: "leave canary/preview up indefinitely")', () => {
    const blueGreen = { blueGreen: { autoPromotionEnabled: true, prePromotionAnalysis: { templates: ['error-rate'] } } };
    const kept = run(blueGreen, { abortScaleDownDelaySeconds: 0 });
    expect(kept.outcome).toBe('rolledBack');
    expect(rollbackMoves(kept).some((move) => move === 'candidate 0')).toBe(false);
    const delayed = run(blueGreen);
    const routed = delayed.events.filter((event) => event.kind === 'traffic.set').at(-1)?.t as number;
    expect(at(delayed, 'scale', 'scale candidate → 0')).toBe(routed + 30_000);
  });

  it('fleet keeps rolling straight back', () => {
    const result = simulate(planFixture({ canary: { trafficRouting: true, dynamicStableScale: true, steps } }, 10, bad, { analysis: [gate] }), { seed: 3 });
    expect(rollbackMoves(result)).toEqual(['weight 0', 'candidate 0']);
  });
});
