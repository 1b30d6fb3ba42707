import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../../src/cli/monteCarlo/progress';
import { cli, EXAMPLES } from './helpers';

const CANARY = join(EXAMPLES, 'canary.release.yaml');

describe('switchyard simulate --runs', () => {
  it('should print outcome probabilities, detection and the distribution of each figure', async () => {
    const { code, out } = await cli('simulate', CANARY, '--scenario', 'bad-version', '--runs', '8');
    expect(code).toBe(0);
    expect(out).toContain('Monte Carlo: 8 runs of');
    expect(out).toContain('scenario bad-version (seeds 7..14, in this thread');
    expect(out).toMatch(/rolled back\s+8\s+100\.0%/);
    expect(out).toMatch(/Detection\s+100\.0% of runs rolled back \(the candidate is bad: candidate errorRate 20% vs stable 0\.2%\)/);
    expect(out).toMatch(/p5\s+median\s+p95\s+mean/);
    for (const row of ['Errors users saw', 'Requests to new version', 'Duration', 'Lowest capacity', 'Peak instances', 'Time to detect']) expect(out).toContain(row);
  });

  it('should report false alarms for a good candidate, as JSON with --json', async () => {
    const { out } = await cli('simulate', CANARY, '--scenario', 'good-version', '--runs', '4', '--seed', '100', '--json');
    const summary = JSON.parse(out) as { runs: number; firstSeed: number; detection: null; falseAlarm: number; candidateBad: boolean };
    expect(summary).toMatchObject({ runs: 4, firstSeed: 100, detection: null, candidateBad: false });
    expect(summary.falseAlarm).toBeGreaterThanOrEqual(0);
  });

  it('should refuse options that describe a single run', async () => {
    const { code, err } = await cli('simulate', CANARY, '--runs', '5', '--verbose');
    expect(code).toBe(64);
    expect(err).toBe('switchyard simulate: --verbose describes one run; it cannot be combined with --runs');
  });
});

describe('progressLine', () => {
  it.each([
    { name: 'a quarter done with an ETA', done: 250, total: 1000, elapsed: 500, expected: '[#####               ] 250/1000  25%  ETA 2s' },
    { name: 'finished, no ETA', done: 10, total: 10, elapsed: 900, expected: '[####################] 10/10  100%' },
  ])('$name', ({ done, total, elapsed, expected }) => {
    expect(progressLine(done, total, elapsed, 20)).toBe(expected);
  });
});
