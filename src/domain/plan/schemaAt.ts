import { z } from 'zod';
import type { PlanPath } from './diagnostics';
import { duration, intOrPercent } from './schema';

/**
 * The zod schema that describes the value at `path`, seen through optional, default, pipe and
 * union wrappers. Used to word messages ("a whole number") and to list the keys a map allows.
 *
 * @example
 *   schemaAt(plan, ['strategy', 'canary', 'maxWeight']); // the percent schema
 */
export function schemaAt(root: z.ZodType, path: PlanPath): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(root);
  for (const segment of path) {
    if (!current) return undefined;
    current = unwrap(child(current, segment));
  }
  return current;
}

/** The keys an object schema allows, in declaration order; empty for anything else. */
export function keysOf(schema: z.ZodType | undefined): string[] {
  const inner = schema && unwrap(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/** What a schema expects, as a user would say it: "a whole number", "a map", "true or false". */
export function expectedText(schema: z.ZodType | undefined, fallback: string): string {
  const inner = schema && unwrap(schema);
  // A field's own description ("When, from the start of the run") says why, not what to write.
  if (inner instanceof z.ZodPipe && inner.in === duration.in) return 'a duration such as 30s, 5m, 1h or 250ms, or a number of seconds';
  if (inner === intOrPercent) return 'a count like 2 or a percentage like "25%"';
  if (inner instanceof z.ZodNumber) return inner.format === 'safeint' || inner.format === 'int32' ? 'a whole number' : 'a number';
  if (inner instanceof z.ZodString) return 'a string';
  if (inner instanceof z.ZodBoolean) return 'true or false';
  if (inner instanceof z.ZodArray) return 'a list';
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord) return 'a map';
  if (inner instanceof z.ZodEnum) return `one of ${inner.options.join(', ')}`;
  const description = inner?.description ?? schema?.description;
  if (description) return `${description.charAt(0).toLowerCase()}${description.slice(1)}`;
  return fallback;
}

function child(schema: z.ZodType, segment: string | number): z.ZodType | undefined {
  if (schema instanceof z.ZodObject) return typeof segment === 'string' ? (schema.shape as Record<string, z.ZodType>)[segment] : undefined;
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType;
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  if (schema instanceof z.ZodUnion) {
    for (const option of schema.options as readonly z.ZodType[]) {
      const found = unwrap(child(unwrap(option) ?? option, segment));
      if (found) return found;
    }
  }
  return undefined;
}

/** Looks through wrappers that do not change what the user writes. Keeps a described union (duration) whole. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (let guard = 0; current && guard < 20; guard += 1) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      if (current.description) return current;
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
  return current;
}
