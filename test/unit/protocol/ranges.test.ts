import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/domain/simulator/simulate';
import { PanelSession } from '../../../src/panel/panelSession';
import { replayOf } from '../../../src/panel/viewModel';
import type { CompareColumnView, ComparisonView } from '../../../src/protocol/comparison';
import { hostMessageProblem, isPanelView } from '../../../src/protocol/guards';
import type { HostMessage, PanelIntent } from '../../../src/protocol/messages';
import type { PanelView } from '../../../src/protocol/view';
import { viewAt } from '../../../src/protocol/viewAt';
import { examplePlan, fakeScheduler } from './helpers';

const EXAMPLES = ['canary', 'blue-green', 'rolling', 'ab-test', 'shadow', 'recreate', 'argo-basic-canary'];

function canaryView(): PanelView {
  const plan = examplePlan('canary');
  return viewAt(replayOf(plan, simulate(plan, { scenario: 'bad-version' })), 60_000, { playing: false, speed: 60 });
}

/** A snapshot of a real view with one field set to `value` (through `set`). */
function snapshotWith(set: (view: PanelView) => void, seq = 1): unknown {
  const view = structuredClone(canaryView());
  set(view);
  return { type: 'view/snapshot', seq, view };
}

describe('host message ranges', () => {
  it.each(EXAMPLES)('should accept every instant of the %s example, both scenarios', (name) => {
    const plan = examplePlan(name);
    for (const scenario of ['good-version', 'bad-version']) {
      const replay = replayOf(plan, simulate(plan, { scenario }));
      for (let step = 0; step <= 20; step++) {
        const view = viewAt(replay, (replay.endMs * step) / 20, { playing: step % 2 === 0, speed: 60 });
        expect(hostMessageProblem({ type: 'view/snapshot', seq: step, view }), `${name} ${scenario} at step ${step}`).toBeNull();
      }
    }
  });

  it.each([
    ['a negative instance count', (view: PanelView) => void ((view.environments[0] as { counts: { ready: number } }).counts.ready = -1), 'message.view.environments[0].counts.ready: expected a whole number >= 0'],
    ['an infinite instance count', (view: PanelView) => void ((view.environments[1] as { counts: { starting: number } }).counts.starting = Infinity), 'message.view.environments[1].counts.starting: expected a whole number >= 0'],
    ['a fractional instance count', (view: PanelView) => void ((view.environments[0] as { counts: { draining: number } }).counts.draining = 0.5), 'message.view.environments[0].counts.draining: expected a whole number >= 0'],
    ['a weight over 100', (view: PanelView) => void (view.traffic.weights.candidate = 101), 'message.view.traffic.weights.candidate: expected a number 0..100'],
    ['a negative weight', (view: PanelView) => void (view.traffic.weights.stable = -5), 'message.view.traffic.weights.stable: expected a number 0..100'],
    ['a NaN weight', (view: PanelView) => void (view.traffic.weights.stable = Number.NaN), 'message.view.traffic.weights.stable: expected a finite number'],
    ['negative requests per second', (view: PanelView) => void (view.traffic.rps.stable = -1), 'message.view.traffic.rps.stable: expected a number >= 0'],
    ['a mirror over 100%', (view: PanelView) => void (view.traffic.mirrorPercent = 150), 'message.view.traffic.mirrorPercent: expected a number 0..100'],
    ['a negative time', (view: PanelView) => void (view.time.t = -1), 'message.view.time.t: expected a number >= 0'],
    ['an infinite end', (view: PanelView) => void (view.time.endMs = Infinity), 'message.view.time.endMs: expected a finite number'],
    ['a speed of 0', (view: PanelView) => void (view.time.speed = 0), 'message.view.time.speed: expected a number 1..3600'],
    ['a fractional step index', (view: PanelView) => void ((view.track.steps[0] as { index: number }).index = 1.5), 'message.view.track.steps[0].index: expected a whole number >= 0'],
    ['a negative event index', (view: PanelView) => void ((view.events[0] as { index: number }).index = -2), 'message.view.events[0].index: expected a whole number >= 0'],
    ['a negative seed', (view: PanelView) => void (view.session.seed = -7), 'message.view.session.seed: expected a whole number >= 0'],
  ])('should reject %s and say where', (_, set, problem) => {
    expect(hostMessageProblem(snapshotWith(set))).toBe(problem);
  });

  it.each([
    ['negative', -1],
    ['fractional', 2.5],
    ['infinite', Infinity],
  ])('should reject a %s seq', (_, seq) => {
    expect(hostMessageProblem(snapshotWith(() => undefined, seq))).toBe('message.seq: expected a whole number >= 0');
    expect(hostMessageProblem({ type: 'view/error', seq, message: 'x' })).toBe('message.seq: expected a whole number >= 0');
  });

  it('should reject a comparison with a probability over 1 or a negative run count', () => {
    const comparison: ComparisonView = { options: [], status: 'done', scenario: 's', runs: 10, done: 20, message: '', columns: [] };
    const column: CompareColumnView = { id: 'a', label: 'a', strategy: 'canary', current: true, outcomes: [{ outcome: 'promoted', probability: 1.2 }], readings: [], figures: [] };
    expect(isPanelView({ ...canaryView(), comparison })).toBe(true);
    expect(hostMessageProblem(snapshotWith((view) => void (view.comparison = { ...comparison, runs: -10 })))).toBe('message.view.comparison.runs: expected a whole number >= 0');
    expect(hostMessageProblem(snapshotWith((view) => void (view.comparison = { ...comparison, columns: [column] })))).toBe(
      'message.view.comparison.columns[0].outcomes[0].probability: expected a number 0..1',
    );
  });
});

describe('compare/choose', () => {
  function panel() {
    const posted: HostMessage[] = [];
    const forwarded: PanelIntent[] = [];
    const session = new PanelSession({
      plan: examplePlan('canary'),
      planUri: 'file:///work/canary.release.yaml',
      scenario: 'bad-version',
      speed: 60,
      scheduler: fakeScheduler(),
      post: (message) => posted.push(message),
      log: () => undefined,
      onIntent: (intent) => forwarded.push(intent),
    });
    session.handle({ type: 'panel/ready' });
    session.comparison.setOptions([
      { id: 'file:///work/rolling.release.yaml', label: 'rolling.release.yaml', description: 'plan file' },
      { id: 'as:rolling', label: 'this plan as rolling', description: 'strategy' },
    ]);
    return { session, posted, forwarded };
  }

  it('should pass on an id the host offered', () => {
    const { session, forwarded } = panel();
    session.handle({ type: 'compare/choose', id: 'file:///work/rolling.release.yaml' });
    session.handle({ type: 'compare/choose', id: 'as:rolling' });
    expect(forwarded).toEqual([
      { type: 'compare/choose', id: 'file:///work/rolling.release.yaml' },
      { type: 'compare/choose', id: 'as:rolling' },
    ]);
  });

  it.each([
    ['a file the host never listed', 'file:///etc/passwd'],
    ['another scheme', 'command:workbench.action.terminal.new'],
    ['a strategy not offered', 'as:recreate'],
    ['an empty id', ''],
  ])('should refuse %s and show why', (_, id) => {
    const { session, posted, forwarded } = panel();
    session.handle({ type: 'compare/choose', id });
    expect(forwarded).toEqual([]);
    expect(posted.at(-1)).toMatchObject({ type: 'view/error', message: expect.stringContaining(`Nothing to switch to under "${id}"`) });
  });
});
