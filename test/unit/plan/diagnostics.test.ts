import { describe, expect, it } from 'vitest';
import { describeValue, formatPath } from '../../../src/domain/plan/diagnostics';
import { editDistance, suggest } from '../../../src/domain/plan/suggest';

describe('formatPath', () => {
  it.each([
    { name: 'the root', path: [], expected: '' },
    { name: 'one key', path: ['replicas'], expected: 'replicas' },
    { name: 'keys and indexes', path: ['strategy', 'canary', 'steps', 2, 'setWeight'], expected: 'strategy.canary.steps[2].setWeight' },
    { name: 'a list at the top', path: ['analysis', 0, 'name'], expected: 'analysis[0].name' },
    { name: 'a key with a dash', path: ['scenarios', 'bad-night'], expected: 'scenarios.bad-night' },
    { name: 'a key with a space', path: ['scenarios', 'bad night', 'seed'], expected: 'scenarios["bad night"].seed' },
  ])('should write $name in the human form', ({ path, expected }) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe('suggest', () => {
  it.each([
    { name: 'a case slip', word: 'stepweight', candidates: ['steps', 'stepWeight', 'stepWeights'], expected: 'stepWeight' },
    { name: 'a swapped pair', word: 'sevrice', candidates: ['service', 'version'], expected: 'service' },
    { name: 'a missing letter', word: 'canry', candidates: ['blueGreen', 'canary', 'rolling'], expected: 'canary' },
    { name: 'nothing close', word: 'banana', candidates: ['analysis'], expected: undefined },
    { name: 'a short word far away', word: 'ab', candidates: ['xyz'], expected: undefined },
  ])('should handle $name', ({ word, candidates, expected }) => {
    expect(suggest(word, candidates)).toBe(expected);
  });

  it('should count an adjacent swap as one edit', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('describeValue', () => {
  it.each([
    { name: 'a string', value: 'three', expected: '"three"' },
    { name: 'a long string, shortened', value: 'x'.repeat(100), expected: `"${'x'.repeat(57)}..."` },
    { name: 'a number', value: 2.5, expected: '2.5' },
    { name: 'null', value: null, expected: 'nothing' },
    { name: 'a list', value: [1], expected: 'a list' },
    { name: 'a map', value: { a: 1 }, expected: 'a map' },
  ])('should quote $name as a message shows it', ({ value, expected }) => {
    expect(describeValue(value)).toBe(expected);
  });
});
