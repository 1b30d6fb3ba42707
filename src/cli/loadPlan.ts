import { readFileSync } from 'node:fs';
import { parsePlan } from '../domain/plan/parse';
import type { Diagnostic } from '../domain/plan/diagnostics';
import type { Plan } from '../domain/plan/schema';

export type LoadedPlan =
  | { ok: true; fileName: string; source: string; plan: Plan; diagnostics: Diagnostic[] }
  | { ok: false; fileName: string; source: string; diagnostics: Diagnostic[]; ioError?: string };

/** Reads and parses a plan file; a missing or unreadable file is a diagnostic, not a crash. */
export function loadPlan(fileName: string): LoadedPlan {
  let source: string;
  try {
    source = readFileSync(fileName, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, fileName, source: '', diagnostics: [], ioError: `cannot read ${fileName}: ${reason}` };
  }
  const result = parsePlan(source, fileName);
  return result.ok
    ? { ok: true, fileName, source, plan: result.plan, diagnostics: result.diagnostics }
    : { ok: false, fileName, source, diagnostics: result.diagnostics };
}
