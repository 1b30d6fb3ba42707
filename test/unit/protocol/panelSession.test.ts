import { describe, expect, it } from 'vitest';
import { PanelSession, withFaults } from '../../../src/panel/panelSession';
import type { HostMessage } from '../../../src/protocol/messages';
import type { PanelView } from '../../../src/protocol/view';
import { examplePlan, fakeScheduler } from './helpers';

function session(scenario = 'bad-version') {
  const scheduler = fakeScheduler();
  const posted: HostMessage[] = [];
  const logged: string[] = [];
  const panel = new PanelSession({ plan: examplePlan('canary'), planUri: 'file:///canary.release.yaml', scenario, speed: 60, scheduler, post: (message) => posted.push(message), log: (line) => logged.push(line) });
  const last = (): PanelView => {
    const message = posted[posted.length - 1];
    if (message?.type !== 'view/snapshot') throw new Error(`expected a snapshot, got ${JSON.stringify(message)}`);
    return message.view;
  };
  return { panel, scheduler, posted, logged, last };
}

describe('panel session', () => {
  it('should send nothing before the webview is ready, then one complete snapshot', () => {
    const { panel, posted, last } = session();
    panel.handle({ type: 'playback/seek', t: 5000 });
    expect(posted).toEqual([]);
    panel.handle({ type: 'panel/ready' });
    expect(posted).toHaveLength(1);
    expect(last().time.t).toBe(5000);
    expect(last().session.scenario).toBe('bad-version');
  });

  it('should play at speed x real time and stop at the end with the rollback shown', () => {
    const { panel, scheduler, last, posted } = session();
    panel.handle({ type: 'panel/ready' });
    panel.handle({ type: 'playback/play' });
    scheduler.advance(1000);
    expect(last().time.t).toBe(60_000);
    expect(last().time.playing).toBe(true);
    scheduler.advance(10_000);
    expect(last().time.playing).toBe(false);
    expect(last().outcome.outcome).toBe('rolledBack');
    const seqs = posted.map((message) => message.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('should step to the next event and scrub back', () => {
    const { panel, last } = session();
    panel.handle({ type: 'panel/ready' });
    panel.handle({ type: 'playback/step', direction: 1 });
    expect(last().time.t).toBe(8_473);
    panel.handle({ type: 'playback/seek', t: 0 });
    expect(last().traffic.weights.candidate).toBe(0);
  });

  it('should branch the run when a fault is injected at the current instant', () => {
    const { panel, last } = session('good-version');
    panel.handle({ type: 'panel/ready' });
    panel.handle({ type: 'playback/seek', t: 60_000 });
    const before = panel.run;
    panel.handle({ type: 'fault/inject', kind: 'badVersion', role: null });
    expect(last().session.injectedFaults).toEqual([{ t: 60_000, kind: 'badVersion', role: null }]);
    expect(last().time.t).toBe(60_000);
    expect(before.outcome).toBe('promoted');
    expect(panel.run.outcome).toBe('rolledBack');
    // Same seed, same world: nothing before the fault changes.
    expect(panel.run.events.filter((event) => event.t < 60_000)).toEqual(before.events.filter((event) => event.t < 60_000));
    panel.handle({ type: 'fault/clear' });
    expect(panel.run.outcome).toBe('promoted');
  });

  it('should start over on another scenario or seed', () => {
    const { panel, last } = session();
    panel.handle({ type: 'panel/ready' });
    panel.handle({ type: 'playback/seek', t: 90_000 });
    panel.handle({ type: 'scenario/choose', name: 'good-version' });
    expect(last().session.scenario).toBe('good-version');
    expect(last().time.t).toBe(0);
    panel.handle({ type: 'seed/set', seed: 42 });
    expect(last().session.seed).toBe(42);
  });

  it('should log and drop invalid messages, and answer unknown scenarios with an error', () => {
    const { panel, posted, logged } = session();
    panel.handle({ type: 'panel/ready' });
    panel.handle({ type: 'playback/seek', t: 'soon' });
    expect(logged).toEqual(['release panel: dropped an invalid message (message.t: expected a finite number)']);
    expect(posted).toHaveLength(1);
    panel.handle({ type: 'scenario/choose', name: 'nope' });
    expect(posted[1]).toMatchObject({ type: 'view/error', message: expect.stringContaining('no scenario "nope"') });
  });

  it('should refuse operator verbs in a simulation with a reason', () => {
    const { panel, posted } = session();
    panel.handle({ type: 'panel/ready' });
    panel.handle({ type: 'operator/abort' });
    expect(posted[1]).toMatchObject({ type: 'view/error', message: expect.stringContaining('needs a real run') });
  });

  it('should add injected faults to a plan without scenarios under the default name', () => {
    const plan = { ...examplePlan('canary'), scenarios: {} };
    const faulty = withFaults(plan, 'default', [{ t: 1000, kind: 'metricsOutage', role: null }]);
    expect(faulty.scenarios.default?.faults).toEqual([{ at: 1000, kind: 'metricsOutage', for: 120_000 }]);
  });
});
