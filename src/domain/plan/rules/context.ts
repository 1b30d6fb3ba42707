import { formatPath } from '../diagnostics';
import type { Diagnostic, Fix, PlanPath, Range, Severity } from '../diagnostics';
import type { Plan } from '../schema';
import type { PlanSource } from '../source';

export interface RuleContext {
  plan: Plan;
  source: PlanSource;
}

/** One semantic rule: looks at a schema-valid plan and returns what is wrong with it. */
export type Rule = (context: RuleContext) => Diagnostic[];

export interface ProblemOptions {
  /** Point at the key rather than the value. */
  target?: 'key' | 'value';
  /** A narrower range than the whole value (a column inside a condition). */
  range?: Range;
  fix?: Fix;
}

/** A diagnostic whose message reads `<path>: <detail>` and whose range is the path's place in the text. */
export function problem(
  context: RuleContext,
  severity: Severity,
  code: string,
  path: PlanPath,
  detail: string,
  options: ProblemOptions = {},
): Diagnostic {
  const text = formatPath(path);
  return {
    severity,
    message: `${text}: ${detail}`,
    path: text,
    range: options.range ?? context.source.rangeOf(path, options.target),
    code,
    ...(options.fix ? { fix: options.fix } : {}),
  };
}

/** "a, b and c" */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

/** "a canary", "an abTest" */
export function withArticle(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
