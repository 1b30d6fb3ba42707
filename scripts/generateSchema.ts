/**
 * Writes schema/release-plan.schema.json from the zod schema. Node 20 cannot run TypeScript, so
 * this is bundled first:
 *
 *   npx esbuild scripts/generateSchema.ts --bundle --platform=node --log-level=warning | node
 *
 * (the `npm run schema` script). Run from the repository root.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PLAN_SCHEMA_FILE, renderPlanJsonSchema } from '../src/domain/plan/jsonSchema';

const target = resolve(process.cwd(), PLAN_SCHEMA_FILE);
writeFileSync(target, renderPlanJsonSchema());
process.stdout.write(`wrote ${PLAN_SCHEMA_FILE}\n`);
