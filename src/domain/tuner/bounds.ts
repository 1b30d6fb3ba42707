/**
 * How far the tuner may move each kind of setting. Durations in ms; `threshold` is a factor of
 * the condition's number as written (0.5..2: from half to twice it).
 */
export interface TuneBounds {
  interval: Range;
  count: Range;
  failureLimit: Range;
  threshold: Range;
  pause: Range;
  iterations: Range;
}

export interface Range {
  min: number;
  max: number;
}

export type BoundName = keyof TuneBounds;
export const BOUND_NAMES: readonly BoundName[] = ['interval', 'count', 'failureLimit', 'threshold', 'pause', 'iterations'];

/** What the tuner may do without being told: nothing a reviewer would call reckless. */
export const DEFAULT_BOUNDS: TuneBounds = {
  interval: { min: 5_000, max: 600_000 },
  count: { min: 1, max: 10 },
  failureLimit: { min: 0, max: 3 },
  threshold: { min: 0.5, max: 2 },
  pause: { min: 0, max: 3_600_000 },
  iterations: { min: 1, max: 30 },
};

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_BOUNDS = new Set<BoundName>(['interval', 'pause']);

function readValue(name: BoundName, text: string): number | undefined {
  if (DURATION_BOUNDS.has(name)) {
    const match = DURATION.exec(text.trim());
    return match ? Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000) : undefined;
  }
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * One `--bound NAME=MIN..MAX` on top of the bounds so far; an error says what is wrong.
 *
 * @example
 * withBound(DEFAULT_BOUNDS, 'interval=10s..2m'); // { ok: true, bounds: { ...interval: { min: 10000, max: 120000 } } }
 * withBound(DEFAULT_BOUNDS, 'count=3');          // { ok: false, error: 'expected NAME=MIN..MAX, e.g. count=1..5; got "count=3"' }
 */
export function withBound(bounds: TuneBounds, text: string): { ok: true; bounds: TuneBounds } | { ok: false; error: string } {
  const match = /^([A-Za-z]+)=(.*?)\.\.(.*)$/.exec(text);
  if (!match) return { ok: false, error: `expected NAME=MIN..MAX, e.g. count=1..5; got "${text}"` };
  const name = match[1] as BoundName;
  if (!BOUND_NAMES.includes(name)) return { ok: false, error: `no bound "${match[1]}": the bounds are ${BOUND_NAMES.join(', ')}` };
  const min = readValue(name, match[2] ?? '');
  const max = readValue(name, match[3] ?? '');
  const unit = DURATION_BOUNDS.has(name) ? 'a duration such as 10s or 5m' : 'a number';
  if (min === undefined || max === undefined) return { ok: false, error: `${name}: each end must be ${unit}; got "${match[2]}..${match[3]}"` };
  if (min > max) return { ok: false, error: `${name}: the minimum ${match[2]} is above the maximum ${match[3]}` };
  return { ok: true, bounds: { ...bounds, [name]: { min, max } } };
}
