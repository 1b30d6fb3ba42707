import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestColumns, compareVerdict } from '../../../src/text/compare';
import { cli, EXAMPLES } from './helpers';

const ROLLING = join(EXAMPLES, 'rolling.release.yaml');
const CANARY = join(EXAMPLES, 'canary.release.yaml');

describe('switchyard compare', () => {
  it('should put plans side by side, mark the best figure per row and say which exposed fewer users to errors', async () => {
    const { code, out } = await cli('compare', ROLLING, CANARY, '--scenario', 'bad-version');
    expect(code).toBe(0);
    expect(out).toMatch(/rolling\.release\.yaml\s+canary\.release\.yaml/);
    expect(out).toMatch(/Outcome\s+rolled back\s+rolled back/);
    expect(out).toMatch(/Errors users saw\s+[\d,]+\s+\*[\d,]+/);
    expect(out).toMatch(/canary\.release\.yaml exposed \d+% fewer users to errors than rolling\.release\.yaml and took \dm \d+s longer/);
  });

  it('should use medians and show detection with --runs', async () => {
    const { code, out } = await cli('compare', ROLLING, CANARY, '--scenario', 'bad-version', '--runs', '6');
    expect(code).toBe(0);
    expect(out).toContain('medians of 6 runs per plan');
    expect(out).toMatch(/Detection\s+100\.0%\s+100\.0%/);
  });

  it('should print JSON for CI', async () => {
    const { out } = await cli('compare', ROLLING, CANARY, '--scenario', 'bad-version', '--json');
    const report = JSON.parse(out) as { plans: { outcome: string }[]; verdict: string };
    expect(report.plans.map((p) => p.outcome)).toEqual(['rolledBack', 'rolledBack']);
    expect(report.verdict).toMatch(/fewer users to errors/);
  });

  it('should name the scenarios a plan has when it lacks the one asked for', async () => {
    const { code, err } = await cli('compare', ROLLING, CANARY, '--scenario', 'metrics-outage');
    expect(code).toBe(64);
    expect(err).toBe(`${ROLLING}: no scenario "metrics-outage"; this plan has "good-version", "bad-version"`);
  });

  it('should rehearse one plan under other strategies with --as', async () => {
    const { code, out } = await cli('compare', CANARY, '--as', 'rolling,recreate', '--scenario', 'bad-version', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as { plans: { file: string; strategy: string; outcome: string }[] };
    expect(report.plans.map((plan) => [plan.file.replace(EXAMPLES, ''), plan.strategy, plan.outcome])).toEqual([
      ['/canary.release.yaml', 'canary', 'rolledBack'],
      ['/canary.release.yaml as rolling', 'rolling', 'rolledBack'],
      ['/canary.release.yaml as recreate', 'recreate', 'rolledBack'],
    ]);
    const argo = await cli('compare', join(EXAMPLES, 'argo-basic-canary.release.yaml'), '--as', 'rolling', '--scenario', 'bad-version');
    expect(argo.err).toBe('argo-basic-canary.release.yaml as rolling: engine argo-rollouts → kubernetes (argo-rollouts cannot run rolling)');
    expect((await cli('compare', CANARY, '--as', 'bluegreen', '--scenario', 'bad-version')).err).toMatch(/--as bluegreen: choose from canary, blueGreen, rolling, recreate or all/);
  });

  it('should need two plans and a scenario', async () => {
    expect((await cli('compare', CANARY, '--scenario', 'bad-version')).err).toMatch(/compare needs two or more plans/);
    expect((await cli('compare', CANARY, ROLLING)).err).toMatch(/compare needs --scenario S/);
  });
});

describe('bestColumns', () => {
  it.each([
    { name: 'lowest wins when lower is better', values: [5, 2, null], lower: true, expected: [1] },
    { name: 'ties are all marked', values: [2, 3, 2], lower: true, expected: [0, 2] },
    { name: 'highest wins when higher is better', values: [0.5, 1], lower: false, expected: [1] },
    { name: 'nothing is marked when all are equal', values: [4, 4], lower: true, expected: [] },
  ])('$name', ({ values, lower, expected }) => {
    expect(bestColumns(values, lower)).toEqual(expected);
  });
});

describe('compareVerdict', () => {
  it.each([
    { name: 'fewer errors, slower', plans: [{ label: 'rolling', errors: 6000, durationMs: 200_000 }, { label: 'canary', errors: 480, durationMs: 450_000 }], expected: 'canary exposed 92% fewer users to errors than rolling and took 4m 10s longer' },
    { name: 'fewer errors, faster', plans: [{ label: 'a', errors: 10, durationMs: 60_000 }, { label: 'b', errors: 0, durationMs: 30_000 }], expected: 'b exposed 100% fewer users to errors than a and took 30s less' },
    { name: 'as many errors', plans: [{ label: 'a', errors: 5, durationMs: 60_000 }, { label: 'b', errors: 5, durationMs: 90_000 }], expected: 'a and b exposed as many users to errors (5); a took 30s less' },
  ])('$name', ({ plans, expected }) => {
    expect(compareVerdict(plans)).toBe(expected);
  });
});
