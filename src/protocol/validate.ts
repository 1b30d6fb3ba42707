/**
 * A few composable checks for plain JSON, enough to validate our messages without shipping a
 * schema library in the webview bundle. A check returns the first problem as a path, or null.
 */
export type Check = (value: unknown, path: string) => string | null;

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const str: Check = (value, path) => (typeof value === 'string' ? null : `${path}: expected a string`);
export const num: Check = (value, path) => (typeof value === 'number' && Number.isFinite(value) ? null : `${path}: expected a finite number`);
/** A finite number in `min..max` (either end open when omitted). */
export function numIn(min = -Infinity, max = Infinity): Check {
  const range = max === Infinity ? `>= ${min}` : `${min}..${max}`;
  return (value, path) => num(value, path) ?? ((value as number) >= min && (value as number) <= max ? null : `${path}: expected a number ${range}`);
}

/** A whole number >= 0: a count, an index, a sequence number. */
export const count: Check = (value, path) => (Number.isInteger(value) && (value as number) >= 0 ? null : `${path}: expected a whole number >= 0`);

export const bool: Check = (value, path) => (typeof value === 'boolean' ? null : `${path}: expected a boolean`);

export function oneOf(options: readonly unknown[]): Check {
  return (value, path) => (options.includes(value) ? null : `${path}: expected one of ${options.join(', ')}`);
}

export function nullable(check: Check): Check {
  return (value, path) => (value === null ? null : check(value, path));
}

export function optional(check: Check): Check {
  return (value, path) => (value === undefined ? null : check(value, path));
}

export function arrayOf(check: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path}: expected an array`;
    for (let index = 0; index < value.length; index += 1) {
      const problem = check(value[index], `${path}[${index}]`);
      if (problem) return problem;
    }
    return null;
  };
}

/** Every listed key must pass; unlisted keys are tolerated so an older webview survives a newer host. */
export function shape(fields: Record<string, Check>): Check {
  return (value, path) => {
    if (!isRecord(value)) return `${path}: expected an object`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(value[key], `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  };
}

/** A check for every field of `T`, optional ones included. */
export type FieldChecks<T> = { readonly [K in keyof T]-?: Check };

/**
 * `shape` for a type: the fields must name every key of `T` and no other, so a field added to the
 * type without a check is a compile error rather than a message the guard lets through unseen.
 *
 * @example
 * const point = shapeOf<SeriesPoint>({ t: numIn(0), value: num });
 * shapeOf<SeriesPoint>({ t: numIn(0) }); // does not compile: `value` has no check
 */
export function shapeOf<T>(fields: FieldChecks<T>): Check {
  return shape(fields);
}

/** A field a guard leaves alone on purpose (another check covers it, or none is worth it): said, not forgotten. */
export const unchecked: Check = () => null;

export function recordOf(keys: readonly string[], check: Check): Check {
  return shape(Object.fromEntries(keys.map((key) => [key, check])));
}
