import { describe, expect, it } from 'vitest';
import type { Plan, PlanInput } from '../../../src/domain/plan/schema';
import { simulate } from '../../../src/domain/simulator/simulate';
import type { RunResult } from '../../../src/domain/simulator/types';
import { stepsFor } from '../../../src/domain/strategies/steps';
import { planFixture } from './fixtures';

type Counts = [candidate: number, stable: number];

/** Instances alive (starting or ready, not draining) of each role when the machine leaves each step. */
function countsAtStepEnds(run: RunResult): Map<number, Counts> {
  const ends = new Map<number, Counts>();
  for (const snapshot of run.snapshots) {
    if (!snapshot.state.startsWith('progressing')) continue;
    const { candidate, stable } = snapshot.instances;
    ends.set(snapshot.stepIndex, [candidate.starting + candidate.ready, stable.starting + stable.ready]);
  }
  return ends;
}

/** What the compiled steps ask for, by step index, for setWeight and batch steps. */
function expectedCounts(plan: Plan, kind: 'canary' | 'rolling'): Map<number, Counts> {
  const expected = new Map<number, Counts>();
  stepsFor(plan, kind).forEach((step, index) => {
    if (step.kind === 'setWeight' || step.kind === 'batch') expected.set(index, [step.candidateReplicas, step.stableReplicas]);
  });
  return expected;
}

function check(plan: Plan, kind: 'canary' | 'rolling', numbers: Counts[]): void {
  const run = simulate(plan, { seed: 3 });
  expect(run.outcome).toBe('promoted');
  const expected = expectedCounts(plan, kind);
  expect([...expected.values()]).toEqual(numbers);
  const ends = countsAtStepEnds(run);
  for (const [index, counts] of expected) expect({ step: index, counts: ends.get(index) }).toEqual({ step: index, counts });
}

const scenario = { fleet: { bootTime: { min: '5s', max: '15s' }, drainTime: '5s' }, traffic: { rps: 100, noise: 0 } };

function plan(engine: PlanInput['engine'], replicas: number, strategy: PlanInput['strategy']): Plan {
  return planFixture(strategy, replicas, scenario, { engine });
}

describe('simulate with engine semantics: instances per step are the controller\'s', () => {
  it('kubernetes rolling update, 10 replicas 25%/25%', () => {
    check(plan('kubernetes', 10, { rolling: { maxSurge: '25%', maxUnavailable: '25%' } }), 'rolling', [[5, 8], [10, 3], [10, 0]]);
  });

  it('kubernetes rolling update, the docs example: 3 replicas 25%/25%', () => {
    check(plan('kubernetes', 3, { rolling: { maxSurge: '25%', maxUnavailable: '25%' } }), 'rolling', [[1, 3], [2, 2], [3, 1], [3, 0]]);
  });

  it('argo-rollouts basic canary, waves within maxSurge', () => {
    const canary = { trafficRouting: false, maxSurge: '25%', maxUnavailable: 0, steps: [{ setWeight: 50 }, { pause: { duration: '1m' } }, { setWeight: 100 }] };
    check(plan('argo-rollouts', 10, { canary }), 'canary', [[3, 10], [5, 7], [5, 5], [8, 5], [10, 2], [10, 0]]);
  });

  it('argo-rollouts traffic-routed canary with dynamicStableScale', () => {
    const canary = { dynamicStableScale: true, steps: [{ setWeight: 20 }, { pause: { duration: '1m' } }, { setWeight: 50 }, { pause: { duration: '1m' } }] };
    check(plan('argo-rollouts', 10, { canary }), 'canary', [[2, 8], [5, 5]]);
  });

  it('flagger canary: both deployments at full size while the weight moves', () => {
    check(plan('flagger', 4, { canary: { stepWeight: 20, maxWeight: 50, interval: '1m' } }), 'canary', [[4, 4], [4, 4], [4, 4], [4, 4]]);
  });
});
