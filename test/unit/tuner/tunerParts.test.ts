import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { DEFAULT_BOUNDS, withBound } from '../../../src/domain/tuner/bounds';
import { meanInterval, wilson } from '../../../src/domain/tuner/interval';
import { durationText } from '../../../src/domain/plan/durationText';
import { knobsOf } from '../../../src/domain/tuner/knobs';
import { paretoFront } from '../../../src/domain/tuner/pareto';
import { changesOf, tunedSource } from '../../../src/domain/tuner/tunedSource';

const EXAMPLES = join(__dirname, '../../../examples');

function planOf(text: string) {
  const parsed = parsePlan(text, 'tune.release.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.plan;
}

describe('the tuner\'s parts', () => {
  it.each([
    { name: 'all 200 runs caught: sure only down to 98.1 %', successes: 200, runs: 200, low: 0.9812, high: 1 },
    { name: 'none of 100: up to 3.7 %', successes: 0, runs: 100, low: 0, high: 0.037 },
    { name: 'half of 10', successes: 5, runs: 10, low: 0.2366, high: 0.7634 },
    { name: 'no runs: nothing known', successes: 0, runs: 0, low: 0, high: 1 },
  ])('should give the Wilson interval of a rate: $name', ({ successes, runs, low, high }) => {
    const interval = wilson(successes, runs);
    expect(interval.low).toBeCloseTo(low, 3);
    expect(interval.high).toBeCloseTo(high, 3);
  });

  it('should give a mean with its 95 % interval', () => {
    const { mean, low, high } = meanInterval([10, 12, 14]);
    expect(mean).toBe(12);
    expect(low).toBeCloseTo(9.737, 2);
    expect(high).toBeCloseTo(14.263, 2);
  });

  it('should keep on the Pareto front only the candidates nothing beats on both figures', () => {
    const items = [{ id: 'slow-safe', d: 10, e: 1 }, { id: 'fast-risky', d: 2, e: 9 }, { id: 'dominated', d: 11, e: 2 }, { id: 'middle', d: 5, e: 4 }, { id: 'same-as-middle', d: 5, e: 4 }];
    expect(paretoFront(items, (item) => [item.d, item.e]).map((item) => item.id)).toEqual(['fast-risky', 'middle', 'slow-safe']);
  });

  it.each([
    { text: 'interval=10s..2m', name: 'interval', min: 10_000, max: 120_000 },
    { text: 'count=2..6', name: 'count', min: 2, max: 6 },
    { text: 'threshold=0.8..1.25', name: 'threshold', min: 0.8, max: 1.25 },
    { text: 'pause=0s..1h', name: 'pause', min: 0, max: 3_600_000 },
  ] as const)('should read the bound $text', ({ text, name, min, max }) => {
    const read = withBound(DEFAULT_BOUNDS, text);
    expect(read.ok && read.bounds[name]).toEqual({ min, max });
  });

  it.each([
    { text: 'count=3', error: 'expected NAME=MIN..MAX, e.g. count=1..5; got "count=3"' },
    { text: 'speed=1..2', error: 'no bound "speed": the bounds are interval, count, failureLimit, threshold, pause, iterations' },
    { text: 'interval=fast..1m', error: 'interval: each end must be a duration such as 10s or 5m; got "fast..1m"' },
    { text: 'count=5..2', error: 'count: the minimum 5 is above the maximum 2' },
  ])('should say what is wrong with the bound $text', ({ text, error }) => {
    expect(withBound(DEFAULT_BOUNDS, text)).toEqual({ ok: false, error });
  });

  it('should write durations as a plan does', () => {
    expect([durationText(90_000), durationText(120_000), durationText(7_200_000), durationText(250), durationText(0)]).toEqual(['90s', '2m', '2h', '250ms', '0s']);
  });

  it('should find the settings of the canary example the tuner may move, only gates a step runs', () => {
    const plan = planOf(readFileSync(join(EXAMPLES, 'canary.release.yaml'), 'utf8'));
    const knobs = knobsOf(plan, DEFAULT_BOUNDS);
    expect(knobs.map((knob) => `${knob.label}=${knob.show(knob.current)}`)).toEqual([
      'error-rate interval=30s', 'error-rate count=4', 'error-rate failureLimit=1', 'error-rate success=< 0.01', 'error-rate failure=>= 0.05',
      'latency interval=30s', 'latency count=4', 'latency failureLimit=1', 'latency success=< 400',
      'step 2 pause=2m', 'step 5 pause=2m', 'step 8 pause=5m',
    ]);
    const interval = knobs[0]!;
    expect(interval.neighbours(30_000)).toEqual([15_000, 60_000]);
    expect(knobs[1]!.neighbours(10)).toEqual([9]);
    expect(knobs[3]!.neighbours(0.01)).toEqual([0.005, 0.02, 0.0075, 0.015]);
    expect(knobs[9]!.neighbours(120_000)).toEqual([60_000, 240_000, 0]);
  });

  it('should keep the tuner inside the bounds it is given', () => {
    const plan = planOf(readFileSync(join(EXAMPLES, 'canary.release.yaml'), 'utf8'));
    const read = withBound(DEFAULT_BOUNDS, 'interval=20s..40s');
    const knobs = knobsOf(plan, read.ok ? read.bounds : DEFAULT_BOUNDS);
    expect(knobs[0]!.neighbours(30_000)).toEqual([20_000, 40_000]);
    expect(knobs[0]!.neighbours(40_000)).toEqual([20_000]);
  });

  it('should rewrite only the values that moved, every comment and format kept, and add a value the plan left to its default', () => {
    const source = readFileSync(join(EXAMPLES, 'canary.release.yaml'), 'utf8');
    const plan = planOf(source);
    const knobs = knobsOf(plan, DEFAULT_BOUNDS);
    const values = knobs.map((knob) => knob.current);
    values[0] = 15_000;
    values[3] = 0.02;
    values[9] = 60_000;
    const tuned = tunedSource(source, knobs, values, ' Tuned for a test.');
    const before = source.split('\n');
    const after = tuned.split('\n');
    expect(after.slice(0, 2)).toEqual(['# Tuned for a test.', '']);
    const changed = after.slice(2).flatMap((line, index) => (line === before[index] ? [] : [`${before[index]} => ${line}`]));
    expect(changed).toEqual(['      - pause: { duration: 2m } =>       - pause: { duration: 1m }', '    interval: 30s =>     interval: 15s', '    successCondition: result < 0.01 =>     successCondition: result < 0.02']);
    expect(changesOf(knobs, values)).toEqual(['error-rate interval 30s → 15s', 'error-rate success < 0.01 → < 0.02', 'step 2 pause 2m → 1m']);
    const reparsed = planOf(tuned);
    expect(reparsed.analysis[0]?.interval).toBe(15_000);

    const rolling = readFileSync(join(EXAMPLES, 'recreate.release.yaml'), 'utf8').replace(/\n    failureLimit: 0\n/, '\n');
    const rollingKnobs = knobsOf(planOf(rolling), DEFAULT_BOUNDS);
    const limit = rollingKnobs.findIndex((knob) => knob.label === 'error-rate failureLimit');
    const withLimit = rollingKnobs.map((knob, index) => (index === limit ? 2 : knob.current));
    expect(planOf(tunedSource(rolling, rollingKnobs, withLimit)).analysis[0]?.failureLimit).toBe(2);
  });
});
