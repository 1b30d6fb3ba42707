import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAN_SCHEMA_FILE, planJsonSchema, renderPlanJsonSchema } from '../../../src/domain/plan/jsonSchema';

describe('planJsonSchema', () => {
  it('should match the committed schema/release-plan.schema.json', () => {
    const committed = readFileSync(resolve(__dirname, '../../..', PLAN_SCHEMA_FILE), 'utf8');
    if (committed !== renderPlanJsonSchema()) {
      expect.fail(`${PLAN_SCHEMA_FILE} is out of date with src/domain/plan/schema.ts; regenerate it with \`npm run schema\``);
    }
  });

  it('should describe the file as a user writes it', () => {
    const schema = planJsonSchema() as {
      $id: string;
      title: string;
      required: string[];
      properties: { strategy: { minProperties: number; maxProperties: number }; replicas: { default: number } };
    };
    expect(schema.$id).toBe('urn:switchyard:schema:release-plan');
    expect(schema.title).toBe('Switchyard release plan');
    expect(schema.required).toEqual(['service', 'strategy']);
    expect(schema.properties.strategy).toMatchObject({ minProperties: 1, maxProperties: 1 });
    expect(schema.properties.replicas.default).toBe(1);
  });

  it('should accept durations as text or seconds', () => {
    const text = JSON.stringify(planJsonSchema());
    expect(text).toContain('"pattern":"^(\\\\d+(?:\\\\.\\\\d+)?)(ms|s|m|h)$"');
  });
});
