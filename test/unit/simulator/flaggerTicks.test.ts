import { describe, expect, it } from 'vitest';
import { flagger } from '../../../src/domain/physics';
import type { PlanInput } from '../../../src/domain/plan/schema';
import { simulate } from '../../../src/domain/simulator/simulate';
import type { RunResult } from '../../../src/domain/simulator/types';
import { planFixture } from './fixtures';

/**
 * Whole runs against Flagger's scheduler (pkg/controller/scheduler.go `advanceCanary`, v1.44.0):
 * one tick per analysis interval; at each tick the failed checks are compared with the threshold
 * before anything is measured, then every metric is queried once over its interval ending now
 * (scheduler_metrics.go), then the weight moves or the iteration counts; the tick after the last
 * one promotes, and two more end in Succeeded. The physics timeline (`flaggerTimeline`) says which
 * tick does what; these runs must do it at the same ticks.
 */

const MINUTE = 60_000;
const gate = { name: 'error-rate', metric: 'errorRate', interval: '1m', count: 1, failureCondition: 'result >= 0.05' } as const;
const match = [{ headers: { 'x-variant': { exact: 'b' } } }];
const quiet = { traffic: { rps: 100, noise: 0 } };

function run(strategy: PlanInput['strategy'], engine: PlanInput['engine'], scenario: object = quiet, analysis: PlanInput['analysis'] = [gate]): RunResult {
  return simulate(planFixture(strategy, 4, scenario, { engine, analysis }), { seed: 5 });
}

const times = (result: RunResult, kind: string) => result.events.filter((event) => event.kind === kind).map((event) => event.t);
const gaps = (values: number[]) => values.slice(1).map((value, index) => value - (values[index] as number));
const ended = (result: RunResult) => (result.events.at(-1) as { t: number }).t;

/** Ticks of a Flagger timeline (1 = detection) at which metrics are checked: after the pre-rollout tick, every progressing or promoting tick. */
function checkedTicks(config: flagger.FlaggerConfig): number[] {
  const timeline = flagger.flaggerTimeline(config);
  const promoting = timeline.find((entry) => entry.phase === 'promoting');
  return timeline.filter((entry) => entry.interval > 2 && entry.interval <= (promoting?.interval ?? Infinity)).map((entry) => entry.interval);
}

describe("Flagger's ticks in whole runs", () => {
  it('scheduler.go runAB: ten iterations are ten checks one interval apart, then promotion (the A/B example: 10 minutes, was 20)', () => {
    const result = run({ abTest: { match, iterations: 10, interval: '1m', threshold: 2, analysis: { templates: ['error-rate'] } } }, 'fleet');
    expect(result.outcome).toBe('promoted');
    const measured = times(result, 'gate.measure');
    expect(measured).toHaveLength(10);
    expect(gaps(measured)).toEqual(Array<number>(9).fill(MINUTE));
    const routed = times(result, 'traffic.set')[0] as number;
    expect(measured[0]).toBe(routed + MINUTE);
    expect(ended(result)).toBeLessThan(routed + 10 * MINUTE + 1000);
  });

  it('engine flagger, runAB: checks at the ticks flaggerTimeline checks, promoting at the last, Succeeded two ticks later', () => {
    const iterations = 3;
    const ticks = checkedTicks({ iterations, match: true });
    expect(ticks).toEqual([3, 4, 5]);
    const result = run({ abTest: { match, iterations, interval: '1m', analysis: { templates: ['error-rate'] } } }, 'flagger');
    expect(result.outcome).toBe('promoted');
    const measured = times(result, 'gate.measure');
    // Tick 2 (pre-rollout webhooks) sets the header route; each later tick checks what the one before set.
    const routed = times(result, 'traffic.set')[0] as number;
    expect(measured).toEqual(ticks.map((_, index) => routed + (index + 1) * MINUTE));
    const promoting = result.events.find((event) => event.kind === 'machine.state' && event.message.startsWith('promoting'));
    expect(promoting?.t).toBe(measured.at(-1));
    const succeeded = flagger.flaggerTimeline({ iterations, match: true }).find((entry) => entry.phase === 'succeeded');
    expect(succeeded?.interval).toBe((ticks.at(-1) as number) + 2);
    expect(ended(result) - (measured.at(-1) as number)).toBeGreaterThanOrEqual(2 * MINUTE);
    expect(ended(result) - (measured.at(-1) as number)).toBeLessThan(2 * MINUTE + 1000);
  });

  it('engine flagger, runCanary: each check judges the weight the tick before set (stepWeight 20, maxWeight 50: 20, 40, 60)', () => {
    const config = { stepWeight: 20, maxWeight: 50 };
    const timeline = flagger.flaggerTimeline(config);
    // The weight in effect at each checked tick is the one the previous tick set.
    const judged = checkedTicks(config).map((tick) => timeline.find((entry) => entry.interval === tick - 1)?.canaryWeight);
    expect(judged).toEqual([20, 40, 60]);
    const result = run({ canary: { ...config, interval: '1m', analysis: { templates: ['error-rate'] } } }, 'flagger');
    expect(result.outcome).toBe('promoted');
    const weights = result.events.filter((event) => event.kind === 'traffic.set').map((event) => (event.data as { weights: { candidate: number } }).weights.candidate);
    expect(weights).toEqual([20, 40, 60, 100]);
    const measured = times(result, 'gate.measure');
    const set = times(result, 'traffic.set');
    expect(measured).toEqual(set.slice(0, 3).map((t) => t + MINUTE));
  });

  it('scheduler.go: failedChecks reached the threshold is acted on at the next tick, before measuring (threshold 2)', () => {
    const config = { stepWeight: 20, maxWeight: 50, threshold: 2 };
    // Detection and the pre-rollout tick pass; every metric check fails.
    const timeline = flagger.flaggerTimeline(config, (tick) => tick <= 2);
    expect(timeline.map((entry) => `${entry.interval}:${entry.phase}:${entry.failedChecks}`)).toEqual(['1:progressing:0', '2:progressing:0', '3:progressing:1', '4:progressing:2', '5:failed:0']);
    const result = run({ canary: { ...config, interval: '1m', analysis: { templates: ['error-rate'] } } }, 'flagger', { ...quiet, candidate: { errorRate: 0.2 } });
    expect(result.outcome).toBe('rolledBack');
    const measured = times(result, 'gate.measure');
    expect(measured).toHaveLength(2);
    const rollingBack = result.events.find((event) => event.kind === 'machine.state' && event.message.startsWith('rollingBack'));
    expect(rollingBack?.t).toBe((measured[1] as number) + MINUTE);
  });

  it("scheduler_metrics.go: a check queries each metric over the metric's own interval ending now, not since the step began", () => {
    // A bad first half of the interval: a 30 s query at the tick sees only the good half; a 1 m query sees both.
    const strategy = { abTest: { match, iterations: 1, interval: '1m', threshold: 1, analysis: { templates: ['error-rate'] } } };
    const routedAt = times(run(strategy, 'fleet'), 'traffic.set')[0] as number;
    const scenario = { ...quiet, faults: [{ at: `${Math.ceil(routedAt / 1000)}s`, kind: 'badVersion', role: 'candidate', for: '25s', errorRate: 0.5 }] };
    const short = run(strategy, 'fleet', scenario, [{ ...gate, interval: '30s' }]);
    const long = run(strategy, 'fleet', scenario, [gate]);
    expect(short.outcome).toBe('promoted');
    expect(long.outcome).toBe('rolledBack');
  });
});
