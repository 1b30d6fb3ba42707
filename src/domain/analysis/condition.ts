/**
 * A tiny, safe language for gate conditions over one measurement, `result`:
 *
 *   result < 0.01
 *   result >= 0.05 || (result > 0.02 && !(result == 0.03))
 *
 * Grammar (lowest precedence first); no eval, no Function, no identifiers other than `result`:
 *
 *   or         := and ('||' and)*
 *   and        := unary ('&&' unary)*
 *   unary      := '!' unary | comparison
 *   comparison := operand (('<' | '<=' | '>' | '>=' | '==' | '!=') operand)?
 *   operand    := number | 'result' | '-' operand | '(' or ')'
 *
 * A condition must be true or false: `result` alone, or `result < 1 < 2`, is rejected when parsed,
 * so the simulator and the runner never meet a condition they cannot evaluate.
 */

export type ConditionParse =
  | { ok: true; evaluate(result: number): boolean }
  | { ok: false; error: string; column: number };

/**
 * Parses a condition once; evaluate it for each measurement.
 *
 * @example
 *   const parsed = parseCondition('result >= 0.05');
 *   if (parsed.ok) parsed.evaluate(0.07); // true
 *   parseCondition('result >'); // { ok: false, error: 'expected a number, `result` or "(" at the end', column: 9 }
 *
 * `column` is 1-based, pointing into `src`.
 */
export function parseCondition(src: string): ConditionParse {
  const lexed = tokenize(src);
  if (!lexed.ok) return lexed;
  try {
    const parser = new Parser(lexed.tokens, src.length);
    const expression = parser.parseOr();
    parser.expectEnd();
    if (expression.kind !== 'bool') {
      return fail('the condition must compare `result`, e.g. "result < 0.01"', expression.column);
    }
    const evaluate = expression.evaluate;
    return { ok: true, evaluate: (result: number) => evaluate(result) };
  } catch (error) {
    if (error instanceof ConditionError) return fail(error.message, error.column);
    throw error;
  }
}

type TokenKind = 'number' | 'result' | 'op' | '(' | ')';

interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column of the token's first character. */
  column: number;
}

type Lexed = { ok: true; tokens: Token[] } | { ok: false; error: string; column: number };

const OPERATORS = ['<=', '>=', '==', '!=', '&&', '||', '<', '>', '!', '-'] as const;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(src: string): Lexed {
  const tokens: Token[] = [];
  let index = 0;
  while (index < src.length) {
    const rest = src.slice(index);
    const column = index + 1;
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0], column });
      index += number[0].length;
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      if (word[0] !== 'result') return fail(`unknown name "${word[0]}"; a condition can only use \`result\``, column);
      tokens.push({ kind: 'result', text: word[0], column });
      index += word[0].length;
      continue;
    }
    if (rest[0] === '(' || rest[0] === ')') {
      tokens.push({ kind: rest[0], text: rest[0], column });
      index += 1;
      continue;
    }
    const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (operator) {
      tokens.push({ kind: 'op', text: operator, column });
      index += operator.length;
      continue;
    }
    if (rest[0] === '=') return fail('use "==" to compare, not "="', column);
    if (rest[0] === '&' || rest[0] === '|') return fail(`use "${rest[0]}${rest[0]}", not "${rest[0]}"`, column);
    return fail(`unexpected character "${rest[0] ?? ''}"`, column);
  }
  return { ok: true, tokens };
}

type Expression =
  | { kind: 'num'; column: number; evaluate: (result: number) => number }
  | { kind: 'bool'; column: number; evaluate: (result: number) => boolean };

const COMPARISONS: Record<string, (left: number, right: number) => boolean> = {
  '<': (left, right) => left < right,
  '<=': (left, right) => left <= right,
  '>': (left, right) => left > right,
  '>=': (left, right) => left >= right,
  '==': (left, right) => left === right,
  '!=': (left, right) => left !== right,
};

class ConditionError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly length: number,
  ) {}

  parseOr(): Expression {
    let left = this.parseAnd();
    while (this.peekOp('||')) {
      const operator = this.next();
      const l = this.bool(left, operator);
      const r = this.bool(this.parseAnd(), operator);
      left = { kind: 'bool', column: left.column, evaluate: (result) => l(result) || r(result) };
    }
    return left;
  }

  expectEnd(): void {
    const token = this.tokens[this.position];
    if (token) throw new ConditionError(`unexpected "${token.text}"`, token.column);
  }

  private parseAnd(): Expression {
    let left = this.parseUnary();
    while (this.peekOp('&&')) {
      const operator = this.next();
      const l = this.bool(left, operator);
      const r = this.bool(this.parseUnary(), operator);
      left = { kind: 'bool', column: left.column, evaluate: (result) => l(result) && r(result) };
    }
    return left;
  }

  private parseUnary(): Expression {
    if (this.peekOp('!')) {
      const operator = this.next();
      const operand = this.bool(this.parseUnary(), operator);
      return { kind: 'bool', column: operator.column, evaluate: (result) => !operand(result) };
    }
    return this.parseComparison();
  }

  private parseComparison(): Expression {
    const left = this.parseOperand();
    const token = this.tokens[this.position];
    const compare = token?.kind === 'op' ? COMPARISONS[token.text] : undefined;
    if (!token || !compare) return left;
    this.position += 1;
    const l = this.num(left, token);
    const r = this.num(this.parseOperand(), token);
    const following = this.tokens[this.position];
    if (following?.kind === 'op' && COMPARISONS[following.text]) {
      throw new ConditionError(`cannot chain comparisons; write "a ${token.text} b && b ${following.text} c"`, following.column);
    }
    return { kind: 'bool', column: left.column, evaluate: (result) => compare(l(result), r(result)) };
  }

  private parseOperand(): Expression {
    const token = this.tokens[this.position];
    if (!token) throw new ConditionError('expected a number, `result` or "(" at the end', this.length + 1);
    this.position += 1;
    switch (token.kind) {
      case 'number': {
        const value = Number(token.text);
        return { kind: 'num', column: token.column, evaluate: () => value };
      }
      case 'result':
        return { kind: 'num', column: token.column, evaluate: (result) => result };
      case '(': {
        const inner = this.parseOr();
        const close = this.tokens[this.position];
        if (close?.kind !== ')') {
          throw new ConditionError(`missing ")" for the "(" at column ${token.column}`, close?.column ?? this.length + 1);
        }
        this.position += 1;
        return inner;
      }
      case 'op':
        if (token.text === '-') {
          const operand = this.num(this.parseOperand(), token);
          return { kind: 'num', column: token.column, evaluate: (result) => -operand(result) };
        }
        throw new ConditionError(`expected a number, \`result\` or "(" before "${token.text}"`, token.column);
      case ')':
        throw new ConditionError('unexpected ")"', token.column);
    }
  }

  private bool(expression: Expression, operator: Token): (result: number) => boolean {
    if (expression.kind === 'bool') return expression.evaluate;
    throw new ConditionError(`"${operator.text}" needs a comparison on each side, e.g. "result < 1"`, expression.column);
  }

  private num(expression: Expression, operator: Token): (result: number) => number {
    if (expression.kind === 'num') return expression.evaluate;
    throw new ConditionError(`"${operator.text}" compares numbers, not comparisons`, expression.column);
  }

  private peekOp(text: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === 'op' && token.text === text;
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) throw new ConditionError('unexpected end', this.length + 1);
    this.position += 1;
    return token;
  }
}

function fail(error: string, column: number): { ok: false; error: string; column: number } {
  return { ok: false, error, column };
}
