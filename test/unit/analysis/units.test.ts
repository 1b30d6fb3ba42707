import { describe, expect, it } from 'vitest';
import { implausibleThreshold, toGateUnit, unitOf } from '../../../src/domain/analysis/units';
import { parsePlan } from '../../../src/domain/plan/parse';
import { simulate } from '../../../src/domain/simulator/simulate';
import { playgroundPlans, playgroundPorts } from '../../../src/runner/playground/files';

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;
const gatePlan = (...gateLines: string[]) =>
  yaml('service: checkout', 'strategy:', '  recreate: { analysis: { templates: [latency] } }', 'analysis:', '  - name: latency', ...gateLines.map((line) => `    ${line}`));

describe('gate units', () => {
  it.each([
    { name: 'latency in ms by default', gate: { metric: 'latencyP99' as const }, model: 62, judged: 62 },
    { name: 'latency in seconds when declared', gate: { metric: 'latencyP99' as const, unit: 's' as const }, model: 62, judged: 0.062 },
    { name: 'error rate as a ratio by default', gate: { metric: 'errorRate' as const }, model: 0.012, judged: 0.012 },
    { name: 'error rate in percent when declared', gate: { metric: 'errorRate' as const, unit: 'percent' as const }, model: 0.012, judged: 1.2 },
  ])('should judge $name', ({ gate, model, judged }) => {
    expect(toGateUnit(model, gate)).toBeCloseTo(judged, 10);
  });

  it('should default each built-in metric to the unit the simulator speaks', () => {
    expect([unitOf({ metric: 'errorRate' }), unitOf({ metric: 'latencyP50' }), unitOf({ metric: 'requestRate' })]).toEqual(['ratio', 'ms', 'rps']);
  });

  it.each([
    { name: 'a latency bound of 400 on a gate that judges seconds', value: 400, gate: { metric: 'latencyP99' as const, unit: 's' as const }, flagged: /looks like milliseconds/ },
    { name: 'a latency bound of 0.5 on a gate that judges ms', value: 0.5, gate: { metric: 'latencyP99' as const }, flagged: /looks like seconds/ },
    { name: 'an error rate of 5 as a ratio', value: 5, gate: { metric: 'errorRate' as const }, flagged: /looks like percent/ },
  ])('should flag $name', ({ value, gate, flagged }) => {
    expect(implausibleThreshold(value, gate)).toMatch(flagged);
  });

  it.each([
    { value: 0.5, gate: { metric: 'latencyP99' as const, unit: 's' as const } },
    { value: 400, gate: { metric: 'latencyP99' as const } },
    { value: 0.05, gate: { metric: 'errorRate' as const } },
    { value: 5, gate: { metric: 'errorRate' as const, unit: 'percent' as const } },
  ])('should accept $value for $gate.metric in $gate.unit', ({ value, gate }) => {
    expect(implausibleThreshold(value, gate)).toBeUndefined();
  });

  it('should warn on the condition line when the threshold does not fit the unit', () => {
    const parsed = parsePlan(gatePlan('metric: latencyP99', 'unit: s', 'failureCondition: result >= 400'));
    const warning = parsed.diagnostics.find((d) => d.code === 'lint.implausibleThreshold');
    expect(warning?.message).toBe('analysis[0].failureCondition: 400 s is not a plausible latency bound; it looks like milliseconds (declare unit: ms, or write it in seconds)');
    expect(warning?.range.start.line).toBe(8);
  });

  it('should warn when a latency query reads a _seconds histogram and the gate judges ms', () => {
    const parsed = parsePlan(gatePlan('metric: latencyP99', 'failureCondition: result >= 500', 'provider: { prometheus: { address: "http://127.0.0.1:9090", query: "histogram_quantile(0.99, sum by (le)(rate(http_request_duration_seconds_bucket[1m])))" } }'));
    expect(parsed.diagnostics.map((d) => d.message)).toContain('analysis[0].metric: the Prometheus query reads a _seconds metric, but the gate judges milliseconds: declare unit: s so simulations and real runs agree');
  });

  it('should refuse a unit the metric is not measured in', () => {
    const parsed = parsePlan(gatePlan('metric: errorRate', 'unit: ms', 'failureCondition: result >= 0.05'));
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics.map((d) => d.message)).toContain('analysis[0].unit: errorRate is measured in ratio or percent, not ms');
  });
});

describe("the playground's plans", () => {
  const plans = playgroundPlans('/tmp/switchyard-playground-units', '/opt/demoService.mjs', playgroundPorts(20_000), 'nginx');
  const parsed = Object.fromEntries(
    Object.entries(plans).map(([name, text]) => {
      const result = parsePlan(text);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.diagnostics)}`);
      return [name, result];
    }),
  );

  it('should lint without a unit warning', () => {
    for (const result of Object.values(parsed)) expect(result.diagnostics.filter((d) => d.code?.startsWith('lint.unit') || d.code === 'lint.implausibleThreshold')).toEqual([]);
  });

  it.each([
    ['canary', 'promoted'],
    ['blue-green', 'promoted'],
    ['canary-bad', 'rolledBack'],
    ['shadow-bad', 'rolledBack'],
  ])('should simulate %s as %s', (name, outcome) => {
    const result = parsed[name];
    if (!result?.ok) throw new Error(`no plan ${name}`);
    const scenario = name.endsWith('-bad') ? 'bad-version' : 'good-version';
    expect(simulate(result.plan, { scenario, seed: 1 }).outcome).toBe(outcome);
  });
});
