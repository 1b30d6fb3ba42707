import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { Plan } from '../../../src/domain/plan/schema';
import { allOf } from '../../../src/domain/run/events';
import { simulate } from '../../../src/domain/simulator/simulate';

const EXAMPLE = join(__dirname, '../../../examples/canary-webhooks.release.yaml');

function plan(): Plan {
  const parsed = parsePlan(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  return parsed.plan;
}

function withFaults(faults: unknown[]): Plan {
  const base = plan();
  const scenario = base.scenarios['good-version'];
  if (!scenario) throw new Error('no good-version');
  return { ...base, scenarios: { injected: { ...scenario, faults: faults as Plan['scenarios'][string]['faults'] } } };
}

const hookLines = (run: ReturnType<typeof simulate>, point: string) => allOf(run.events, 'hook.run').filter((event) => event.data.hook === point);
const fullTrafficAt = (run: ReturnType<typeof simulate>) => allOf(run.events, 'traffic.set').find((event) => event.data.weights.candidate === 100)?.t;

describe('lifecycle hooks in a simulation', () => {
  it('should call every hook once it is due and promote when each says yes', () => {
    const run = simulate(plan(), { scenario: 'good-version' });
    expect(run.outcome).toBe('promoted');
    const calls = allOf(run.events, 'hook.run').filter((event) => event.data.hook !== 'event').map((event) => event.message);
    expect(calls[0]).toBe('confirm-rollout: change-freeze said yes');
    expect(calls[1]).toBe('pre-rollout hook smoke-test passed');
    expect(calls).toContain('rollback hook manual-rollback: no rollback asked');
    expect(calls).toContain('rollout hook acceptance passed');
    expect(calls.at(-1)).toBe('confirm-promotion: release-manager said yes');
  });

  it('should run the pre-rollout hooks once the canary is up, before its first traffic', () => {
    const run = simulate(plan(), { scenario: 'good-version' });
    const [preRollout] = hookLines(run, 'pre-rollout');
    const firstTraffic = allOf(run.events, 'traffic.set').find((event) => event.data.weights.candidate > 0);
    const candidateReady = allOf(run.events, 'health.ready').find((event) => event.data.role === 'candidate');
    expect(preRollout?.t).toBeGreaterThanOrEqual(candidateReady?.t ?? Infinity);
    expect(preRollout?.t).toBeLessThanOrEqual(firstTraffic?.t ?? -1);
  });

  it('should hold the promotion while confirm-promotion says no, visibly, and promote once it says yes', () => {
    const run = simulate(plan(), { scenario: 'approval-late' });
    expect(run.outcome).toBe('promoted');
    const asks = hookLines(run, 'confirm-promotion');
    expect(asks[0]?.message).toBe('waiting for confirm-promotion: release-manager said no (HTTP 403, hookRefusal)');
    expect(asks.at(-1)?.message).toBe('confirm-promotion: release-manager said yes');
    // Asked every 30 s (its interval) until the refusal ends at 12m.
    expect(asks.at(-1)?.t).toBeGreaterThanOrEqual(12 * 60_000);
    expect(fullTrafficAt(run)).toBeGreaterThan(12 * 60_000);
    expect(asks.length).toBeGreaterThan(10);
  });

  it('should roll back when confirm-promotion still says no at its deadline', () => {
    const run = simulate(withFaults([{ at: 0, kind: 'hookRefusal', hook: 'confirm-promotion' }]), { scenario: 'injected' });
    expect(run.outcome).toBe('rolledBack');
    expect(run.reason).toBe('confirm-promotion: release-manager still said no after 20m (its deadline): HTTP 403, hookRefusal');
    expect(fullTrafficAt(run)).toBeUndefined();
  });

  it('should count a failing pre-rollout hook as a failed check and roll back at the threshold before any user sees the new version', () => {
    const run = simulate(plan(), { scenario: 'smoke-test-fails' });
    expect(run.outcome).toBe('rolledBack');
    expect(run.reason).toBe('pre-rollout hook smoke-test failed: exited with 2, hookFailure');
    // threshold 2: called twice, one interval apart.
    expect(hookLines(run, 'pre-rollout').map((event) => event.t)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(run.figures.requestsToCandidate).toBe(0);
  });

  it('should treat a rollout hook that times out as a failed check, each attempt taking its timeout', () => {
    const run = simulate(withFaults([{ at: 0, kind: 'hookTimeout', hook: 'rollout' }]), { scenario: 'injected' });
    expect(run.outcome).toBe('rolledBack');
    expect(run.reason).toContain('rollout hook acceptance timed out: no answer within 30s, 3 attempts, hookTimeout');
  });

  it('should roll back at once when the rollback hook says yes', () => {
    const run = simulate(plan(), { scenario: 'rollback-requested' });
    expect(run.outcome).toBe('rolledBack');
    expect(run.reason).toBe('rollback hook manual-rollback asked for a rollback');
    expect(hookLines(run, 'rollback').at(-1)?.t).toBeGreaterThanOrEqual(4 * 60_000);
  });

  it('should hold everything until confirm-rollout says yes', () => {
    const run = simulate(withFaults([{ at: 0, for: 180_000, kind: 'hookRefusal', hook: 'confirm-rollout' }]), { scenario: 'injected' });
    expect(run.outcome).toBe('promoted');
    const firstScale = allOf(run.events, 'scale').find((event) => event.data.replicas > 0 && event.data.role === 'candidate');
    expect(firstScale?.t).toBeGreaterThanOrEqual(180_000);
  });

  it('should tell the event hooks every transition and never change the release when they fail', () => {
    const good = simulate(plan(), { scenario: 'good-version' });
    const failing = simulate(withFaults([{ at: 0, kind: 'hookFailure', hook: 'event' }]), { scenario: 'injected' });
    expect(hookLines(good, 'event')).toHaveLength(allOf(good.events, 'machine.state').length);
    expect(hookLines(failing, 'event').at(-1)?.message).toMatch(/^event hook chat failed: HTTP 503, hookFailure \(shown only: it changes nothing\)/);
    expect(failing.outcome).toBe('promoted');
    expect(failing.figures.durationMs).toBe(good.figures.durationMs);
  });
});

describe('lint of hooks', () => {
  const lint = (hooks: string[]) => {
    const text = ['service: checkout', 'strategy:', '  blueGreen: {}', 'hooks:', ...hooks.map((line) => `  ${line}`)].join('\n');
    const parsed = parsePlan(text, 'plan.release.yaml');
    return parsed.diagnostics.map((d) => `${d.range.start.line}: ${d.severity}: ${d.message}`);
  };

  it('should say which point replaces an earlier hook name', () => {
    expect(lint(['onRollback: { command: [./notify.sh] }'])).toEqual([
      "5: info: hooks.onRollback: onRollback is deprecated; it still runs where it did, but use post-rollout (its body's phase is rolledBack after a rollback)",
    ]);
  });

  it('should warn about a confirm hook whose one ask takes as long as its deadline', () => {
    expect(lint(['confirm-promotion:', '    - { url: "https://ci.example.com/ok", timeout: 1m, retries: 1, deadline: 2m }'])).toEqual([
      '6: warning: hooks.confirm-promotion[0]: one ask of this confirm-promotion hook can take 2m (timeout × attempts), as long as its deadline 2m: a slow answer fails the release before it is asked again',
    ]);
  });

  it('should warn about a token written into a header, and a point the strategy never reaches', () => {
    expect(lint(['confirm-traffic-increase:', '    - { url: "https://ci.example.com/ok", headers: { Authorization: "Bearer abcdef123456" } }'])).toEqual([
      '5: warning: hooks.confirm-traffic-increase: a blueGreen release never raises a weight step by step, so confirm-traffic-increase is never asked; use confirm-promotion',
      '6: warning: hooks.confirm-traffic-increase[0].headers.Authorization: header Authorization holds a credential written into the plan; write ${secret:NAME} (VS Code\'s secret storage or SWITCHYARD_HOOK_SECRETS) or ${env:NAME}',
    ]);
  });

  it('should refuse a hook that is neither a url nor a command, with where and what to write', () => {
    expect(lint(['pre-rollout:', '    - { name: smoke, timeout: 5s }'])).toEqual(['6: error: hooks.pre-rollout[0]: a hook needs a url (an HTTP call) or a command (program and arguments)']);
  });
});
