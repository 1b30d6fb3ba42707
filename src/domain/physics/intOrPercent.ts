/**
 * Kubernetes' IntOrString, resolved against a total the way each controller does it.
 *
 * The two controllers disagree on one input, and we follow each:
 * - Kubernetes (`intstr.GetScaledValueFromIntOrPercent`, used by the Deployment controller since
 *   the legacy parser was deprecated) accepts a number, or a string that ends in `%`. A bare
 *   numeric string such as `"25"` is an error, and API validation rejects it before that.
 * - Argo Rollouts (`intstr.GetValueFromIntOrPercent`, the legacy parser) removes every `%` and
 *   reads any string as a percentage, so `"25"` means 25 %. Argo's own defaults for maxSurge and
 *   maxUnavailable are written that way (`"25"`).
 */

/** A count (`2`) or a percentage (`"25%"`), as in a Kubernetes manifest. */
export type IntOrString = number | string;

/** A resolved value, or the reason it could not be resolved (a value, never an exception). */
/** A scaled value, or why there is none; as upstream, the value of an error is 0. */
export type Scaled = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string; readonly value: 0 };

const NIL: Scaled = { ok: false, error: 'nil value for IntOrString', value: 0 };

// Go's strconv.Atoi: optional sign, decimal digits, nothing else (no spaces, no fractions).
const GO_ATOI = /^[+-]?\d+$/;

function parsePercentString(raw: string, text: string): Scaled {
  if (!GO_ATOI.test(text)) return { ok: false, error: `invalid value for IntOrString: invalid value "${raw}": not a whole number`, value: 0 };
  return { ok: true, value: Number.parseInt(text, 10) };
}

function scale(percent: number, total: number, roundUp: boolean): number {
  // Same order of operations as the Go code: (value * total) / 100, then ceil or floor.
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function fromNumber(value: number): Scaled {
  if (!Number.isInteger(value)) return { ok: false, error: `invalid value for IntOrString: ${value} is not a whole number`, value: 0 };
  return { ok: true, value };
}

/**
 * Resolves a count or percentage against `total` with Kubernetes' strict rules
 * (`intstr.GetScaledValueFromIntOrPercent`). Percentages round up when `roundUp`, else down; a
 * number is returned as it is, whatever the total.
 *
 * @example
 * getScaledValueFromIntOrPercent('25%', 10, true);  // { ok: true, value: 3 }  (2.5 rounds up)
 * getScaledValueFromIntOrPercent('25%', 10, false); // { ok: true, value: 2 }  (2.5 rounds down)
 * getScaledValueFromIntOrPercent(4, 10, false);     // { ok: true, value: 4 }
 * getScaledValueFromIntOrPercent('25', 10, true);   // { ok: false, error: '... "25" is not a percentage; write "25%" ...', value: 0 }
 * getScaledValueFromIntOrPercent(undefined, 10, true); // { ok: false, error: 'nil value for IntOrString', value: 0 }
 */
export function getScaledValueFromIntOrPercent(intOrPercent: IntOrString | undefined, total: number, roundUp: boolean): Scaled {
  if (intOrPercent === undefined) return NIL;
  if (typeof intOrPercent === 'number') return fromNumber(intOrPercent);
  if (!intOrPercent.endsWith('%')) {
    return { ok: false, error: `invalid value for IntOrString: "${intOrPercent}" is not a percentage; write "${intOrPercent}%" or the number ${intOrPercent}`, value: 0 };
  }
  const parsed = parsePercentString(intOrPercent, intOrPercent.slice(0, -1));
  return parsed.ok ? { ok: true, value: scale(parsed.value, total, roundUp) } : parsed;
}

/**
 * Resolves a count or percentage with the legacy, lenient rules Argo Rollouts uses
 * (`intstr.GetValueFromIntOrPercent`): every `%` is removed and any string is a percentage.
 *
 * @example
 * getValueFromIntOrPercent('25', 10, true);  // { ok: true, value: 3 }  ("25" is 25 % here)
 * getValueFromIntOrPercent('25%', 10, true); // { ok: true, value: 3 }
 * getValueFromIntOrPercent(2, 10, true);     // { ok: true, value: 2 }
 */
export function getValueFromIntOrPercent(intOrPercent: IntOrString | undefined, total: number, roundUp: boolean): Scaled {
  if (intOrPercent === undefined) return NIL;
  if (typeof intOrPercent === 'number') return fromNumber(intOrPercent);
  const parsed = parsePercentString(intOrPercent, intOrPercent.replaceAll('%', ''));
  return parsed.ok ? { ok: true, value: scale(parsed.value, total, roundUp) } : parsed;
}

/**
 * Rounds half away from zero, like `integer.RoundToInt32` in k8s.io/utils (JavaScript's
 * Math.round rounds -2.5 to -2; this gives -3).
 *
 * @example
 * roundToInt32(2.5);  // 3
 * roundToInt32(-2.5); // -3
 */
export function roundToInt32(value: number): number {
  return value < 0 ? Math.trunc(value - 0.5) : Math.trunc(value + 0.5);
}
