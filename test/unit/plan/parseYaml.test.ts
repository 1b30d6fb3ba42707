import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { problemsIn, yaml } from './helpers';

describe('parsePlan: YAML syntax', () => {
  it.each([
    {
      name: 'an unclosed flow sequence',
      text: yaml('service: checkout', 'strategy:', '  canary:', '    stepWeights: [10, 20', 'replicas: 3'),
      at: '5:1',
      message: 'line 5, column 1: flow sequence in block collection must be sufficiently indented and end with a ]',
      code: 'yaml.syntax',
    },
    {
      name: 'a duplicate key',
      text: yaml('service: checkout', 'replicas: 2', 'replicas: 3', 'strategy:', '  recreate: {}'),
      at: '3:1',
      message: 'line 3, column 1: this key appears twice in the same map; keep one',
      code: 'yaml.duplicateKey',
    },
    {
      name: 'a tab used for indentation',
      text: yaml('service: checkout', 'strategy:', '\trecreate: {}'),
      at: '3:1',
      message: 'line 3, column 1: tabs are not allowed as indentation',
      code: 'yaml.syntax',
    },
  ])('should report $name at its line and column', ({ text, at, message, code }) => {
    expect(problemsIn(text)[0]).toEqual({ at, severity: 'error', code, message });
  });

  it('should report every syntax error at once', () => {
    const text = yaml('service: checkout', 'service: billing', 'strategy:', '  recreate: {}', 'replicas: 1', 'replicas: 2');
    expect(problemsIn(text).map((problem) => problem.at)).toEqual(['2:1', '6:1']);
  });

  it('should give 0-based offsets that point at the same text as line and column', () => {
    const text = yaml('service: checkout', 'replicas: 2', 'replicas: 3', 'strategy:', '  recreate: {}');
    const [diagnostic] = parsePlan(text).diagnostics;
    expect(diagnostic?.range.offset).toBe(text.indexOf('replicas: 3'));
    expect(text.slice(diagnostic?.range.offset, diagnostic?.range.endOffset)).toBe('replicas');
  });

  it.each([
    { name: 'an empty file', text: '', message: 'test.release.yaml is empty; a plan is a map with at least "service:" and "strategy:"' },
    { name: 'a comment only', text: '# nothing yet\n', message: 'test.release.yaml is empty; a plan is a map with at least "service:" and "strategy:"' },
    { name: 'a list', text: '- service: checkout\n', message: 'test.release.yaml is a list; a plan is a map with at least "service:" and "strategy:"' },
    { name: 'a scalar', text: 'checkout\n', message: 'test.release.yaml is "checkout"; a plan is a map with at least "service:" and "strategy:"' },
  ])('should explain what a plan is when given $name', ({ text, message }) => {
    expect(problemsIn(text)).toEqual([{ at: '1:1', severity: 'error', code: 'plan.notAMap', message }]);
  });

  it('should never throw, whatever the text', () => {
    const texts = ['{', ']]', '*undefinedAlias', '!!binary xyz', 'a: &x [*x]', '---\n---\n', '\u0000', 'service: [1, {2: 3}]'];
    for (const text of texts) {
      const result = parsePlan(text);
      expect(result.ok, text).toBe(false);
      expect(result.diagnostics.length, text).toBeGreaterThan(0);
      for (const diagnostic of result.diagnostics) expect(diagnostic.message, text).not.toMatch(/\n\s+at /);
    }
  });
});
