/**
 * The numbers Kubernetes controllers read from text: Go durations (`time.ParseDuration`, as Argo
 * Rollouts and Flagger read `interval`, `duration` and pause lengths) and IntOrString counts.
 */

const GO_DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
const SECONDS_PER_UNIT: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * Seconds in a Go duration string, or undefined when it is not one. A bare number is seconds, as
 * Argo Rollouts reads a pause's `duration: "30"`.
 *
 * @example
 * goDurationSeconds('1m30s'); // 90
 * goDurationSeconds('250ms'); // 0.25
 * goDurationSeconds('30');    // 30
 * goDurationSeconds('5 min'); // undefined
 */
export function goDurationSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  let seconds = 0;
  GO_DURATION_PART.lastIndex = 0;
  let matched = 0;
  while (GO_DURATION_PART.lastIndex < trimmed.length) {
    const start = GO_DURATION_PART.lastIndex;
    const part = GO_DURATION_PART.exec(trimmed);
    if (!part || part.index !== start) return undefined;
    seconds += Number(part[1]) * (SECONDS_PER_UNIT[part[2] ?? 's'] ?? 1);
    matched += 1;
  }
  return matched > 0 ? roundSeconds(seconds) : undefined;
}

/** Milliseconds are the finest step a plan keeps; this drops float noise such as 0.30000000000000004. */
function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * An IntOrString count written as a number or as digits (`count: "3"`, the result of `{{args.count}}`).
 *
 * @example
 * integerOf(3);     // 3
 * integerOf('3');   // 3
 * integerOf('25%'); // undefined
 */
export function integerOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/**
 * Argo Rollouts' reading of maxSurge and maxUnavailable as a plan writes them: a count stays a
 * count, `"25%"` stays, and a bare string of digits is a percentage (Argo reads any string
 * as one: `"25"` means 25 %).
 *
 * @example
 * argoIntOrPercent(1);      // 1
 * argoIntOrPercent('25%');  // '25%'
 * argoIntOrPercent('25');   // '25%'
 * argoIntOrPercent('many'); // undefined
 */
export function argoIntOrPercent(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (/^\d+%$/.test(trimmed)) return trimmed;
  if (/^\d+$/.test(trimmed)) return `${trimmed}%`;
  return undefined;
}

/**
 * Kubernetes' reading of a Deployment's maxSurge and maxUnavailable: a count, or a string that
 * must end in `%` (the API server refuses `"25"`).
 *
 * @example
 * kubernetesIntOrPercent('25%'); // '25%'
 * kubernetesIntOrPercent('25');  // undefined
 */
export function kubernetesIntOrPercent(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  return typeof value === 'string' && /^\d+%$/.test(value.trim()) ? value.trim() : undefined;
}
