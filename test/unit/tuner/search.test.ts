import { describe, expect, it } from 'vitest';
import type { Knob } from '../../../src/domain/tuner/knobs';
import { searchPlans, type Evaluation } from '../../../src/domain/tuner/search';

/** A count knob 1..10 for a toy model. */
function knob(label: string, current: number): Knob {
  return { label, path: [label], bound: 'count', current, min: 1, max: 10, neighbours: (v) => [v - 1, v + 1].filter((n) => n >= 1 && n <= 10), write: (v) => v, show: String };
}

/**
 * A toy release: `checks` measurements of `wait` minutes each. It catches the bad version in
 * (checks × 25 %) of 100 runs, capped at 100; it stops the good one in 5 runs when checks is 1;
 * it lasts checks × wait minutes.
 */
function toy([checks = 1, wait = 1]: readonly number[]): Evaluation {
  const detected = Math.min(100, checks * 25);
  return { detected, badRuns: 100, alarms: checks === 1 ? 5 : 0, goodRuns: 100, durations: [checks * wait * 60_000], userErrors: [checks * 10] };
}

describe('searchPlans', () => {
  it('should find the fastest plan that meets the targets, never less safe than the plan as written', async () => {
    const result = await searchPlans([knob('checks', 6), knob('wait', 5)], { minDetection: 0.99, maxFalseAlarm: 0.01 }, async (values) => toy(values), { budget: 200 });
    expect(result.original.values).toEqual([6, 5]);
    expect(result.chosen?.values).toEqual([4, 1]);
    expect(result.chosen?.detection).toBe(1);
    expect(result.stoppedBecause).toBe('no single move made it faster or safer');
  });

  it('should climb to the targets from a plan that misses them', async () => {
    const result = await searchPlans([knob('checks', 1), knob('wait', 3)], { minDetection: 0.99, maxFalseAlarm: 0.01 }, async (values) => toy(values), { budget: 200 });
    expect(result.original.shortfall).toBeGreaterThan(0);
    expect(result.chosen?.values).toEqual([4, 1]);
  });

  it('should say none meets the targets when the bounds forbid it', async () => {
    const capped: Knob = { ...knob('checks', 1), max: 2, neighbours: (v) => [v - 1, v + 1].filter((n) => n >= 1 && n <= 2) };
    const result = await searchPlans([capped, knob('wait', 3)], { minDetection: 0.99, maxFalseAlarm: 0.01 }, async (values) => toy(values), { budget: 200 });
    expect(result.chosen).toBeUndefined();
    expect(Math.max(...result.tried.map((c) => c.detection))).toBe(0.5);
  });

  it('should stop at its budget and skip values that make no valid plan', async () => {
    let calls = 0;
    const result = await searchPlans([knob('checks', 6), knob('wait', 5)], { minDetection: 0.99, maxFalseAlarm: 0.01 }, async (values) => {
      calls += 1;
      return values[1] === 4 ? undefined : toy(values);
    }, { budget: 5 });
    expect(result.tried).toHaveLength(5);
    expect(result.tried.some((c) => c.values[1] === 4)).toBe(false);
    expect(calls).toBe(6);
    expect(result.stoppedBecause).toBe('the budget of 5 candidates was spent');
  });

});
