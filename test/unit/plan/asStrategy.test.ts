import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALTERNATIVE_KINDS, planAlternatives, planAs, planTextAs } from '../../../src/domain/plan/asStrategy';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { Plan } from '../../../src/domain/plan/schema';
import { simulate } from '../../../src/domain/simulator/simulate';
import { strategyKindOf } from '../../../src/domain/strategies/index';

const EXAMPLES = join(__dirname, '../../../examples');
const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.release.yaml'));

const read = (file: string): string => readFileSync(join(EXAMPLES, file), 'utf8');

function load(file: string): Plan {
  const result = parsePlan(read(file), file);
  if (!result.ok) throw new Error(`${file} does not parse`);
  return result.plan;
}

describe('a plan rehearsed as another strategy', () => {
  it('should keep service, replicas, gates and scenarios and gate the new strategy with the plan\'s gates', () => {
    const canary = load('canary.release.yaml');
    const rolling = planAs(canary, 'rolling');
    expect(rolling.ok).toBe(true);
    if (!rolling.ok) return;
    expect(rolling.value.strategyInput).toEqual({ maxSurge: '25%', maxUnavailable: 0, analysis: { templates: canary.analysis.map((gate) => gate.name) } });
    expect(rolling.value.plan.service).toBe(canary.service);
    expect(rolling.value.plan.replicas).toBe(canary.replicas);
    expect(rolling.value.plan.scenarios).toBe(canary.scenarios);
    expect(strategyKindOf(rolling.value.plan)).toBe('rolling');
    expect(planAs(canary, 'canary')).toEqual({ ok: false, reason: 'the plan is canary already' });
  });

  it('should move to the controller that can run the strategy, and say so', () => {
    const argo = load('argo-basic-canary.release.yaml');
    const rolling = planAs(argo, 'rolling');
    expect(rolling.ok && rolling.value.engine).toBe('kubernetes');
    expect(rolling.ok && rolling.value.notes).toEqual(['engine argo-rollouts → kubernetes (argo-rollouts cannot run rolling)']);
    const blueGreen = planAs(argo, 'blueGreen');
    expect(blueGreen.ok && blueGreen.value.notes).toEqual([]);
  });

  it.each(files)('should offer every other plain strategy for %s, each catching the bad version', (file) => {
    const plan = load(file);
    const alternatives = planAlternatives(plan);
    expect(alternatives.map((alternative) => alternative.kind)).toEqual(ALTERNATIVE_KINDS.filter((kind) => kind !== strategyKindOf(plan)));
    for (const alternative of alternatives) {
      const bad = simulate(alternative.plan, { scenario: 'bad-version' });
      expect(bad.outcome, `${file} as ${alternative.kind}: ${bad.reason}`).toBe('rolledBack');
      const good = simulate(alternative.plan, { scenario: 'good-version' });
      expect(good.outcome, `${file} as ${alternative.kind}: ${good.reason}`).toBe('promoted');
    }
  });

  it('should write the alternative as a plan file: the original text, strategy and engine replaced, comments kept', () => {
    const file = 'argo-basic-canary.release.yaml';
    const alternative = planAs(load(file), 'rolling');
    if (!alternative.ok) throw new Error(alternative.reason);
    const text = planTextAs(read(file), file, alternative.value);
    expect(text.split('\n').slice(0, 2)).toEqual([
      "# argo-basic-canary.release.yaml released as rolling, written by Switchyard's compare; save it to keep it.",
      '# engine argo-rollouts → kubernetes (argo-rollouts cannot run rolling)',
    ]);
    const reparsed = parsePlan(text, 'argo-basic-canary-as-rolling.release.yaml');
    expect(reparsed.ok && reparsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    if (!reparsed.ok) return;
    expect(reparsed.plan).toEqual(alternative.value.plan);
    const firstComment = read(file).split('\n').find((line) => line.startsWith('#'));
    expect(text).toContain(firstComment);
  });
});
