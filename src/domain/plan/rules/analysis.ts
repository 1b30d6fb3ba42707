import { parseCondition } from '../../analysis/condition';
import { analysisRefsOf } from '../analysisRefs';
import type { AnalysisGate } from '../schema';
import { suggest } from '../suggest';
import { problem } from './context';
import type { Rule } from './context';

/** A reference to a gate that does not exist would make the release wait on nothing. */
export const analysisTemplatesExist: Rule = (context) => {
  const defined = new Set(context.plan.analysis.map((gate) => gate.name));
  const names = [...defined];
  // One suggestion per misspelt name, however often the plan names it.
  const suggestions = new Map<string, string | undefined>();
  return analysisRefsOf(context.plan).flatMap((site) =>
    site.ref.templates.flatMap((name, index) => {
      if (defined.has(name)) return [];
      if (!suggestions.has(name)) suggestions.set(name, suggest(name, names));
      const suggestion = suggestions.get(name);
      const known = names.length === 0 ? 'the plan defines no gates under "analysis:"' : `known gates: ${names.join(', ')}`;
      const detail = suggestion ? `no gate named "${name}" under analysis; did you mean "${suggestion}"?` : `no gate named "${name}" under analysis; ${known}`;
      return [
        problem(context, 'error', 'plan.unknownGate', [...site.path, 'templates', index], detail, {
          ...(suggestion ? { fix: { message: `Use "${suggestion}"`, replacement: suggestion } } : {}),
        }),
      ];
    }),
  );
};

export const gateNamesUnique: Rule = (context) => {
  const seen = new Map<string, number>();
  return context.plan.analysis.flatMap((gate, index) => {
    const first = seen.get(gate.name);
    if (first === undefined) {
      seen.set(gate.name, index);
      return [];
    }
    return [problem(context, 'error', 'plan.duplicateGate', ['analysis', index, 'name'], `"${gate.name}" is already the name of analysis[${first}]; gate names must be unique`)];
  });
};

export const gateHasCondition: Rule = (context) =>
  context.plan.analysis.flatMap((gate, index) =>
    gate.successCondition === undefined && gate.failureCondition === undefined
      ? [
          problem(context, 'error', 'plan.gateCondition', ['analysis', index], `gate "${gate.name}" needs a successCondition or a failureCondition`, {
            fix: { message: 'Add a failure condition', replacement: 'failureCondition: result >= 0.05' },
          }),
        ]
      : [],
  );

export const gateConditionsParse: Rule = (context) =>
  context.plan.analysis.flatMap((gate, index) =>
    (['successCondition', 'failureCondition'] as const).flatMap((field) => {
      const condition = gate[field];
      if (condition === undefined) return [];
      const parsed = parseCondition(condition);
      if (parsed.ok) return [];
      const path = ['analysis', index, field];
      return [
        problem(context, 'error', 'plan.condition', path, `${parsed.error} (column ${parsed.column} of "${condition}")`, {
          range: context.source.rangeInString(path, parsed.column, parsed.column + 1),
        }),
      ];
    }),
  );

/** A gate run to completion must know when it is complete; a gate without count only ever runs in the background. */
export const runGatesHaveCount: Rule = (context) => {
  const gates = new Map<string, AnalysisGate>();
  for (const gate of context.plan.analysis) if (!gates.has(gate.name)) gates.set(gate.name, gate);
  return analysisRefsOf(context.plan)
    .filter((site) => site.mode === 'run')
    .flatMap((site) =>
      site.ref.templates.flatMap((name, index) => {
        const gate = gates.get(name);
        if (!gate || gate.count !== undefined) return [];
        return [
          problem(context, 'error', 'plan.gateCount', [...site.path, 'templates', index], `gate "${name}" has no count, so it would never finish here; give it a count (e.g. count: 3) or run it as background analysis`),
        ];
      }),
    );
};
