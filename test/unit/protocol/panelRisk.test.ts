import { describe, expect, it } from 'vitest';
import { histogram } from '../../../src/panel/histogram';
import { PanelSession } from '../../../src/panel/panelSession';
import { hostMessageProblem, panelIntentProblem } from '../../../src/protocol/guards';
import type { HostMessage } from '../../../src/protocol/messages';
import type { PanelView } from '../../../src/protocol/view';
import { examplePlan, fakeScheduler } from './helpers';

describe('risk over many runs in the release panel', () => {
  it.each([
    { name: 'whole numbers: one bar per value when there are few', values: [1, 2, 2, 3], bars: 24, expected: [{ from: 1, to: 1 + 2 / 3, count: 1 }, { from: 1 + 2 / 3, to: 1 + 4 / 3, count: 2 }, { from: 1 + 4 / 3, to: 3, count: 1 }] },
    { name: 'two bars over fractions', values: [0, 0.4, 0.6, 1], bars: 2, expected: [{ from: 0, to: 0.5, count: 2 }, { from: 0.5, to: 1, count: 2 }] },
    { name: 'all runs alike: one bar', values: [7, 7, 7], bars: 24, expected: [{ from: 7, to: 7, count: 3 }] },
    { name: 'no runs: no bars', values: [], bars: 24, expected: [] },
  ])('should bin $name', ({ values, bars, expected }) => {
    const bins = histogram(values, bars);
    expect(bins.map((bin) => bin.count)).toEqual(expected.map((bin) => bin.count));
    bins.forEach((bin, index) => {
      expect(bin.from).toBeCloseTo(expected[index]?.from ?? NaN, 9);
      expect(bin.to).toBeCloseTo(expected[index]?.to ?? NaN, 9);
    });
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(values.length);
  });

  it('should run the plan\'s bad and good scenarios and send their distributions in the view', { timeout: 60_000 }, async () => {
    const posted: HostMessage[] = [];
    const panel = new PanelSession({ plan: examplePlan('canary'), planUri: 'file:///canary.release.yaml', scenario: 'good-version', speed: 60, scheduler: fakeScheduler(), post: (message) => posted.push(message), log: () => undefined });
    const last = (): PanelView => {
      const message = posted.at(-1);
      if (message?.type !== 'view/snapshot') throw new Error('expected a snapshot');
      return message.view;
    };
    panel.handle({ type: 'panel/ready' });
    expect(last().risk?.status).toBe('idle');
    panel.handle({ type: 'risk/run', runs: 40 });
    expect(last().risk?.status).toBe('running');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await until(() => last().risk?.status === 'done');
    const risk = last().risk!;
    expect(risk.message).toBe('40 runs each of bad-version and good-version, seeds from each scenario\'s own');
    expect(risk.bad?.headline).toBe('caught in 100.0% of runs (0.0% promoted it, 0.0% stopped half-way)');
    expect(risk.bad?.figure).toBe('Users who saw errors');
    expect(risk.good?.headline).toMatch(/^rolled back in \d+\.\d% of runs \(0\.0% stopped half-way\)$/);
    expect(risk.good?.unit).toBe('duration');
    expect(risk.bad?.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(40);
    expect(risk.good?.p50).toBeGreaterThan(10 * 60_000);
    // Every snapshot the webview gets is one it accepts.
    for (const message of posted) expect(hostMessageProblem(message)).toBeNull();
    panel.dispose();
  });

  it('should refuse a run count outside 1..5000', () => {
    expect(panelIntentProblem({ type: 'risk/run', runs: 0 })).toBe('message.runs: expected a whole number 1..5000');
    expect(panelIntentProblem({ type: 'risk/run', runs: 500 })).toBeNull();
  });
});

async function until(done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
