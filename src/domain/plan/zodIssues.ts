import type { z } from 'zod';
import { describeValue, formatPath } from './diagnostics';
import type { Diagnostic, PlanPath } from './diagnostics';
import { expectedText, keysOf, schemaAt } from './schemaAt';
import type { PlanSource } from './source';
import { suggest } from './suggest';

type Issue = z.core.$ZodIssue;

/**
 * Turns zod's issues into diagnostics a user can act on: a human message, the range of the value
 * (or of the offending key), and a fix when one is obvious.
 *
 * @example
 *   // strategy: { canary: { stepweight: 10 } }
 *   // -> 'unknown key "stepweight" in strategy.canary; did you mean "stepWeight"?' at the key
 */
export function issuesToDiagnostics(issues: readonly Issue[], root: z.ZodType, source: PlanSource): Diagnostic[] {
  const diagnostics = issues.flatMap((issue) => issueToDiagnostics(issue, root, source, []));
  // "servce" with a suggestion of "service" already says that service is missing.
  const suggested = new Set(
    issues.flatMap((issue) => {
      if (issue.code !== 'unrecognized_keys') return [];
      const mapPath = issue.path.map(toSegment);
      return issue.keys.flatMap((key) => {
        const suggestion = suggest(key, keysOf(schemaAt(root, mapPath)));
        return suggestion ? [formatPath([...mapPath, suggestion])] : [];
      });
    }),
  );
  return diagnostics.filter((d) => d.code !== 'schema.required' || !suggested.has(d.path));
}

function issueToDiagnostics(issue: Issue, root: z.ZodType, source: PlanSource, prefix: PlanPath): Diagnostic[] {
  const path: PlanPath = [...prefix, ...issue.path.map(toSegment)];
  const at = (code: string, detail: string, fix?: Diagnostic['fix']): Diagnostic => ({
    severity: 'error',
    message: `${formatPath(path)}: ${detail}`,
    path: formatPath(path),
    range: source.rangeOf(path),
    code,
    ...(fix ? { fix } : {}),
  });
  const got = describeValue(issue.input);

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(key, path, root, source));
    case 'invalid_type': {
      if (issue.input === undefined) return [missingKey(path, root, source)];
      return [at('schema.type', `expected ${expectedText(schemaAt(root, path), issue.expected)}, got ${got}`)];
    }
    case 'too_big':
      return [at('schema.tooBig', tooBig(issue, got))];
    case 'too_small':
      return [at('schema.tooSmall', tooSmall(issue, got))];
    case 'invalid_format':
      return [at('schema.format', `${customOr(issue.message, `expected ${expectedText(schemaAt(root, path), issue.format)}`)}, got ${got}`)];
    case 'invalid_value': {
      const options = issue.values.map(String);
      const suggestion = typeof issue.input === 'string' ? suggest(issue.input, options) : undefined;
      const detail = `${got} is not one of ${options.join(', ')}${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
      return [at('schema.enum', detail, suggestion ? { message: `Replace with "${suggestion}"`, replacement: suggestion } : undefined)];
    }
    case 'invalid_union':
      if (issue.input === undefined) return [missingKey(path, root, source)];
      return unionIssue(issue, path, root, source, at(
        'schema.type',
        `expected ${expectedText(schemaAt(root, path), 'another kind of value')}, got ${got}`,
      ));
    case 'not_multiple_of':
      return [at('schema.multipleOf', `${got} is not a multiple of ${String(issue.divisor)}`)];
    default:
      return [at('schema.invalid', customOr(issue.message, 'is not valid'))];
  }
}

function unknownKey(key: string, mapPath: PlanPath, root: z.ZodType, source: PlanSource): Diagnostic {
  const path = [...mapPath, key];
  const where = mapPath.length === 0 ? 'the plan' : formatPath(mapPath);
  const allowed = keysOf(schemaAt(root, mapPath));
  const suggestion = suggest(key, allowed);
  const detail = suggestion
    ? `unknown key "${key}" in ${where}; did you mean "${suggestion}"?`
    : `unknown key "${key}" in ${where}; expected one of ${allowed.join(', ')}`;
  return {
    severity: 'error',
    message: `${formatPath(path)}: ${detail}`,
    path: formatPath(path),
    range: source.rangeOf(path, 'key'),
    code: 'schema.unknownKey',
    fix: suggestion
      ? { message: `Rename to "${suggestion}"`, replacement: suggestion }
      : { message: `Remove "${key}"` },
  };
}

function missingKey(path: PlanPath, root: z.ZodType, source: PlanSource): Diagnostic {
  const key = path[path.length - 1];
  const expected = expectedText(schemaAt(root, path), 'a value');
  return {
    severity: 'error',
    message: `${formatPath(path)}: required; add "${String(key)}:" with ${expected}`,
    path: formatPath(path),
    range: source.rangeOf(path),
    code: 'schema.required',
  };
}

/**
 * A bound with a reason in the schema (limits.ts) reads "<value> is too large; at most 100,000
 * (a simulation models each instance)"; zod's own bounds read "<value> is above 100".
 */
function tooBig(issue: z.core.$ZodIssueTooBig, got: string): string {
  const limit = String(issue.maximum);
  const reason = customOr(issue.message, '');
  switch (issue.origin) {
    case 'array':
    case 'set':
      if (reason) return `${Array.isArray(issue.input) ? `${issue.input.length} items are` : 'this is'} too many; ${reason}`;
      return `expected at most ${limit} ${plural(issue.maximum, 'item')}`;
    case 'string':
      return `expected at most ${limit} ${plural(issue.maximum, 'character')}`;
    default:
      if (reason) return `${got} is too large; ${reason}`;
      return issue.inclusive === false ? `${got} must be below ${limit}` : `${got} is above ${limit}`;
  }
}

function tooSmall(issue: z.core.$ZodIssueTooSmall, got: string): string {
  const limit = String(issue.minimum);
  const reason = customOr(issue.message, '');
  if (reason && issue.origin === 'number') return `${got} is too small; ${reason}`;
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `expected at least ${limit} ${plural(issue.minimum, 'item')}`;
    case 'string':
      return Number(issue.minimum) === 1 ? 'must not be empty' : `expected at least ${limit} characters`;
    default:
      return issue.inclusive === false ? `${got} must be above ${limit}` : `${got} is below ${limit}`;
  }
}

/**
 * A union failed every option. When one option got further than a mere type mismatch (a string
 * that is not a duration), its issues say more than "expected a or b"; otherwise the fallback does.
 */
function unionIssue(
  issue: z.core.$ZodIssueInvalidUnion,
  path: PlanPath,
  root: z.ZodType,
  source: PlanSource,
  fallback: Diagnostic,
): Diagnostic[] {
  const telling = issue.errors.filter((branch) => branch.length > 0 && branch.every((inner) => inner.code !== 'invalid_type' || inner.path.length > 0));
  const branch = telling.length === 1 ? telling[0] : undefined;
  if (!branch) return [fallback];
  return branch.flatMap((inner) => issueToDiagnostics({ ...inner, input: inner.input ?? issue.input } as Issue, root, source, path));
}

function customOr(message: string, fallback: string): string {
  return /^(Invalid|Too|Unrecognized)\b/.test(message) ? fallback : message;
}

function plural(count: number | bigint, noun: string): string {
  return Number(count) === 1 ? noun : `${noun}s`;
}

function toSegment(segment: PropertyKey): string | number {
  return typeof segment === 'number' ? segment : String(segment);
}
