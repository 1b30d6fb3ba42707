import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { simulate } from '../../../src/domain/simulator/simulate';
import { strategyKindOf } from '../../../src/domain/strategies/index';

const EXAMPLES = join(__dirname, '../../../examples');
const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.release.yaml'));

function load(file: string) {
  const result = parsePlan(readFileSync(join(EXAMPLES, file), 'utf8'), file);
  if (!result.ok) throw new Error(`${file}: ${result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`).join('; ')}`);
  return result;
}

describe('bundled examples', () => {
  it('should cover all six strategies', () => {
    const kinds = [...new Set(files.map((file) => strategyKindOf(load(file).plan)))].sort();
    expect(kinds).toEqual(['abTest', 'blueGreen', 'canary', 'recreate', 'rolling', 'shadow']);
  });

  it.each(files)('should parse %s without errors or warnings', (file) => {
    expect(load(file).diagnostics).toEqual([]);
  });

  it.each(files)('should promote a good version with %s', (file) => {
    const run = simulate(load(file).plan, { scenario: 'good-version' });
    expect(run.outcome, run.reason).toBe('promoted');
    expect(run.figures.requestsToCandidate + run.figures.requestsMirrored, 'the new version served or shadowed traffic').toBeGreaterThan(0);
    expect(run.figures.timeToDetectMs).toBeNull();
  });

  it.each(files)('should roll a bad version back with %s', (file) => {
    const run = simulate(load(file).plan, { scenario: 'bad-version' });
    expect(run.outcome, run.reason).toBe('rolledBack');
    expect(run.figures.timeToDetectMs).toBeGreaterThan(0);
    expect(run.snapshots.at(-1)?.weights).toEqual({ stable: 100, candidate: 0 });
  });

  it('should show a user fewer errors with a canary than with a recreate of the same bad version', () => {
    const canary = simulate(load('canary.release.yaml').plan, { scenario: 'bad-version' });
    const recreate = simulate(load('recreate.release.yaml').plan, { scenario: 'bad-version' });
    const share = (run: typeof canary) => run.figures.userErrors / run.figures.requests;
    expect(share(canary)).toBeLessThan(share(recreate) / 2);
  });

  it('should never show a user the errors of a mirrored version', () => {
    const run = simulate(load('shadow.release.yaml').plan, { scenario: 'bad-version' });
    expect(run.figures.requestsMirrored).toBeGreaterThan(0);
    expect(run.figures.requestsToCandidate).toBe(0);
    expect(run.figures.userErrors / run.figures.requests).toBeLessThan(0.01);
  });

  it('should give the same run, event for event, for the same plan, scenario and seed', () => {
    const { plan } = load('canary.release.yaml');
    expect(simulate(plan, { scenario: 'slow-boot-and-crash', seed: 5 })).toEqual(simulate(plan, { scenario: 'slow-boot-and-crash', seed: 5 }));
  });

  it('should measure differently with a different seed', () => {
    const { plan } = load('canary.release.yaml');
    const first = simulate(plan, { scenario: 'good-version', seed: 1 });
    const second = simulate(plan, { scenario: 'good-version', seed: 2 });
    expect(first.figures.userErrors).not.toBe(second.figures.userErrors);
  });
});

describe('snapshots', () => {
  it('should show the request rate each version served in every interval', () => {
    const run = simulate(load('canary.release.yaml').plan, { scenario: 'good-version' });
    const mid = run.snapshots.filter((snapshot) => snapshot.t > 60_000 && snapshot.t < 120_000 && snapshot.t % 5000 === 0);
    expect(mid.length).toBeGreaterThan(5);
    for (const snapshot of mid) {
      expect(snapshot.metrics.stable.rps + snapshot.metrics.candidate.rps).toBeCloseTo(200, 0);
      expect(snapshot.metrics.candidate.rps).toBeCloseTo(20, 0);
    }
  });
});
