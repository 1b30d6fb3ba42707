import { describe, expect, it } from 'vitest';
import { candidateVerdict, distribution, percentile, sampleOf, summarizeRuns, type RunSample } from '../../../src/domain/simulator/monteCarlo';
import { simulate } from '../../../src/domain/simulator/simulate';
import { scenario as scenarioSchema } from '../../../src/domain/plan/schema';
import { runShare, seedChunks } from '../../../src/domain/simulator/monteCarloShare';
import { canaryPlan } from './fixtures';

const figures = { durationMs: 1000, requests: 100, requestsToCandidate: 10, requestsMirrored: 0, userErrors: 1, lowestCapacity: 1, peakInstances: 11, timeToDetectMs: null, timeToRestoreMs: null };
const sample = (seed: number, over: Partial<RunSample> = {}): RunSample => ({ seed, outcome: 'promoted', alarm: false, figures: { ...figures, userErrors: seed }, ...over });

describe('percentile and distribution', () => {
  it.each([
    { name: 'median of an even count interpolates', values: [1, 2, 3, 4], p: 0.5, expected: 2.5 },
    { name: 'p5 of 1..21 is the second value', values: Array.from({ length: 21 }, (_, i) => i + 1), p: 0.05, expected: 2 },
    { name: 'p95 of one value is that value', values: [7], p: 0.95, expected: 7 },
  ])('$name', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBeCloseTo(expected);
  });

  it('should give null for no values and the mean and count otherwise', () => {
    expect(distribution([])).toBeNull();
    expect(distribution([3, 1, 2])).toEqual({ p5: 1.1, p50: 2, p95: 2.9, mean: 2, samples: 3 });
  });
});

describe('candidateVerdict', () => {
  const parse = (input: object) => scenarioSchema.parse(input);
  it.each([
    { name: 'same behaviour is good', input: {}, bad: false },
    { name: 'a slightly noisier candidate is still good', input: { candidate: { errorRate: 0.004 } }, bad: false },
    { name: '20% errors against 0.2% is bad', input: { stable: { errorRate: 0.002 }, candidate: { errorRate: 0.2 } }, bad: true, why: 'candidate errorRate 20% vs stable 0.2%' },
    { name: 'a badVersion fault makes it bad', input: { faults: [{ at: '1m', kind: 'badVersion', errorRate: 0.3 }] }, bad: true, why: 'badVersion fault on the candidate' },
    { name: 'a crashLoop on stable does not', input: { faults: [{ at: '1m', kind: 'crashLoop', role: 'stable' }] }, bad: false },
    { name: 'degradation makes it bad', input: { candidate: { degradation: { errorRatePerMinute: 0.01 } } }, bad: true, why: 'candidate degrades over time' },
  ])('$name', ({ input, bad, why }) => {
    const verdict = candidateVerdict(parse(input));
    expect(verdict.bad).toBe(bad);
    if (why) expect(verdict.why).toBe(why);
  });
});

describe('summarizeRuns', () => {
  it('should count outcomes and call alarms detection when the candidate is bad', () => {
    const samples = [sample(3, { outcome: 'rolledBack', alarm: true }), sample(1, { outcome: 'rolledBack', alarm: true }), sample(2), sample(4, { outcome: 'rolledBack', alarm: true })];
    const summary = summarizeRuns(samples, { bad: true, why: 'x' });
    expect(summary.outcomes.rolledBack).toEqual({ count: 3, probability: 0.75 });
    expect(summary.detection).toBe(0.75);
    expect(summary.falseAlarm).toBeNull();
    expect([summary.firstSeed, summary.lastSeed]).toEqual([1, 4]);
    expect(summary.figures.userErrors?.p50).toBe(2.5);
    expect(summary.figures.timeToDetectMs).toBeNull();
  });

  it('should call alarms false alarms when the candidate is good', () => {
    const summary = summarizeRuns([sample(1, { outcome: 'rolledBack', alarm: true }), sample(2)], { bad: false, why: 'x' });
    expect(summary.falseAlarm).toBe(0.5);
    expect(summary.detection).toBeNull();
  });

  it('should be the same whichever way the seeds are split between workers', () => {
    const plan = canaryPlan({ stable: { errorRate: 0.001 }, candidate: { errorRate: 0.2 } });
    // Chunks finished in any order (as threads return them) give the same summary.
    const summaryFor = (size: number, reverse: boolean) => {
      const chunks = seedChunks(5, 12, size).map((seeds) => runShare(plan, 'main', seeds));
      return summarizeRuns((reverse ? chunks.reverse() : chunks).flat(), { bad: true, why: 'x' });
    };
    expect(summaryFor(5, true)).toEqual(summaryFor(12, false));
    expect(summaryFor(12, false).detection).toBe(1);
  });

  it('should count a pause after a failed gate as an alarm', () => {
    const plan = canaryPlan({ candidate: { errorRate: 0.3 } }, { policy: { onFailure: 'pause' } });
    const run = simulate(plan, { scenario: 'main', seed: 1, recordSnapshots: false });
    expect(run.outcome).toBe('paused');
    expect(sampleOf(run).alarm).toBe(true);
  });
});
