import { describe, expect, it } from 'vitest';
import { undoChoice, type Revision } from '../../../src/runner/history';

const revision = (version: string, replaced?: string): Revision => ({ version, ...(replaced ? { replaced } : {}), runDir: `/runs/shop-${version}`, at: '2026-12-07T10:00:00.000Z' });

describe('undoChoice', () => {
  it.each([
    { name: 'back to what the last release replaced', history: [revision('v2', 'v1'), revision('v3', 'v2')], to: undefined, expected: 'v3 → v2' },
    { name: 'the plan as written names an older stable: that one', history: [revision('v2', 'v1'), revision('v3', 'v1')], to: undefined, expected: 'v3 → v1' },
    { name: 'a journal without stableVersion: the promoted version before', history: [revision('v2'), revision('v3')], to: undefined, expected: 'v3 → v2' },
    { name: 'any version a release of this plan had', history: [revision('v2', 'v1'), revision('v3', 'v2'), revision('v4', 'v3')], to: 'v1', expected: 'v4 → v1' },
    { name: 'an undone release can be redone', history: [revision('v2', 'v1'), revision('v1', 'v2')], to: 'v2', expected: 'v1 → v2' },
  ])('should choose $name', ({ history, to, expected }) => {
    const choice = undoChoice(history, to);
    expect(choice.ok && `${choice.from.version} → ${choice.to}`).toBe(expected);
  });

  it.each([
    { name: 'nothing promoted yet', history: [], to: undefined, error: 'no release of this plan was promoted yet: there is nothing to undo' },
    { name: 'the version users are on', history: [revision('v2', 'v1')], to: 'v2', error: 'v2 is the version users are on now (promoted by /runs/shop-v2)' },
    { name: 'a version no release had', history: [revision('v2', 'v1')], to: 'v0', error: 'no release of this plan had v0: the versions it knows are v1' },
    { name: 'one release that says nothing of what it replaced', history: [revision('v2')], to: undefined, error: 'the only version this plan promoted is v2, and its journal does not say what it replaced (set stableVersion in the plan): name one with --to' },
  ])('should refuse $name, saying why', ({ history, to, error }) => {
    expect(undoChoice(history, to)).toEqual({ ok: false, error });
  });
});
