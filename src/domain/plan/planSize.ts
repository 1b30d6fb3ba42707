import { formatPath } from './diagnostics';
import type { Diagnostic } from './diagnostics';
import { formatCount, MAX_PLAN_CHARACTERS, MAX_SCENARIOS, tooManyScenarios } from './limits';
import type { PlanSource } from './source';

/**
 * A plan file too large to be a plan, refused before it is read: on line 1, at once, whatever it
 * holds (a 5 MB file would otherwise keep lint busy for minutes on every edit).
 *
 * @example
 *   planTooLarge('x'.repeat(2_000_000), 'big.release.yaml')?.message;
 *   // 'big.release.yaml has 2,000,000 characters; at most 1,000,000 (a plan is a few kilobytes; the editor and lint read it whole on every edit)'
 */
export function planTooLarge(text: string, fileName = 'the plan'): Diagnostic | undefined {
  if (text.length <= MAX_PLAN_CHARACTERS) return undefined;
  const firstLine = /^[^\r\n]{0,200}/.exec(text)?.[0].length ?? 0;
  return {
    severity: 'error',
    message: `${fileName} has ${formatCount(text.length)} characters; at most ${formatCount(MAX_PLAN_CHARACTERS)} (a plan is a few kilobytes; the editor and lint read it whole on every edit)`,
    path: '',
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: firstLine + 1 }, offset: 0, endOffset: firstLine },
    code: 'plan.tooLarge',
  };
}

/**
 * More scenarios than lint can check on every edit, found on the raw document before the schema
 * reads each one; reported at the first scenario past the limit. The schema holds the same limit.
 */
export function tooManyScenariosIn(raw: Record<string, unknown>, source: PlanSource): Diagnostic | undefined {
  const scenarios = raw.scenarios;
  if (typeof scenarios !== 'object' || scenarios === null || Array.isArray(scenarios)) return undefined;
  const names = Object.keys(scenarios);
  const excess = names[MAX_SCENARIOS];
  if (excess === undefined) return undefined;
  const path = ['scenarios', excess];
  return {
    severity: 'error',
    message: `${formatPath(path)}: ${tooManyScenarios(names.length)}`,
    path: formatPath(path),
    range: source.rangeOf(path, 'key'),
    code: 'plan.tooManyScenarios',
  };
}
