import type { Plan } from '../plan/schema';
import { analysisRefsOf } from '../plan/analysisRefs';
import type { BoundName, TuneBounds } from './bounds';
import { durationText } from '../plan/durationText';

/** A path into the plan's YAML, as `yaml`'s Document.setIn takes it. */
export type YamlPath = readonly (string | number)[];

/**
 * One setting the tuner may move: where it is in the plan, what it is now, which bound holds it,
 * and how a value is written back.
 */
export interface Knob {
  /** "error-rate interval", "step 2 pause", "abTest iterations". */
  label: string;
  path: YamlPath;
  bound: BoundName;
  /** The value as the plan has it: ms for a duration, the number for a count or a condition. */
  current: number;
  /** The lowest and highest value the bounds allow (a condition's are factors of `current`). */
  min: number;
  max: number;
  /** Candidate values next to `value`, inside [min, max], never `value` itself. */
  neighbours(value: number): number[];
  /** The value as the plan's YAML should say it: "45s", 3, "result < 0.02". */
  write(value: number): string | number;
  /** The value in words for the tuner's table: "45s", "3", "< 0.02". */
  show(value: number): string;
}

const within = (values: readonly number[], min: number, max: number, value: number): number[] =>
  [...new Set(values.map((v) => Math.min(max, Math.max(min, v))))].filter((v) => v !== value);

/** Halve or double a duration, in whole seconds once it is a second or more. */
function durationKnob(label: string, path: YamlPath, bound: 'interval' | 'pause', current: number, bounds: TuneBounds, asSeconds = false): Knob {
  const { min, max } = bounds[bound];
  const round = (ms: number): number => (ms >= 1000 ? Math.round(ms / 1000) * 1000 : Math.round(ms));
  return {
    label,
    path,
    bound,
    current,
    min,
    max,
    neighbours: (value) => within(bound === 'pause' ? [round(value / 2), round(value * 2), 0] : [round(value / 2), round(value * 2)], min, max, value),
    write: (value) => (asSeconds ? Math.round(value / 1000) : durationText(value)),
    show: (value) => durationText(value),
  };
}

function countKnob(label: string, path: YamlPath, bound: 'count' | 'failureLimit' | 'iterations', current: number, bounds: TuneBounds): Knob {
  const { min, max } = bounds[bound];
  return { label, path, bound, current, min, max, neighbours: (value) => within([value - 1, value + 1], min, max, value), write: (value) => value, show: (value) => String(value) };
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e-?\d+)?/gi;

/** A condition with exactly one number ("result < 0.01"): that number, moved by halves and doubles within its bounds. */
function conditionKnob(label: string, path: YamlPath, condition: string, bounds: TuneBounds): Knob | undefined {
  const numbers = condition.match(NUMBER) ?? [];
  if (numbers.length !== 1) return undefined;
  const current = Number(numbers[0]);
  if (!(current > 0)) return undefined;
  const min = current * bounds.threshold.min;
  const max = current * bounds.threshold.max;
  const clean = (value: number): number => Number(value.toPrecision(3));
  const write = (value: number): string => condition.replace(NUMBER, String(clean(value)));
  return {
    label,
    path,
    bound: 'threshold',
    current,
    min,
    max,
    neighbours: (value) => within([clean(value / 2), clean(value * 2), clean(value * 0.75), clean(value * 1.5)], min, max, value),
    write,
    show: (value) => write(value).replace(/^\s*result\s*/, ''),
  };
}

/**
 * Every setting of a plan the tuner may move: for each gate a step or phase runs, its interval,
 * count, failure limit and the number in its conditions; each timed pause; and the timing of
 * rolling batches, blue-green promotion, A/B tests and shadows.
 *
 * @example
 * knobsOf(canaryPlan, DEFAULT_BOUNDS).map((knob) => knob.label);
 * // ["error-rate interval", "error-rate count", "error-rate failureLimit", "error-rate success", ..., "step 2 pause"]
 */
export function knobsOf(plan: Plan, bounds: TuneBounds): Knob[] {
  const used = new Set(analysisRefsOf(plan).flatMap((site) => site.ref.templates));
  const knobs: Knob[] = [];
  for (const [index, gate] of plan.analysis.entries()) {
    if (!used.has(gate.name)) continue;
    const at = (key: string): YamlPath => ['analysis', index, key];
    knobs.push(durationKnob(`${gate.name} interval`, at('interval'), 'interval', gate.interval, bounds));
    if (gate.count !== undefined) knobs.push(countKnob(`${gate.name} count`, at('count'), 'count', gate.count, bounds));
    knobs.push(countKnob(`${gate.name} failureLimit`, at('failureLimit'), 'failureLimit', gate.failureLimit, bounds));
    for (const key of ['successCondition', 'failureCondition'] as const) {
      const condition = gate[key];
      const knob = condition === undefined ? undefined : conditionKnob(`${gate.name} ${key === 'successCondition' ? 'success' : 'failure'}`, at(key), condition, bounds);
      if (knob) knobs.push(knob);
    }
  }
  const { canary, rolling, blueGreen, abTest, shadow } = plan.strategy;
  for (const [index, step] of (canary?.steps ?? []).entries()) {
    const pause = step.pause?.duration;
    if (pause !== undefined) knobs.push(durationKnob(`step ${index + 1} pause`, ['strategy', 'canary', 'steps', index, 'pause', 'duration'], 'pause', pause, bounds));
  }
  if (rolling?.pauseBetweenBatches !== undefined) knobs.push(durationKnob('pause between batches', ['strategy', 'rolling', 'pauseBetweenBatches'], 'pause', rolling.pauseBetweenBatches, bounds));
  if (blueGreen?.autoPromotionEnabled && blueGreen.autoPromotionSeconds !== undefined) {
    knobs.push(durationKnob('autoPromotionSeconds', ['strategy', 'blueGreen', 'autoPromotionSeconds'], 'pause', blueGreen.autoPromotionSeconds * 1000, bounds, true));
  }
  for (const [kind, strategy] of [['abTest', abTest], ['shadow', shadow]] as const) {
    if (!strategy) continue;
    knobs.push(countKnob(`${kind} iterations`, ['strategy', kind, 'iterations'], 'iterations', strategy.iterations, bounds));
    knobs.push(durationKnob(`${kind} interval`, ['strategy', kind, 'interval'], 'interval', strategy.interval, bounds));
  }
  return knobs;
}
