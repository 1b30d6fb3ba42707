import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { FILE_START, isError, sortDiagnostics } from './diagnostics';
import type { Diagnostic, Range } from './diagnostics';
import { planTooLarge, tooManyScenariosIn } from './planSize';
import { plan as planSchema } from './schema';
import type { Plan } from './schema';
import { createPlanSource } from './source';
import type { PlanSource } from './source';
import { checkStrategyKind } from './strategyKind';
import { validatePlan } from './validate';
import { lowerFirst, problemsOf, structureProblems, syntaxDiagnostics } from './yamlErrors';
import { issuesToDiagnostics } from './zodIssues';

export type ParseResult = { ok: true; plan: Plan; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads a plan file: YAML, then the schema, then the semantic rules. Never throws for anything a
 * user can write; every problem comes back at once, in document order, with its range.
 *
 * YAML syntax errors stop there: a broken document would only produce misleading schema errors.
 * With `ok: true`, `diagnostics` holds warnings only and `plan` has every default applied
 * (durations in milliseconds).
 *
 * @example
 *   const result = parsePlan('service: checkout\nstrategy:\n  canary:\n    stepWeight: 200\n');
 *   // result.ok === false
 *   // result.diagnostics[0].message === 'strategy.canary.stepWeight: 200 is above 100'
 *   // result.diagnostics[0].range.start === { line: 4, column: 17 }
 */
export function parsePlan(text: string, fileName?: string): ParseResult {
  const tooLarge = planTooLarge(text, fileName);
  if (tooLarge) return { ok: false, diagnostics: [tooLarge] };
  // Duplicate keys are found by structureProblems in one pass; yaml's own check is quadratic.
  // logLevel 'error': yaml would print its warnings (a list used as a key) to the process.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const source = createPlanSource(doc, text);

  const yamlDiagnostics = [
    ...syntaxDiagnostics([...problemsOf(doc.errors), ...structureProblems(doc)], 'error', source, text),
    ...syntaxDiagnostics(problemsOf(doc.warnings), 'warning', source, text),
  ];
  if (yamlDiagnostics.some(isError)) return { ok: false, diagnostics: sortDiagnostics(yamlDiagnostics) };

  const converted = toPlainValue(doc, source);
  if (!converted.ok) return { ok: false, diagnostics: [...yamlDiagnostics, converted.diagnostic] };
  const raw = converted.value;
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, diagnostics: [...yamlDiagnostics, notAPlan(raw, fileName, source)] };
  }
  const tooMany = tooManyScenariosIn(raw as Record<string, unknown>, source);
  if (tooMany) return { ok: false, diagnostics: [...yamlDiagnostics, tooMany] };

  const parsed = planSchema.safeParse(raw, { reportInput: true });
  const kindProblems = checkStrategyKind(raw, source);
  // "strategy: choose one of ..." says more than "strategy: expected a map, got nothing".
  const schemaProblems = parsed.success
    ? []
    : issuesToDiagnostics(parsed.error.issues, planSchema, source).filter((d) => !kindProblems.some((k) => k.path === d.path));
  const structural = [...kindProblems, ...schemaProblems];
  if (!parsed.success || structural.length > 0) {
    return { ok: false, diagnostics: sortDiagnostics([...yamlDiagnostics, ...structural]) };
  }

  const diagnostics = sortDiagnostics([...yamlDiagnostics, ...validatePlan(parsed.data, source)]);
  return diagnostics.some(isError) ? { ok: false, diagnostics } : { ok: true, plan: parsed.data, diagnostics };
}

/** The document as plain data; only aliases can still fail here (unresolved, or too many: a "billion laughs"). */
function toPlainValue(doc: Document, source: PlanSource): { ok: true; value: unknown } | { ok: false; diagnostic: Diagnostic } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) as unknown };
  } catch (error) {
    const range = source.rangeOf([]);
    const reason = error instanceof RangeError ? 'lists and maps nest too deeply to be read; a plan needs only a few levels' : error instanceof Error ? lowerFirst(error.message) : 'the document cannot be read';
    return {
      ok: false,
      diagnostic: { severity: 'error', message: `line ${range.start.line}, column ${range.start.column}: ${reason}`, path: '', range, code: 'yaml.alias' },
    };
  }
}

function notAPlan(raw: unknown, fileName: string | undefined, source: PlanSource): Diagnostic {
  const what = raw === null || raw === undefined ? 'is empty' : Array.isArray(raw) ? 'is a list' : `is ${JSON.stringify(raw)}`;
  const name = fileName ?? 'the plan';
  const range: Range = raw === null || raw === undefined ? FILE_START : source.rangeOf([]);
  return {
    severity: 'error',
    message: `${name} ${what}; a plan is a map with at least "service:" and "strategy:"`,
    path: '',
    range,
    code: 'plan.notAMap',
    fix: { message: 'Start from a minimal plan', replacement: 'service: my-service\nstrategy:\n  rolling: {}\n' },
  };
}
