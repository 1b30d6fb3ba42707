import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOf } from '../../../src/domain/run/events';
import { parsePlan } from '../../../src/domain/plan/parse';
import { simulate } from '../../../src/domain/simulator/simulate';
import { buildLiveView } from '../../../src/panel/liveView';
import { executeRun } from '../../../src/runner/execute';
import { journalOf } from '../../../src/runner/runs';
import { fakePorts } from './fakePorts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-kinds-'));
  process.env.SWITCHYARD_STATE_DIR = join(dir, 'runs');
  process.env.SWITCHYARD_LOCK_DIR = join(dir, 'locks');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parsed = parsePlan(`service: shop
version: v2
strategy:
  canary:
    steps: [{ setWeight: 50 }, { analysis: { templates: [errors] } }, { setWeight: 100 }]
analysis:
  - { name: errors, metric: errorRate, interval: 10ms, count: 2, failureCondition: result >= 0.05, consecutiveErrorLimit: 0 }
scenarios:
  bad-version: { faults: [{ at: 0, kind: metricsOutage, for: 1h }] }
`);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
const plan = parsed.plan;

describe('a real run journals the kinds a simulation writes', () => {
  it('should record confirmed routing as traffic.set and each gate\'s verdict as gate.result, which the panel reads', async () => {
    const report = await executeRun({ planFile: join(dir, 'shop.release.yaml'), plan, ports: fakePorts({ at: 'analysis.measure', times: 'once' }).ports, log: () => undefined });
    expect(report.outcome).toBe('rolledBack');
    const entries = journalOf(report.runDir ?? '');
    expect(allOf(entries, 'traffic.set').map((entry) => entry.data.weights.candidate)).toEqual([50, 0]);
    const results = allOf(entries, 'gate.result');
    expect(results.map((entry) => entry.data)).toEqual([{ gate: 'errors', role: 'candidate', phase: 'error' }]);
    // The same words a simulation of the same failure uses.
    const simulated = allOf(simulate(plan, { scenario: 'bad-version' }).events, 'gate.result')[0];
    expect(results[0]?.message.split(':')[0]).toBe(simulated?.message.split(':')[0]);

    const view = buildLiveView(plan, entries, { runDir: report.runDir ?? '', state: 'ended' });
    expect(view.traffic.weights).toEqual({ stable: 100, candidate: 0 });
    expect(view.gates.find((gate) => gate.name === 'errors')?.phase).toBe('error');
    expect(view.events.filter((event) => event.kind === 'gate.result')).toHaveLength(1);
    expect(view.outcome.figures.find((figure) => figure.key === 'timeToRestore')?.value).not.toBe('—');
  });
});

const measuredParse = parsePlan(`service: shop
version: v2
strategy:
  canary:
    steps: [{ setWeight: 50 }, { analysis: { templates: [errors] } }, { setWeight: 100 }]
analysis:
  - { name: errors, metric: errorRate, interval: 10ms, count: 2, successCondition: result < 0.05, failureCondition: result >= 0.05, failureLimit: 1 }
`);
if (!measuredParse.ok) throw new Error(JSON.stringify(measuredParse.diagnostics));
const measuredPlan = measuredParse.plan;

describe('a real run says why a gate measures again after a failed measurement', () => {
  it('should journal the limit that allowed it, in the words a simulation uses, and promote when the next one passes', async () => {
    const readings = [0.2, 0.001];
    const { ports } = fakePorts();
    const measuring = { ...ports, analysis: { measure: () => Promise.resolve({ ok: true as const, value: readings.shift() ?? 0.001 }) } };
    const report = await executeRun({ planFile: join(dir, 'shop.release.yaml'), plan: measuredPlan, ports: measuring, log: () => undefined });
    expect(report.outcome).toBe('promoted');
    const measured = allOf(journalOf(report.runDir ?? ''), 'gate.measure');
    expect(measured.map((entry) => [entry.data.phase, entry.data.allowed])).toEqual([
      ['failed', '1 of 1 failed measurements allowed (failureLimit 1)'],
      ['successful', undefined],
    ]);
    expect(measured[0]?.message).toBe('gate errors (v2): 0.2 failed · 1 of 1 failed measurements allowed (failureLimit 1)');
  });
});
