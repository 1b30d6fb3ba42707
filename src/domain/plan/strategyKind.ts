import { formatPath } from './diagnostics';
import type { Diagnostic } from './diagnostics';
import { STRATEGY_KINDS } from './schema';
import type { Plan, StrategyKind } from './schema';
import type { PlanSource } from './source';

const CHOICES = STRATEGY_KINDS.join(', ');

/**
 * The one strategy a parsed plan uses.
 *
 * @example
 *   strategyKindOf(plan); // "canary"
 */
export function strategyKindOf(plan: Plan): StrategyKind {
  const kind = STRATEGY_KINDS.find((candidate) => plan.strategy[candidate] !== undefined);
  if (!kind) throw new Error('strategyKindOf: the plan has no strategy; parsePlan rejects such plans');
  return kind;
}

/**
 * Checks, on the raw YAML value, that `strategy` names exactly one kind. The schema cannot say
 * "exactly one" in a way zod reports well, and this runs alongside it so every problem is
 * reported at once. Unknown keys are left to the schema, which suggests the kind that was meant.
 */
export function checkStrategyKind(raw: unknown, source: PlanSource): Diagnostic[] {
  if (!isRecord(raw) || !('strategy' in raw)) return [];
  const strategy = raw.strategy;
  if (strategy !== null && !isRecord(strategy)) return [];
  const keys = strategy ? Object.keys(strategy) : [];
  const kinds = keys.filter((key): key is StrategyKind => (STRATEGY_KINDS as readonly string[]).includes(key));
  const path = formatPath(['strategy']);
  const range = source.rangeOf(['strategy'], 'key');
  // Only unknown keys: the schema reports them with the kind that was probably meant.
  if (kinds.length === 0 && keys.length === 0) {
    return [{ severity: 'error', message: `${path}: choose one of ${CHOICES}`, path, range, code: 'plan.strategyKind' }];
  }
  if (kinds.length > 1) {
    const found = `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1] ?? ''}`;
    return [
      {
        severity: 'error',
        message: `${path}: choose only one of ${CHOICES}; found ${found}`,
        path,
        range,
        code: 'plan.strategyKind',
        fix: { message: `Keep one of ${kinds.join(', ')} and remove the others` },
      },
    ];
  }
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
