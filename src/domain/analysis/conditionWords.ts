const WORDS: Record<string, string> = { '<': 'below', '<=': 'at or below', '>': 'above', '>=': 'at or above', '==': 'equal to', '!=': 'other than' };
const SIMPLE = /^\s*result\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*$/;

/**
 * A condition as words an operator reads next to a value: `result < 0.01` is "below 0.01";
 * anything more complex is quoted.
 *
 * @example
 * conditionInWords('result >= 0.05');              // "at or above 0.05"
 * conditionInWords('result > 1 && result < 2');    // '"result > 1 && result < 2"'
 */
export function conditionInWords(source: string): string {
  const simple = SIMPLE.exec(source);
  if (simple?.[1] && simple[2]) return `${WORDS[simple[1]]} ${Number(simple[2])}`;
  return `"${source.trim()}"`;
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
