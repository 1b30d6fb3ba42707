import type { HeaderMatch } from '../../domain/plan/schema';
import type { Weights } from '../../domain/strategies/effects';

/** A Gateway API HTTPRoute backendRef, as much of it as a release reads. */
export interface BackendRef {
  name: string;
  port?: number;
  weight?: number;
  [key: string]: unknown;
}

/** An HTTPRoute rule: its matches, filters and backendRefs; other fields pass through untouched. */
export interface RouteRule {
  matches?: unknown[];
  filters?: unknown[];
  backendRefs?: BackendRef[];
  [key: string]: unknown;
}

export interface RouteSplit {
  weights: Weights;
  /** Requests matching any go to the canary whatever the weights (A/B). */
  headerRoutes?: readonly HeaderMatch[];
  /** Percent of the stable Service's requests copied to the canary, responses dropped (shadow). */
  mirrorPercent?: number;
}

export interface RouteNames {
  stable: string;
  canary: string;
}

/**
 * A route's rules for one split, from the rules as the user wrote them: every rule that sends to
 * the stable Service splits its backendRef between it and the canary's by weight (and, for a
 * shadow, copies a share to the canary with a RequestMirror filter); each header or cookie match
 * becomes, for each such rule, a rule of its own before the others that sends the requests it
 * would have taken, when they carry the header, to the canary alone. Rules that do not
 * send to the stable Service are kept as they are. With weights 100/0 and nothing else, the
 * canary's backendRef is dropped.
 *
 * @example
 * routeRules([{ backendRefs: [{ name: 'demo', port: 80 }] }], { weights: { stable: 80, candidate: 20 } }, { stable: 'demo', canary: 'demo-canary' });
 * // [{ backendRefs: [{ name: 'demo', port: 80, weight: 80 }, { name: 'demo-canary', port: 80, weight: 20 }] }]
 */
export function routeRules(original: readonly RouteRule[], split: RouteSplit, names: RouteNames): RouteRule[] {
  const template = original.flatMap((rule) => rule.backendRefs ?? []).find((ref) => ref.name === names.stable) ?? { name: names.stable };
  const mirror = split.mirrorPercent ?? 0;
  const weighted = original.map((rule): RouteRule => {
    const refs = rule.backendRefs ?? [];
    if (!refs.some((ref) => ref.name === names.stable)) return rule;
    const others = refs.filter((ref) => ref.name !== names.stable && ref.name !== names.canary);
    const stable = refs.find((ref) => ref.name === names.stable) ?? template;
    const toCanary = split.weights.candidate > 0 ? [{ ...template, name: names.canary, weight: split.weights.candidate }] : [];
    const filters = [...(rule.filters ?? []).filter((filter) => (filter as { type?: string }).type !== 'RequestMirror'), ...(mirror > 0 ? [mirrorFilter(template, names.canary, mirror)] : [])];
    const { filters: _dropped, ...rest } = rule;
    return { ...rest, ...(filters.length > 0 ? { filters } : {}), backendRefs: [...others, { ...stable, weight: split.weights.stable }, ...toCanary] };
  });
  const headers = (split.headerRoutes ?? []).flatMap((match) => original.filter((rule) => sendsTo(rule, names.stable)).map((rule) => headerRule(rule, match, template, names.canary)));
  return [...headers, ...weighted];
}

function sendsTo(rule: RouteRule, service: string): boolean {
  return (rule.backendRefs ?? []).some((ref) => ref.name === service);
}

/**
 * The rule that sends a header match to the canary alone: the stable rule's own matches (path,
 * method, query) each with the header conditions added, so only requests the stable rule took
 * and that carry the header move; its filters other than a mirror are kept.
 */
function headerRule(rule: RouteRule, match: HeaderMatch, template: BackendRef, canary: string): RouteRule {
  const extra = headerMatches(match);
  const matches = (rule.matches && rule.matches.length > 0 ? rule.matches : [{}]).map((found) => {
    const own = found as { headers?: unknown[] };
    return { ...own, headers: [...(own.headers ?? []), ...extra] };
  });
  const filters = (rule.filters ?? []).filter((filter) => (filter as { type?: string }).type !== 'RequestMirror');
  return { matches, ...(filters.length > 0 ? { filters } : {}), backendRefs: [{ ...template, name: canary, weight: 1 }] };
}

function mirrorFilter(template: BackendRef, canary: string, percent: number): Record<string, unknown> {
  const backendRef: Record<string, unknown> = { name: canary, ...(template.port === undefined ? {} : { port: template.port }) };
  return { type: 'RequestMirror', requestMirror: { backendRef, ...(percent < 100 ? { percent } : {}) } };
}

/** A plan's header and cookie matches as HTTPRoute header matches (a cookie as a regular expression on the Cookie header, as Flagger writes it). */
export function headerMatches(match: HeaderMatch): { type: 'Exact' | 'RegularExpression'; name: string; value: string }[] {
  const headers = Object.entries(match.headers ?? {}).map(([name, value]) =>
    value.exact !== undefined ? { type: 'Exact' as const, name, value: value.exact } : { type: 'RegularExpression' as const, name, value: value.regex ?? `^${escapeRegex(value.prefix ?? '')}.*` },
  );
  const cookies = Object.entries(match.cookie ?? {}).map(([name, value]) => ({ type: 'RegularExpression' as const, name: 'Cookie', value: `(^|;\\s*)${escapeRegex(name)}=${value.exact !== undefined ? escapeRegex(value.exact) : (value.regex ?? '.*')}(;|$)` }));
  return [...headers, ...cookies];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
