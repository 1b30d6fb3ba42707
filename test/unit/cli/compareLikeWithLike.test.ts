import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { namedPlanVerdict } from '../../../src/text/compare';
import { cli, EXAMPLES } from './helpers';
import { writePlan } from './tempPlans';

const ROLLING = join(EXAMPLES, 'rolling.release.yaml');
const CANARY = join(EXAMPLES, 'canary.release.yaml');

/** The example canary with its bad-version scenario defined as the example rolling plan defines it. */
function canaryUnderRollingScenario(): string {
  const canary = readFileSync(CANARY, 'utf8');
  const rollingScenario = /\n {2}bad-version:\n(?: {4}.*\n)+/.exec(readFileSync(ROLLING, 'utf8'))?.[0] ?? '';
  const text = canary.replace(/\n {2}bad-version:\n(?: {4}.*\n)+/, rollingScenario);
  expect(text).not.toBe(canary);
  return writePlan('canary.release.yaml', text);
}

interface CompareJson {
  plans: { file: string; seed: number; figures: Record<string, number | null> }[];
  scenarioDefinition?: { definedBy: string; differing: { file: string; paths: string[] }[] };
  verdict: string;
}

describe('switchyard compare: one definition of the scenario for every plan', () => {
  it('should say which plan defines the scenario differently and run every plan under the first one', async () => {
    const { code, out } = await cli('compare', ROLLING, CANARY, '--scenario', 'bad-version');
    expect(code).toBe(0);
    expect(out).toContain('Compare: scenario bad-version as rolling.release.yaml defines it, one run per plan');
    expect(out).toContain(
      "canary.release.yaml (seed, traffic.rps, stable.errorRate, stable.latencyMs, candidate.errorRate, candidate.latencyMs) defines scenario bad-version differently from rolling.release.yaml; every plan ran under rolling.release.yaml's definition",
    );
    expect(out).toMatch(/rolling · seed 2\s+canary · seed 2/);
  });

  it("should give each plan the figures it has under the first plan's definition", async () => {
    const report = JSON.parse((await cli('compare', ROLLING, CANARY, '--scenario', 'bad-version', '--json')).out) as CompareJson;
    const alone = JSON.parse((await cli('simulate', canaryUnderRollingScenario(), '--scenario', 'bad-version', '--json')).out) as { seed: number; figures: Record<string, number | null> };
    expect(report.plans[1]?.seed).toBe(alone.seed);
    expect(report.plans[1]?.figures).toEqual(alone.figures);
    expect(report.scenarioDefinition).toEqual({ definedBy: ROLLING, differing: [{ file: CANARY, paths: ['seed', 'traffic.rps', 'stable.errorRate', 'stable.latencyMs', 'candidate.errorRate', 'candidate.latencyMs'] }] });
  });

  it('should say nothing about definitions when the plans agree', async () => {
    const { out } = await cli('compare', ROLLING, canaryUnderRollingScenario(), '--scenario', 'bad-version');
    expect(out).toContain('Compare: scenario bad-version, one run per plan');
    expect(out).not.toContain('differently');
  });
});

describe('switchyard compare --as: the named plan against each alternative', () => {
  it('should close with one line per alternative about the plan the user named', async () => {
    const { code, out } = await cli('compare', CANARY, '--as', 'rolling,recreate', '--scenario', 'bad-version');
    expect(code).toBe(0);
    const errors = /Errors users saw\s+\*?([\d,]+)\s+\*?([\d,]+)\s+\*?([\d,]+)/.exec(out)?.slice(1).map((n) => Number(n.replace(/,/g, ''))) ?? [];
    const [named = 0, rolling = 0, recreate = 0] = errors;
    const lines = out.trimEnd().split('\n').slice(-2);
    expect(lines[0]).toMatch(new RegExp(`^canary\\.release\\.yaml exposed ${(rolling - named).toLocaleString('en-US')} fewer users to errors than it would as rolling, and was [\\dms ]+ slower$`));
    expect(lines[1]).toMatch(new RegExp(`^canary\\.release\\.yaml exposed ${(recreate - named).toLocaleString('en-US')} fewer users to errors than it would as recreate, and was [\\dms ]+ slower$`));
  });

  it.each([
    { name: 'fewer errors, slower', other: { errors: 600, durationMs: 200_000 }, expected: 'canary.release.yaml exposed 120 fewer users to errors than it would as rolling, and was 3m slower' },
    { name: 'more errors, faster', other: { errors: 400, durationMs: 410_000 }, expected: 'canary.release.yaml exposed 80 more users to errors than it would as rolling, and was 30s faster' },
    { name: 'as many errors, as fast', other: { errors: 480, durationMs: 380_400 }, expected: 'canary.release.yaml exposed as many users to errors (480) as it would as rolling, and was as fast' },
  ])('namedPlanVerdict: $name', ({ other, expected }) => {
    const named = { label: 'canary.release.yaml', errors: 480, durationMs: 380_000 };
    expect(namedPlanVerdict(named, [{ label: 'canary.release.yaml as rolling', than: 'it would as rolling', ...other }])).toEqual([expected]);
  });
});
