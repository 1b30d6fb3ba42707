import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { cli, EXAMPLES } from '../cli/helpers';
import { writePlan } from '../cli/tempPlans';

interface Tried {
  id: number;
  detection: number;
  falseAlarm: number;
  meanDurationMs: number;
  shortfall: number;
}

const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.release.yaml'));

/** Each case runs tens of candidate plans on shared seeds: seconds of simulation when the machine is busy. */
const TUNE_MS = 120_000;

describe('switchyard tune', () => {
  it.each(examples)('should find a plan for %s at least as safe as it and, when it meets the targets, no slower, and write it beside it', async (name) => {
    const file = writePlan(name, readFileSync(join(EXAMPLES, name), 'utf8'));
    const { code, out, err } = await cli('tune', file, '--scenario', 'bad-version', '--runs', '40', '--budget', '25', '--json');
    expect(code, err).toBe(0);
    const report = JSON.parse(out) as { tried: Tried[]; chosen: number; written: string | null };
    const original = report.tried[0]!;
    const chosen = report.tried.find((candidate) => candidate.id === report.chosen)!;
    expect(chosen.shortfall).toBe(0);
    expect(chosen.detection).toBeGreaterThanOrEqual(original.detection);
    // A plan that meets the targets as written is only ever made faster; one that misses them is made safe first.
    if (original.shortfall === 0) expect(chosen.meanDurationMs).toBeLessThanOrEqual(original.meanDurationMs);
    if (report.written) {
      expect(report.written).toBe(file.replace(/\.release\.yaml$/, '.tuned.release.yaml'));
      const parsed = parsePlan(readFileSync(report.written, 'utf8'), report.written);
      expect(parsed.ok && parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  }, TUNE_MS);

  it('should print the figures with the runs they rest on, the Pareto front and a plot', async () => {
    const file = writePlan('canary.release.yaml', readFileSync(join(EXAMPLES, 'canary.release.yaml'), 'utf8'));
    const { code, out } = await cli('tune', file, '--scenario', 'bad-version', '--runs', '30', '--budget', '15', '--seed', '3');
    expect(code).toBe(0);
    expect(out).toContain(`tune ${file}: 15 candidate plans, each on the same 30 seeds (3..32) of "bad-version" and of "good-version"`);
    expect(out).toContain('targets: detection ≥ 99.0% on "bad-version", false alarms ≤ 1.0% on "good-version", and never below the plan as written (100.0%)');
    expect(out).toMatch(/ {3}#0 14m \d+s ±\d+\S* +\d+ ±\d+ +100\.0% \(88\.6%–100\.0%\) +0\.0% \(0\.0%–11\.4%\) +\(the plan as written\)/);
    expect(out).toContain('o as written   * chosen   ● Pareto front   · meets the targets   x misses them');
    expect(out).toMatch(/chosen #\d+: .* instead of 14m \d+s \(\d+% faster\)/);
    expect(out).toContain(`wrote ${file.replace(/\.release\.yaml$/, '.tuned.release.yaml')}`);
  }, TUNE_MS);

  it('should say why no plan is chosen when none within the bounds catches the bad version', async () => {
    const file = writePlan('no-gate.release.yaml', ['service: api', 'replicas: 4', 'strategy:', '  canary:', '    steps: [{ setWeight: 50 }, { pause: { duration: 1m } }]', 'scenarios:', '  good-version: {}', '  bad-version: { candidate: { errorRate: 0.2 } }', ''].join('\n'));
    const { code, out } = await cli('tune', file, '--scenario', 'bad-version', '--runs', '20', '--budget', '10');
    expect(code).toBe(5);
    expect(out).toContain('no plan within the bounds meets the targets: the closest is #0 (detection 0.0%, false alarms 0.0%); widen the bounds (--bound), add a gate, or relax the targets');
    expect(readdirSync(join(file, '..'))).toEqual(['no-gate.release.yaml']);
  }, TUNE_MS);

  it.each([
    { args: ['--scenario', 'bad-version', '--bound', 'speed=1..2'], error: 'switchyard tune: --bound no bound "speed": the bounds are interval, count, failureLimit, threshold, pause, iterations' },
    { args: ['--scenario', 'bad-version', '--min-detection', '120%'], error: 'switchyard tune: --min-detection must be a percentage such as 99% (or a share such as 0.99), got "120%"' },
    { args: [], error: 'switchyard tune: tune needs --scenario S, the scenario with the bad version the plan must catch' },
  ])('should refuse $args with a clear error', async ({ args, error }) => {
    const file = join(EXAMPLES, 'canary.release.yaml');
    const { code, err } = await cli('tune', file, ...args);
    expect(code).toBe(64);
    expect(err).toBe(error);
  });
});
