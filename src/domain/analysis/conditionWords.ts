export type SimpleOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

const WORDS: Record<SimpleOperator, string> = { '<': 'below', '<=': 'at or below', '>': 'above', '>=': 'at or above', '==': 'equal to', '!=': 'other than' };
const SIMPLE = /^\s*result\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*$/;

/**
 * A condition of the simple form `result OP number`, or undefined for anything richer: what has
 * a line to draw and words to say.
 *
 * @example
 * simpleCondition('result >= 5e-2'); // { op: '>=', value: 0.05 }
 * simpleCondition('result > 1 && result < 2'); // undefined
 */
export function simpleCondition(source: string): { op: SimpleOperator; value: number } | undefined {
  const match = SIMPLE.exec(source);
  return match?.[1] && match[2] ? { op: match[1] as SimpleOperator, value: Number(match[2]) } : undefined;
}

/**
 * A condition as words an operator reads next to a value: `result < 0.01` is "below 0.01";
 * anything more complex is quoted.
 *
 * @example
 * conditionInWords('result >= 0.05');              // "at or above 0.05"
 * conditionInWords('result > 1 && result < 2');    // '"result > 1 && result < 2"'
 */
export function conditionInWords(source: string): string {
  const simple = simpleCondition(source);
  return simple ? `${WORDS[simple.op]} ${simple.value}` : `"${source.trim()}"`;
}

/**
 * Why a value is inconclusive: it met neither condition. Names both, and the value.
 *
 * @example
 * inconclusiveReason('0.0103', 'result < 0.01', 'result >= 0.05');
 * // "0.0103: not below 0.01, not at or above 0.05"
 */
export function inconclusiveReason(value: string, successCondition: string, failureCondition: string): string {
  return `${value}: not ${conditionInWords(successCondition)}, not ${conditionInWords(failureCondition)}`;
}
