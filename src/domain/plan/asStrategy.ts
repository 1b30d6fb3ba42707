import { parseDocument } from 'yaml';
import { hasRehearsal, rehearsalOf } from '../strategies/profiles';
import type { RehearsalKind } from '../strategies/profiles';
import { engineCanRun } from './rules/strategies';
import { STRATEGY_KINDS, strategy as strategySchema } from './schema';
import type { EngineSemantics, Plan } from './schema';
import { strategyKindOf } from './strategyKind';
import { validatePlan } from './validate';

/** Strategies any plan can be rehearsed as: those whose profile has a rehearsal, which needs nothing the plan may lack. */
export type AlternativeKind = RehearsalKind;

/** The kinds compare offers with `--as`, in the order of their profiles' `rehearsal.position`. */
export const ALTERNATIVE_KINDS: readonly AlternativeKind[] = STRATEGY_KINDS.filter(hasRehearsal).sort((a, b) => rehearsalOf(a).position - rehearsalOf(b).position);

export interface PlanAlternative {
  kind: AlternativeKind;
  engine: EngineSemantics;
  /** The `strategy:` block as a plan file writes it. */
  strategyInput: Record<string, unknown>;
  plan: Plan;
  /** What changed besides the strategy, for people ("engine kubernetes → argo-rollouts"). */
  notes: string[];
}

/** Which controller releases this kind for a team on `engine`: its own when it can, else the one that usually sits beside it. */
function engineFor(engine: EngineSemantics, kind: AlternativeKind): EngineSemantics {
  if (engineCanRun(engine, kind)) return engine;
  return rehearsalOf(kind).engine;
}

/** A plain strategy of each kind, gated by every gate the plan defines, in the engine's own style. */
function strategyInputFor(kind: AlternativeKind, engine: EngineSemantics, gates: string[]): Record<string, unknown> {
  return rehearsalOf(kind).settings(engine, gates.length > 0 ? { templates: gates } : undefined);
}

/**
 * The same service, replicas, gates, policy and scenarios released with another strategy, so the
 * two can be rehearsed side by side on the same scenario. Undefined when the plan already uses
 * that strategy or the result would not be a valid plan (its reason says why).
 *
 * @example
 * planAs(canaryPlan, 'rolling');
 * // { ok: true, value: { kind: 'rolling', engine: 'fleet', strategyInput: { maxSurge: '25%', maxUnavailable: 0, analysis: { templates: ['error-rate'] } }, ... } }
 */
export function planAs(plan: Plan, kind: AlternativeKind): { ok: true; value: PlanAlternative } | { ok: false; reason: string } {
  const current = strategyKindOf(plan);
  if (current === kind) return { ok: false, reason: `the plan is ${kind} already` };
  const engine = engineFor(plan.engine, kind);
  const strategyInput = strategyInputFor(kind, engine, plan.analysis.map((gate) => gate.name));
  const parsed = strategySchema.safeParse({ [kind]: strategyInput });
  if (!parsed.success) return { ok: false, reason: `no ${kind} strategy for this plan: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const alternative: Plan = { ...plan, engine, strategy: parsed.data };
  const errors = validatePlan(alternative).filter((diagnostic) => diagnostic.severity === 'error');
  if (errors[0]) return { ok: false, reason: `as ${kind}: ${errors[0].message}` };
  const notes = engine === plan.engine ? [] : [`engine ${plan.engine} → ${engine} (${plan.engine} cannot run ${kind})`];
  return { ok: true, value: { kind, engine, strategyInput, plan: alternative, notes } };
}

/** Every strategy this plan can be compared with, in ALTERNATIVE_KINDS order. */
export function planAlternatives(plan: Plan): PlanAlternative[] {
  return ALTERNATIVE_KINDS.flatMap((kind) => {
    const alternative = planAs(plan, kind);
    return alternative.ok ? [alternative.value] : [];
  });
}

/**
 * The plan file's text released as the alternative: comments and everything else kept, the
 * strategy (and the engine, when it had to change) replaced, a header saying where it came from.
 */
export function planTextAs(source: string, fileName: string, alternative: PlanAlternative): string {
  const document = parseDocument(source);
  document.set('strategy', { [alternative.kind]: alternative.strategyInput });
  if (alternative.notes.length > 0) document.set('engine', alternative.engine);
  const header = `# ${fileName} released as ${alternative.kind}, written by Switchyard's compare; save it to keep it.${alternative.notes.map((note) => `\n# ${note}`).join('')}\n`;
  return header + document.toString();
}
