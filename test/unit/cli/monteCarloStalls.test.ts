import { describe, expect, it } from 'vitest';
import { cli } from './helpers';
import { canaryYaml, writePlan } from './tempPlans';

/** A good version behind gates so tight that noise fails some runs and leaves others inconclusive. */
const NOISY_GATES = writePlan('noisy.release.yaml', canaryYaml({ middle: 'analysis: { templates: [error-rate] }', success: 'result < 0.001', failure: 'result >= 0.0014' }));
/** A good version that waits for an operator's promote after the first step. */
const APPROVAL = writePlan('approval.release.yaml', canaryYaml({ middle: 'pause: {}', failure: 'result >= 0.05' }));
/** A bad version whose gate fails, under a policy that pauses instead of rolling back. */
const PAUSE_ON_FAILURE = writePlan('pause.release.yaml', canaryYaml({ middle: 'analysis: { templates: [error-rate] }', failure: 'result >= 0.05', onFailure: 'pause', candidateErrorRate: 0.3 }));

/** The percent on the line that starts with `label`, or undefined. */
function rateOf(out: string, label: string): number | undefined {
  const match = new RegExp(`^\\s*${label}\\s+([\\d.]+)% of runs`, 'm').exec(out);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function outcomeCount(out: string, words: string): number {
  const match = new RegExp(`^\\s*${words}\\s+(\\d+)\\s+[\\d.]+%$`, 'm').exec(out);
  return Number(match?.[1] ?? 0);
}

describe('switchyard simulate --runs: paused runs are stalls, in their own row', () => {
  it('should count a good version rolled back as a false alarm and paused as a stall', async () => {
    const { code, out } = await cli('simulate', NOISY_GATES, '--scenario', 'good-version', '--runs', '20');
    expect(code).toBe(0);
    const rolledBack = outcomeCount(out, 'rolled back');
    const paused = outcomeCount(out, 'paused');
    // The plan is meant to do both; without both this test proves nothing.
    expect(rolledBack).toBeGreaterThan(0);
    expect(paused).toBeGreaterThan(0);
    expect(rateOf(out, 'False alarm')).toBeCloseTo((rolledBack / 20) * 100, 5);
    expect(rateOf(out, 'Stalled')).toBeCloseTo((paused / 20) * 100, 5);
    expect(out).toMatch(new RegExp(`Stalled\\s+[\\d.]+% of runs paused, waiting for an operator: ${paused} after an inconclusive analysis`));
    expect((rateOf(out, 'False alarm') ?? 0) + (rateOf(out, 'Stalled') ?? 0) + (rateOf(out, 'Passed') ?? 0)).toBeCloseTo(100, 5);
  });

  it('should not print a false alarm of 0.0% alone while every run waits at a pause step', async () => {
    const { out } = await cli('simulate', APPROVAL, '--scenario', 'good-version', '--runs', '5');
    expect(out).toMatch(/paused\s+5\s+100\.0%/);
    expect(out).toMatch(/False alarm\s+0\.0% of runs rolled back \(the candidate is good/);
    expect(out).toMatch(/Stalled\s+100\.0% of runs paused, waiting for an operator: 5 at a pause step with no duration/);
    expect(out).toMatch(/Passed\s+0\.0% of runs promoted/);
  });

  it('should show a bad version that paused as stalled: neither detected nor missed', async () => {
    const { out } = await cli('simulate', PAUSE_ON_FAILURE, '--scenario', 'bad-version', '--runs', '6');
    expect(out).toMatch(/paused\s+6\s+100\.0%/);
    expect(out).toMatch(/Detection\s+0\.0% of runs rolled back \(the candidate is bad: candidate errorRate 30% vs stable 0\.1%\)/);
    expect(out).toMatch(/Stalled\s+100\.0% of runs paused, waiting for an operator: 6 after a failed gate or check/);
    expect(out).toMatch(/Missed\s+0\.0% of runs promoted/);
  });

  it('should carry the same figures in --json', async () => {
    const bad = JSON.parse((await cli('simulate', PAUSE_ON_FAILURE, '--scenario', 'bad-version', '--runs', '6', '--json')).out) as Record<string, unknown>;
    expect(bad).toMatchObject({ detection: 0, stalled: 1, missed: 0, falseAlarm: null, stalls: { afterFailure: 6, inconclusive: 0, approval: 0, simulationLimit: 0 } });
    const good = JSON.parse((await cli('simulate', APPROVAL, '--scenario', 'good-version', '--runs', '5', '--json')).out) as Record<string, unknown>;
    expect(good).toMatchObject({ falseAlarm: 0, stalled: 1, detection: null, missed: null, stalls: { approval: 5 } });
  });
});
