import { allOf } from '../../../src/domain/run/events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { Plan } from '../../../src/domain/plan/schema';
import { executeRun } from '../../../src/runner/execute';
import { journalOf } from '../../../src/runner/runs';
import { fakePorts, type FaultPoint } from './fakePorts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-runner-'));
  process.env.SWITCHYARD_STATE_DIR = join(dir, 'runs');
  process.env.SWITCHYARD_LOCK_DIR = join(dir, 'locks');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function canaryPlan(onFailure: 'rollback' | 'pause'): Plan {
  const parsed = parsePlan(`service: shop
version: v2
strategy:
  canary:
    steps: [{ setWeight: 50 }, { analysis: { templates: [errors] } }, { pause: { duration: 10ms } }]
analysis:
  - { name: errors, metric: errorRate, interval: 10ms, count: 2, failureCondition: result >= 0.05, consecutiveErrorLimit: 0 }
policy: { onFailure: ${onFailure}, progressDeadlineSeconds: 1 }
hooks:
  prePromotion: { command: [/bin/true] }
`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.plan;
}

let lockDirs = 0;
/** Each run gets its own lock directory unless `sharedLocks`: a paused run keeps its lock by design. */
const run = (plan: Plan, ports: ReturnType<typeof fakePorts>['ports'], sharedLocks = false) => {
  if (!sharedLocks) process.env.SWITCHYARD_LOCK_DIR = join(dir, `locks-${lockDirs++}`);
  return executeRun({ planFile: join(dir, 'shop.release.yaml'), plan, ports, log: () => undefined });
};

/** Health is polled until the progress deadline, so one failed poll is no failure: it fails always. */
const POINTS: [FaultPoint, 'once' | 'always'][] = [
  ['router.setWeights', 'once'],
  ['router.verify', 'once'],
  ['router.addMember', 'once'],
  ['instances.scaleUp', 'once'],
  ['instances.health', 'always'],
  ['analysis.measure', 'once'],
  ['hooks.run', 'once'],
];

describe('runner with failures injected at each adapter call', () => {
  it('should promote when nothing fails, in the order that drops no request', async () => {
    const fake = fakePorts();
    const report = await run(canaryPlan('rollback'), fake.ports);
    expect(report.outcome).toBe('promoted');
    expect(fake.weights()).toEqual({ stable: 0, candidate: 100 });
    // The candidate is up and in the router before it gets traffic; the stable leaves the router before it stops.
    const at = (text: string) => fake.calls.indexOf(text);
    expect(at('router.addMember candidate-0')).toBeLessThan(at('router.setWeights 50/50'));
    expect(at('router.removeMember stable-0')).toBeLessThan(at('instances.scaleDown stable 0'));
  });

  it.each(POINTS)('should roll back when %s fails (%s), with traffic back on stable', async (point, times) => {
    const fake = fakePorts({ at: point, times });
    const report = await run(canaryPlan('rollback'), fake.ports);
    expect(report.outcome, report.reason).toBe('rolledBack');
    expect(report.reason).toMatch(point === 'analysis.measure' ? /errors/ : point === 'instances.health' ? /progress deadline/ : /injected failure/);
    expect(fake.weights()).toEqual({ stable: 100, candidate: 0 });
    expect(fake.members.candidate).toHaveLength(0);
  });

  it.each(POINTS)('should stop paused when %s fails (%s) and the policy is pause', async (point, times) => {
    const fake = fakePorts({ at: point, times });
    const report = await run(canaryPlan('pause'), fake.ports);
    expect(report.outcome).toBe('paused');
    expect(report.reason).toMatch(/switchyard resume .* --retry\|--promote/);
  });

  it('should end failed, not crash, when the router fails during the rollback too', async () => {
    const fake = fakePorts({ at: 'router.setWeights', times: 'always' });
    const report = await run(canaryPlan('rollback'), fake.ports);
    expect(report.outcome).toBe('failed');
    expect(report.reason).toMatch(/rollback failed: injected failure/);
  });

  it('should journal every action before and after it, once', async () => {
    const fake = fakePorts({ at: 'analysis.measure', times: 'once' });
    const report = await run(canaryPlan('rollback'), fake.ports);
    const entries = journalOf(report.runDir ?? '');
    const intents = allOf(entries, 'action.intent');
    const results = allOf(entries, 'action.result');
    expect(intents.map((entry) => entry.data.id)).toEqual(results.map((entry) => entry.data.id).sort((a, b) => a - b));
    for (const intent of intents) {
      const result = entries.findIndex((entry) => entry.kind === 'action.result' && entry.data.id === intent.data.id);
      expect(result).toBeGreaterThan(entries.indexOf(intent));
    }
    expect(entries.at(-1)).toMatchObject({ kind: 'outcome', data: { outcome: 'rolledBack' } });
  });

  it('should refuse a second run on a locked target, naming the holder', async () => {
    const fake = fakePorts({ at: 'analysis.measure', times: 'once' });
    const paused = await run(canaryPlan('pause'), fake.ports);
    expect(paused.outcome).toBe('paused');
    const second = await run(canaryPlan('rollback'), fakePorts().ports, true);
    expect(second.outcome).toBe('failed');
    expect(second.reason).toMatch(/fake router is locked: the release of .*shop\.release\.yaml .* (is running|did not finish).*switchyard abort/);
  });

  it('should pause, never roll back, when the target cannot finish a promotion the machine made; resume finishes it', async () => {
    const fake = fakePorts();
    let tries = 0;
    const ports = { ...fake.ports, finishPromotion: async () => (++tries === 1 ? { ok: false as const, error: 'deployment shop/shop: injected' } : { ok: true as const, value: 'promotion finished' }) };
    const report = await run(canaryPlan('rollback'), ports);
    expect(report.outcome).toBe('paused');
    expect(report.reason).toMatch(/^promoted, but the target was not finished: deployment shop\/shop: injected: run `switchyard resume .*shop\.release\.yaml`$/);
    // Users stay on the candidate: nothing was rolled back.
    expect(fake.weights()).toEqual({ stable: 0, candidate: 100 });
    const entries = journalOf(report.runDir ?? '');
    const resumed = await executeRun({ planFile: join(dir, 'shop.release.yaml'), plan: canaryPlan('rollback'), ports, log: () => undefined, resume: { runDir: report.runDir ?? '', entries, operator: [], restoreFirst: false } });
    expect(resumed.outcome).toBe('promoted');
    expect(tries).toBe(2);
  });
});
