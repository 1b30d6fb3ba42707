import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { allOf } from '../../../src/domain/run/events';
import { executeRun } from '../../../src/runner/execute';
import { journalOf } from '../../../src/runner/runs';
import { fakePorts } from './fakePorts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-measure-words-'));
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
  - { name: errors, metric: errorRate, interval: 10ms, count: 2, successCondition: result < 0.05, failureCondition: result >= 0.05, failureLimit: 1 }
`);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
const plan = parsed.plan;

describe('a real run says why a gate measures again after a failed measurement', () => {
  it('should journal the limit that allowed it, in the words a simulation uses, and promote when the next one passes', async () => {
    const readings = [0.2, 0.001];
    const { ports } = fakePorts();
    const measuring = { ...ports, analysis: { measure: () => Promise.resolve({ ok: true as const, value: readings.shift() ?? 0.001 }) } };
    const report = await executeRun({ planFile: join(dir, 'shop.release.yaml'), plan, ports: measuring, log: () => undefined });
    expect(report.outcome).toBe('promoted');
    const measured = allOf(journalOf(report.runDir ?? ''), 'gate.measure');
    expect(measured.map((entry) => [entry.data.phase, entry.data.allowed])).toEqual([
      ['failed', '1 of 1 failed measurements allowed (failureLimit 1)'],
      ['successful', undefined],
    ]);
    expect(measured[0]?.message).toBe('gate errors (v2): 0.2 failed · 1 of 1 failed measurements allowed (failureLimit 1)');
  });
});
