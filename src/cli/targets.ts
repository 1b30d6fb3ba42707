import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, Range } from '../domain/plan/diagnostics';
import type { Plan } from '../domain/plan/schema';

const WHAT: Record<'router' | 'instances', string> = {
  router: 'targets.router (haproxy, nginx or command) to move traffic',
  instances: 'targets.instances (process or command) to start the new version',
};

/**
 * Why a valid plan still cannot run for real: it names nothing to act on. Said where targets go:
 * at `targets:` when the plan has it, else at the top of the file. Undefined when it can run.
 *
 * @example
 * missingTargets(plan, text)?.message;
 * // 'targets: a real run needs targets.router (haproxy, nginx or command) to move traffic and ...'
 */
export function missingTargets(plan: Plan, text: string): Diagnostic | undefined {
  if (plan.targets?.kubernetes) return undefined;
  const router = plan.targets?.router;
  const instances = plan.targets?.instances;
  const missing = [...(router?.haproxy || router?.nginx || router?.command ? [] : ['router' as const]), ...(instances?.process || instances?.command ? [] : ['instances' as const])];
  const first = missing[0];
  if (first === undefined) return undefined;
  const path = missing.length === 1 ? `targets.${first}` : 'targets';
  return {
    severity: 'error',
    message: `${path}: a real run needs ${missing.map((key) => WHAT[key]).join(' and ')}`,
    path,
    range: targetsKeyRange(text),
    code: 'run.targets',
    fix: { message: 'add them to run it for real; `switchyard simulate` rehearses the plan without targets' },
  };
}

/** The `targets:` key, or the plan's first key when it has none. */
function targetsKeyRange(text: string): Range {
  const lineCounter = new LineCounter();
  const contents = parseDocument(text, { lineCounter }).contents;
  const keys = isMap(contents) ? contents.items.flatMap((pair) => (isScalar(pair.key) ? [pair.key] : [])) : [];
  const key = keys.find((candidate) => candidate.value === 'targets') ?? keys[0];
  const [offset, endOffset] = key?.range ?? [0, 0];
  const start = lineCounter.linePos(offset);
  const end = lineCounter.linePos(endOffset);
  return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col }, offset, endOffset };
}
