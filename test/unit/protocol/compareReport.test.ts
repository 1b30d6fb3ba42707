import { describe, expect, it } from 'vitest';
import { summarizeRuns, type RunSample } from '../../../src/domain/simulator/monteCarlo';
import { readingsOf } from '../../../src/text/compareReadings';
import { formatCompareReport } from '../../../src/text/compareReport';
import { summaryTable } from '../../../src/text/compareTable';

// The Markdown document Compare Strategies... opens over many runs per plan, read as a user reads it.

const figures = { durationMs: 60_000, requests: 100, requestsToCandidate: 10, requestsMirrored: 0, userErrors: 5, lowestCapacity: 1, peakInstances: 11, timeToDetectMs: null, timeToRestoreMs: null };
const sample = (seed: number, over: Partial<RunSample> = {}): RunSample => ({ seed, outcome: 'promoted', alarm: false, figures, ...over });
const runs = (count: number, over: Partial<RunSample>): RunSample[] => Array.from({ length: count }, (_, index) => sample(index + 1, over));

const bad = { bad: true, why: 'candidate errorRate 20% vs stable 0.2%' };
const good = { bad: false, why: 'candidate behaves like stable' };
/** Every run of a bad version paused after its gate failed (policy `onFailure: pause`). */
const pausing = summarizeRuns(runs(4, { outcome: 'paused', alarm: true, stall: 'afterFailure' }), bad);
const rollingBack = summarizeRuns(runs(4, { outcome: 'rolledBack', alarm: true }), bad);

/** The table line that starts with `label`, its cells split on two or more spaces. */
function rowOf(text: string, label: string): string[] | undefined {
  const line = text.split('\n').find((candidate) => candidate.trim().startsWith(`${label}  `));
  return line?.trim().split(/\s{2,}/);
}

describe('Compare Strategies... over many runs', () => {
  it('should show a plan that pauses as stalled beside detection 0 %, and say why it stalled', () => {
    const text = formatCompareReport(summaryTable([{ label: 'pause.release.yaml', strategy: 'canary', summary: pausing }, { label: 'canary.release.yaml', strategy: 'canary', summary: rollingBack }]), 'bad-version', 4);
    expect(rowOf(text, 'Detection')).toEqual(['Detection', '0.0%', '*100.0%']);
    expect(rowOf(text, 'Stalled')).toEqual(['Stalled', '100.0%', '*0.0%']);
    expect(rowOf(text, 'Missed')).toEqual(['Missed', '0.0%', '0.0%']);
    expect(rowOf(text, 'False alarm')).toBeUndefined();
    expect(rowOf(text, 'Outcome')).toEqual(['Outcome', 'paused 100%', 'rolled back 100%']);
    expect(text).toContain('Stalled (paused, waiting for an operator): pause.release.yaml 4 after a failed gate or check.');
    expect(text).toMatch(/medians of 4 runs per plan/);
  });

  it('should read a good version as false alarm, stalled and passed', () => {
    const waiting = summarizeRuns([...runs(3, {}), sample(4, { outcome: 'paused', stall: 'approval' })], good);
    const table = summaryTable([{ label: 'approval.release.yaml', strategy: 'canary', summary: waiting }]);
    expect(table.rows.slice(0, 3).map((row) => row.label)).toEqual(['False alarm', 'Stalled', 'Passed']);
    const text = formatCompareReport(table, 'good-version', 4);
    expect(rowOf(text, 'False alarm')).toEqual(['False alarm', '0.0%']);
    expect(rowOf(text, 'Stalled')).toEqual(['Stalled', '25.0%']);
    expect(rowOf(text, 'Passed')).toEqual(['Passed', '75.0%']);
    expect(text).toContain('Stalled (paused, waiting for an operator): approval.release.yaml 1 at a pause step with no duration.');
  });

  it('should say nothing about stalls when no run stalled', () => {
    const text = formatCompareReport(summaryTable([{ label: 'a', strategy: 'canary', summary: rollingBack }, { label: 'b', strategy: 'rolling', summary: rollingBack }]), 'bad-version', 4);
    expect(rowOf(text, 'Stalled')).toEqual(['Stalled', '0.0%', '0.0%']);
    expect(text).not.toContain('waiting for an operator');
  });
});

describe('readingsOf', () => {
  it('should add a Failed row to every plan when any run of any plan failed, so each column still adds up to 100 %', () => {
    const failing = summarizeRuns([sample(1, { outcome: 'failed' }), sample(2, { outcome: 'rolledBack', alarm: true })], bad);
    const [first, second] = readingsOf([failing, rollingBack]);
    expect(first?.map((reading) => [reading.label, reading.share])).toEqual([['Detection', 0.5], ['Stalled', 0], ['Missed', 0], ['Failed', 0.5]]);
    expect(second?.map((reading) => [reading.label, reading.share])).toEqual([['Detection', 1], ['Stalled', 0], ['Missed', 0], ['Failed', 0]]);
    expect(readingsOf([rollingBack])[0]?.map((reading) => reading.key)).toEqual(['detection', 'stalled', 'missed']);
  });
});
