import { z } from 'zod';
import { plan, strategy, STRATEGY_KINDS } from './schema';

export const PLAN_SCHEMA_ID = 'urn:switchyard:schema:release-plan';
/** Where the generated schema is committed, relative to the repository root. */
export const PLAN_SCHEMA_FILE = 'schema/release-plan.schema.json';

/**
 * The JSON Schema of a plan file as a user writes it (`io: 'input'`: durations as "30s", defaults
 * optional), for editor completion and validation (e.g. the YAML extension's `yaml.schemas`).
 *
 * @example
 *   planJsonSchema().properties; // { service: {...}, strategy: {...}, ... }
 */
export function planJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(plan, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: (context) => {
      // "Exactly one strategy kind" is checked in code (strategyKind.ts); say it to editors too.
      if (context.zodSchema === strategy) {
        context.jsonSchema.minProperties = 1;
        context.jsonSchema.maxProperties = 1;
      }
    },
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: PLAN_SCHEMA_ID,
    title: 'Switchyard release plan',
    description: `How one service is released: ${STRATEGY_KINDS.join(', ')}, with health checks, analysis gates, policy, targets and simulation scenarios. Generated from src/domain/plan/schema.ts by \`npm run schema\`; do not edit.`,
    ...rest,
  };
}

/** The committed file's exact text: two-space JSON with a final newline. */
export function renderPlanJsonSchema(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}
