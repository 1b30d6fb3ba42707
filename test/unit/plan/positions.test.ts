import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineTable } from '../../../src/domain/plan/lineTable';
import { parsePlan } from '../../../src/domain/plan/parse';
import { problemsIn, yaml } from './helpers';

const CANARY_BAD = readFileSync(join(__dirname, '../../../examples/playground/canary-bad.release.yaml'), 'utf8');

/** The example with the `#` of its first comment deleted: every line after it is unreadable YAML. */
const CANARY_BAD_WITHOUT_FIRST_HASH = CANARY_BAD.replace(/^# /, '  ');

describe('parsePlan: where syntax errors are', () => {
  it('should fold a cascade of unexpected tokens into one problem that says how far it goes', () => {
    expect(problemsIn('-\n)\n e:')).toEqual([
      {
        at: '2:1',
        severity: 'error',
        code: 'yaml.syntax',
        message: 'line 2, column 1: unexpected scalar at node end (1 more syntax error follows it, up to line 3, column 3; fix this one first)',
      },
    ]);
  });

  it('should count the lines of multi-line PromQL queries when a deleted # breaks the rest of the file', () => {
    const lastLine = CANARY_BAD.trimEnd().split('\n').length;
    const lastValue = CANARY_BAD.trimEnd().split('\n').at(-1)?.indexOf('switchyard-playground/logs') ?? -1;
    expect(problemsIn(CANARY_BAD_WITHOUT_FIRST_HASH)).toEqual([
      {
        at: '4:1',
        severity: 'error',
        code: 'yaml.syntax',
        message: `line 4, column 1: unexpected scalar token in YAML stream: "service" (163 more syntax errors follow it, up to line ${lastLine}, column ${lastValue + 1}; fix this one first)`,
      },
    ]);
    expect(lastLine).toBe(69);
  });

  it('should refuse lists nested deeper than any plan, once, where they get too deep', () => {
    expect(problemsIn(`service: a\nstrategy: ${'['.repeat(100)}${']'.repeat(100)}\n`)).toEqual([
      { at: '2:74', severity: 'error', code: 'yaml.tooDeep', message: 'line 2, column 74: lists and maps nest more than 64 levels deep here; a plan needs only a few' },
    ]);
  });

  it('should keep the range of an error at the very end of the file inside the file', () => {
    const text = 'a: "unterminated';
    const [problem] = parsePlan(text).diagnostics;
    expect(problem?.range).toEqual({ start: { line: 1, column: 17 }, end: { line: 1, column: 17 }, offset: 16, endOffset: 16 });
  });

  it.each([
    { name: 'LF', newline: '\n' },
    { name: 'CRLF', newline: '\r\n' },
  ])('should report a duplicate key on its own line with $name line endings', ({ newline }) => {
    const text = ['service: checkout', 'strategy:', '  recreate: {}', 'analysis: []', 'replicas: 2', 'replicas: 3', ''].join(newline);
    expect(problemsIn(text).map((problem) => problem.at)).toEqual(['6:1']);
  });

  it('should still find every duplicate key, nested ones included', () => {
    const text = yaml('service: checkout', 'strategy:', '  canary:', '    stepWeight: 10', '    stepWeight: 20', 'scenarios:', '  a: {}', '  a: {}');
    expect(problemsIn(text)).toEqual([
      { at: '5:5', severity: 'error', code: 'yaml.duplicateKey', message: 'line 5, column 5: this key appears twice in the same map; keep one' },
      { at: '8:3', severity: 'error', code: 'yaml.duplicateKey', message: 'line 8, column 3: this key appears twice in the same map; keep one' },
    ]);
  });
});

describe('lineTable', () => {
  it.each([
    { name: 'the start', text: 'a\nb', offset: 0, expected: { line: 1, column: 1 } },
    { name: 'after LF', text: 'a\nb', offset: 2, expected: { line: 2, column: 1 } },
    { name: 'after CRLF', text: 'a\r\nb', offset: 3, expected: { line: 2, column: 1 } },
    { name: 'between CR and LF, the end of the line', text: 'a\r\nb', offset: 2, expected: { line: 1, column: 2 } },
    { name: 'after a lone CR', text: 'a\rb', offset: 2, expected: { line: 2, column: 1 } },
    { name: 'past the end, the end', text: 'a\nbc', offset: 99, expected: { line: 2, column: 3 } },
    { name: 'before the start, the start', text: 'a\nbc', offset: -5, expected: { line: 1, column: 1 } },
    { name: 'the empty line after a final newline', text: 'a\n', offset: 2, expected: { line: 2, column: 1 } },
  ])('should place $name', ({ text, offset, expected }) => {
    expect(lineTable(text).positionAt(offset)).toEqual(expected);
  });

  it('should count lines as an editor does', () => {
    expect(lineTable('a\nb\r\nc\rd').lineCount).toBe(4);
    expect(lineTable('').lineCount).toBe(1);
    expect(lineTable('ab\r\ncde\n').lineLength(2)).toBe(3);
  });
});
