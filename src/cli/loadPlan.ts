import { parsePlan } from '../domain/plan/parse';
import type { Diagnostic } from '../domain/plan/diagnostics';
import type { Plan } from '../domain/plan/schema';
import { readTextFile } from './readText';

export type LoadedPlan =
  | { ok: true; fileName: string; source: string; plan: Plan; diagnostics: Diagnostic[] }
  | { ok: false; fileName: string; source: string; diagnostics: Diagnostic[]; ioError?: string };

/** Reads and parses a plan file; a missing, unreadable or binary file is an error to print, not a crash. */
export function loadPlan(fileName: string): LoadedPlan {
  const read = readTextFile(fileName);
  if (!read.ok) return { ok: false, fileName, source: '', diagnostics: [], ioError: read.error };
  const source = read.text;
  const result = parsePlan(source, fileName);
  return result.ok
    ? { ok: true, fileName, source, plan: result.plan, diagnostics: result.diagnostics }
    : { ok: false, fileName, source, diagnostics: result.diagnostics };
}
