import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../../src/domain/analysis/condition';

function evaluate(src: string, result: number): boolean {
  const parsed = parseCondition(src);
  if (!parsed.ok) throw new Error(`${src}: ${parsed.error}`);
  return parsed.evaluate(result);
}

describe('parseCondition', () => {
  it.each([
    { name: 'less than, true', src: 'result < 0.01', result: 0.005, expected: true },
    { name: 'less than, false', src: 'result < 0.01', result: 0.01, expected: false },
    { name: 'at most', src: 'result <= 0.01', result: 0.01, expected: true },
    { name: 'greater than', src: 'result > 250', result: 300, expected: true },
    { name: 'at least', src: 'result >= 0.05', result: 0.05, expected: true },
    { name: 'equal', src: 'result == 0', result: 0, expected: true },
    { name: 'not equal', src: 'result != 0', result: 0, expected: false },
    { name: 'number on the left', src: '0.5 > result', result: 0.2, expected: true },
    { name: 'and', src: 'result > 1 && result < 3', result: 2, expected: true },
    { name: 'and, one side false', src: 'result > 1 && result < 3', result: 3, expected: false },
    { name: 'or', src: 'result < 1 || result > 3', result: 4, expected: true },
    { name: 'and binds tighter than or', src: 'result < 1 || result > 3 && result < 5', result: 6, expected: false },
    { name: 'parentheses change the grouping', src: '(result < 1 || result > 3) && result < 5', result: 0.5, expected: true },
    { name: 'not', src: '!(result >= 0.05)', result: 0.01, expected: true },
    { name: 'double not', src: '!!(result > 1)', result: 2, expected: true },
    { name: 'negative numbers', src: 'result > -1', result: -0.5, expected: true },
    { name: 'exponent', src: 'result < 1e-3', result: 0.0005, expected: true },
    { name: 'leading dot', src: 'result < .5', result: 0.4, expected: true },
    { name: 'no spaces', src: 'result>=0.05||result<0', result: 0.06, expected: true },
  ])('should evaluate $name', ({ src, result, expected }) => {
    expect(evaluate(src, result)).toBe(expected);
  });

  it.each([
    { name: 'an empty condition', src: '', error: 'expected a number, `result` or "(" at the end', column: 1 },
    { name: 'a missing operand', src: 'result >', error: 'expected a number, `result` or "(" at the end', column: 9 },
    { name: 'a bare result', src: 'result', error: 'the condition must compare `result`, e.g. "result < 0.01"', column: 1 },
    { name: 'an unknown name', src: 'result < limit', error: 'unknown name "limit"; a condition can only use `result`', column: 10 },
    { name: 'a function call', src: 'len(result) > 0', error: 'unknown name "len"; a condition can only use `result`', column: 1 },
    { name: 'a single equals sign', src: 'result = 1', error: 'use "==" to compare, not "="', column: 8 },
    { name: 'a single ampersand', src: 'result > 1 & result < 2', error: 'use "&&", not "&"', column: 12 },
    { name: 'an unclosed parenthesis', src: '(result > 1', error: 'missing ")" for the "(" at column 1', column: 12 },
    { name: 'a stray parenthesis', src: 'result > 1)', error: 'unexpected ")"', column: 11 },
    { name: 'chained comparisons', src: '0 < result < 1', error: 'cannot chain comparisons; write "a < b && b < c"', column: 12 },
    { name: 'a number joined by and', src: 'result > 1 && 2', error: '"&&" needs a comparison on each side, e.g. "result < 1"', column: 15 },
    { name: 'not on a number', src: '!result', error: '"!" needs a comparison on each side, e.g. "result < 1"', column: 2 },
    { name: 'a comparison compared', src: '(result > 1) == 1', error: '"==" compares numbers, not comparisons', column: 2 },
    { name: 'an unknown character', src: 'result > 1 ; 2', error: 'unexpected character ";"', column: 12 },
    { name: 'an attempt at code', src: 'process.exit()', error: 'unknown name "process"; a condition can only use `result`', column: 1 },
  ])('should reject $name with a column', ({ src, error, column }) => {
    expect(parseCondition(src)).toEqual({ ok: false, error, column });
  });
});
