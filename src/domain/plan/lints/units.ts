import { implausibleThreshold, unitOf, UNITS_OF_METRIC } from '../../analysis/units';
import { problem } from '../rules/context';
import type { Rule } from '../rules/context';

const NUMBER = /(?<![\w.])-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/g;
const SECONDS_QUERY = /_seconds(?:_bucket|_sum|_count)?\b/;

/**
 * Gates whose thresholds do not fit the unit they judge in: a unit that is not one of the metric's,
 * a latency bound of 400 on a gate that judges seconds, 0.5 on one that judges milliseconds, an
 * error rate of 5 as a ratio, or a latency query over a `_seconds` histogram judged in ms.
 */
export const thresholdsFitUnit: Rule = (context) => {
  const diagnostics: ReturnType<Rule> = [];
  context.plan.analysis.forEach((gate, index) => {
    const allowed = UNITS_OF_METRIC[gate.metric];
    if (gate.unit !== undefined && !allowed.includes(gate.unit)) {
      diagnostics.push(problem(context, 'error', 'lint.unitMismatch', ['analysis', index, 'unit'], `${gate.metric} is measured in ${allowed.join(' or ')}, not ${gate.unit}`, {
        fix: { message: `Use unit: ${allowed[0] ?? 'ratio'}`, replacement: allowed[0] ?? 'ratio' },
      }));
      return;
    }
    for (const field of ['successCondition', 'failureCondition'] as const) {
      const condition = gate[field];
      if (condition === undefined) continue;
      const implausible = [...condition.matchAll(NUMBER)].map((match) => implausibleThreshold(Number(match[0]), gate)).find((reason) => reason !== undefined);
      if (implausible) diagnostics.push(problem(context, 'warning', 'lint.implausibleThreshold', ['analysis', index, field], implausible));
    }
    const query = gate.provider?.prometheus?.query;
    if (query !== undefined && gate.metric.startsWith('latency') && unitOf(gate) === 'ms' && SECONDS_QUERY.test(query)) {
      diagnostics.push(problem(context, 'warning', 'lint.unitMismatch', ['analysis', index, gate.unit === undefined ? 'metric' : 'unit'], `the Prometheus query reads a _seconds metric, but the gate judges milliseconds: declare unit: s so simulations and real runs agree`));
    }
  });
  return diagnostics;
};
