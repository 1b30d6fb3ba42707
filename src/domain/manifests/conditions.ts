import { parseCondition } from '../analysis/condition';
import type { MetricReading } from './metricChoice';

/**
 * Gate conditions from the ones a manifest writes. Argo Rollouts' conditions are expressions
 * over a query's result (`result[0] >= 0.95`, `default(result, 0) < 5`, `len(result) == 0 ||
 * ...`); a plan's are comparisons of one number, `result`. The common shapes are rewritten, a
 * success rate is turned into the error rate the simulation measures, and a condition that
 * cannot be judged on a number (`result == true`, `all(result, # < 1000)`) is left out, each
 * with a note saying so.
 */

export interface WrittenConditions {
  successCondition?: string | undefined;
  failureCondition?: string | undefined;
}

export type ConditionField = keyof WrittenConditions;

export interface GateConditions extends WrittenConditions {
  /** One sentence per rewrite, omission or default, for the notes, with the field it is about (none: both). */
  notes: { field?: ConditionField; text: string }[];
}

const NUMBER = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const REWRITES: readonly [RegExp, string][] = [
  [/\bresults?\s*\[\s*0\s*\](?:\.\w+)*/g, 'result'],
  [/\bdefault\(\s*result\s*,[^()]*\)/g, 'result'],
  [/\b(?:asFloat|asInt|float|int|max|min|sum|avg|mean|first|last)\(\s*result\s*\)/g, 'result'],
  [/\bresult(?:\.\w+)+/g, 'result'],
  [/\band\b/g, '&&'],
  [/\bor\b/g, '||'],
  [/\bnot\b/g, '!'],
];
/** "No data counts as a pass" guards, which a simulation never meets: it always measures. */
const NO_DATA_GUARDS: readonly RegExp[] = [/^\s*(?:len\(\s*result\s*\)\s*==\s*0|isNaN\(\s*result\s*\))\s*\|\|\s*/, /^\s*len\(\s*result\s*\)\s*>\s*0\s*&&\s*/];
const FLIPPED: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };

/** What a gate judges when no written condition can be judged on a number: clearly bad values fail. */
const DEFAULT_SUCCESS: Record<MetricReading['unit'], string> = { ratio: 'result < 0.05', percent: 'result < 5', ms: 'result < 1000', s: 'result < 1' };

/**
 * The conditions a gate judges, with a note for every change.
 *
 * @example
 * judgeConditions({ successCondition: 'result[0] >= 0.95' }, { metric: 'errorRate', unit: 'ratio', success: true, from: '' });
 * // { successCondition: 'result <= 0.05', notes: [{ field: 'successCondition', text: '"result[0] >= 0.95" is judged as "result <= 0.05" on the error rate (success is 1 − errorRate)' }] }
 * judgeConditions({ successCondition: 'result == true' }, { metric: 'errorRate', unit: 'ratio', success: false, from: '' }).successCondition;
 * // 'result < 0.05', with a note that "result == true" cannot be judged on a simulated number
 */
export function judgeConditions(written: WrittenConditions, reading: MetricReading): GateConditions {
  const notes: GateConditions['notes'] = [];
  const judged: WrittenConditions = {};
  for (const field of ['successCondition', 'failureCondition'] as const) {
    const text = written[field];
    if (text === undefined) continue;
    const condition = numericCondition(text, reading);
    if (condition.guarded) notes.push({ field, text: `"${text}" passes when the query returns no data; a simulation always measures, so only "${condition.text ?? ''}" applies` });
    if (condition.text === undefined) {
      notes.push({ field, text: `"${text}" cannot be judged on a simulated number; left out` });
      continue;
    }
    judged[field] = condition.text;
    const turned = reading.success ? ` on the error rate (success is ${reading.unit === 'percent' ? '100' : '1'} − errorRate)` : '';
    if (condition.text !== text.trim() && !condition.guarded) notes.push({ field, text: `"${text}" is judged as "${condition.text}"${turned}` });
  }
  if (judged.successCondition === undefined && judged.failureCondition === undefined) {
    const fallback = DEFAULT_SUCCESS[reading.unit];
    notes.push({ text: `no condition can be judged on a simulated number; the gate passes while ${reading.metric} ${fallback.replace('result ', '')} (${reading.unit})` });
    return { successCondition: fallback, notes };
  }
  return { ...judged, notes };
}

/**
 * Flagger's `thresholdRange` as a condition over `result`: at least min, at most max.
 *
 * @example
 * thresholdRangeCondition(99, undefined);  // 'result >= 99'
 * thresholdRangeCondition(undefined, 500); // 'result <= 500'
 */
export function thresholdRangeCondition(min: number | undefined, max: number | undefined): string | undefined {
  const parts = [min === undefined ? undefined : `result >= ${min}`, max === undefined ? undefined : `result <= ${max}`].filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : parts.join(' && ');
}

function numericCondition(text: string, reading: MetricReading): { text: string | undefined; guarded: boolean } {
  let rewritten = text.trim();
  for (const [pattern, replacement] of REWRITES) rewritten = rewritten.replace(pattern, replacement);
  const guard = NO_DATA_GUARDS.find((pattern) => pattern.test(rewritten));
  if (guard) rewritten = rewritten.replace(guard, '');
  const final = reading.success ? asErrorRate(rewritten, reading.unit === 'percent' ? 100 : 1) : rewritten;
  return { text: final !== undefined && parseCondition(final).ok ? final : undefined, guarded: guard !== undefined };
}

/**
 * A condition over a success rate as the same condition over the error rate: each comparison
 * `result OP c` becomes `result FLIP(OP) full − c`. Undefined when `result` appears other than in
 * such a comparison.
 */
function asErrorRate(condition: string, full: number): string | undefined {
  const complement = (value: string): string => String(Number((full - Number(value)).toPrecision(12)));
  const marker = '\u0001';
  const turned = condition
    .replace(new RegExp(String.raw`\bresult\s*(<=|>=|==|!=|<|>)\s*(${NUMBER})`, 'g'), (_, op: string, value: string) => `${marker} ${FLIPPED[op] ?? op} ${complement(value)}`)
    .replace(new RegExp(String.raw`(${NUMBER})\s*(<=|>=|==|!=|<|>)\s*\bresult\b`, 'g'), (_, value: string, op: string) => `${marker} ${op} ${complement(value)}`);
  if (/\bresult\b/.test(turned)) return undefined;
  return turned.split(marker).join('result');
}
