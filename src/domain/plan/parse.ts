import { LineCounter, parseDocument } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import { FILE_START, isError, sortDiagnostics } from './diagnostics';
import type { Diagnostic, Range } from './diagnostics';
import { plan as planSchema } from './schema';
import type { Plan } from './schema';
import { createPlanSource } from './source';
import type { PlanSource } from './source';
import { checkStrategyKind } from './strategyKind';
import { validatePlan } from './validate';
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const source = createPlanSource(doc, lineCounter, text);

  const yamlDiagnostics = [
    ...doc.errors.map((error) => yamlDiagnostic(error, 'error', source, text)),
    ...doc.warnings.map((warning) => yamlDiagnostic(warning, 'warning', source, text)),
  ];
  if (yamlDiagnostics.some(isError)) return { ok: false, diagnostics: sortDiagnostics(yamlDiagnostics) };

  const converted = toPlainValue(doc, source);
  if (!converted.ok) return { ok: false, diagnostics: [...yamlDiagnostics, converted.diagnostic] };
  const raw = converted.value;
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, diagnostics: [...yamlDiagnostics, notAPlan(raw, fileName, source)] };
  }

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

const YAML_CODES: Record<string, string> = {
  DUPLICATE_KEY: 'yaml.duplicateKey',
  BAD_ALIAS: 'yaml.alias',
  MULTIPLE_DOCS: 'yaml.multipleDocuments',
};

/** The document as plain data; only aliases can still fail here (unresolved, or too many: a "billion laughs"). */
function toPlainValue(doc: Document, source: PlanSource): { ok: true; value: unknown } | { ok: false; diagnostic: Diagnostic } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) as unknown };
  } catch (error) {
    const range = source.rangeOf([]);
    const reason = error instanceof Error ? lowerFirst(error.message) : 'the document cannot be read';
    return {
      ok: false,
      diagnostic: { severity: 'error', message: `line ${range.start.line}, column ${range.start.column}: ${reason}`, path: '', range, code: 'yaml.alias' },
    };
  }
}

function yamlDiagnostic(error: YAMLError, severity: 'error' | 'warning', source: PlanSource, text: string): Diagnostic {
  const [start, end] = error.pos;
  const range: Range = source.rangeOfOffsets(start, wordEnd(text, start, end));
  const detail = error.code === 'DUPLICATE_KEY' ? 'this key appears twice in the same map; keep one' : lowerFirst(error.message);
  return {
    severity,
    message: `line ${range.start.line}, column ${range.start.column}: ${detail}`,
    path: '',
    range,
    code: YAML_CODES[error.code] ?? 'yaml.syntax',
  };
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

/** yaml marks some errors with one character; widen that to the word (a duplicate key's name). */
function wordEnd(text: string, start: number, end: number): number {
  if (end - start > 1) return end;
  let index = start;
  while (index < text.length && /[^\s:,[\]{}]/.test(text.charAt(index))) index += 1;
  return Math.max(index, end, start);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
