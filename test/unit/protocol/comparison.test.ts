import { describe, expect, it } from 'vitest';
import { compareOnScenario } from '../../../src/host/panel/comparison';
import { PanelSession } from '../../../src/host/panel/panelSession';
import { isPanelIntent, isPanelView } from '../../../src/protocol/guards';
import type { HostMessage } from '../../../src/protocol/messages';
import type { PanelView } from '../../../src/protocol/view';
import { examplePlan, fakeScheduler } from './helpers';

const noYield = (): Promise<void> => Promise.resolve();

describe('plan comparison', () => {
  it('should run both plans on the shown scenario and summarize each as distributions', async () => {
    const canary = examplePlan('canary');
    const rolling = examplePlan('rolling');
    const scenario = canary.scenarios['bad-version'];
    if (!scenario) throw new Error('the canary example has a bad-version scenario');
    const progress: number[] = [];
    const columns = await compareOnScenario(
      [{ id: 'current', label: 'canary', plan: canary }, { id: 'other', label: 'rolling', plan: rolling }],
      { scenarioName: 'bad-version', scenario, baseSeed: 7, runs: 20, chunk: 5, yieldNow: noYield, onProgress: (done) => progress.push(done), cancelled: () => false },
    );
    expect(columns?.map((column) => [column.label, column.strategy, column.current, column.alarmLabel, column.alarm])).toEqual([
      ['canary', 'canary', true, 'Detection', 1],
      ['rolling', 'rolling', false, 'Detection', 1],
    ]);
    const errors = columns?.map((column) => column.figures.find((figure) => figure.key === 'userErrors'));
    expect(errors?.every((figure) => figure !== undefined && figure.p5 <= figure.p50 && figure.p50 <= figure.p95)).toBe(true);
    expect(progress.at(-1)).toBe(40);
  });

  it('should stop when cancelled and return nothing', async () => {
    const plan = examplePlan('canary');
    const scenario = plan.scenarios['good-version'];
    if (!scenario) throw new Error('the canary example has a good-version scenario');
    const result = await compareOnScenario([{ id: 'a', label: 'a', plan }], { scenarioName: 'good-version', scenario, baseSeed: 1, runs: 50, yieldNow: noYield, onProgress: () => {}, cancelled: () => true });
    expect(result).toBeNull();
  });

  it('should carry the comparison in every snapshot and drop it when the scenario changes', async () => {
    const views: PanelView[] = [];
    const session = new PanelSession({
      plan: examplePlan('canary'),
      planUri: 'file:///canary.release.yaml',
      scenario: 'bad-version',
      speed: 60,
      scheduler: fakeScheduler(),
      post: (message: HostMessage) => message.type === 'view/snapshot' && views.push(message.view),
      log: () => {},
    });
    session.handle({ type: 'panel/ready' });
    session.comparison.setOptions([{ id: 'file:///rolling.release.yaml', label: 'rolling.release.yaml', description: 'plan file' }]);
    await session.compareWith({ id: 'file:///rolling.release.yaml', label: 'rolling.release.yaml', plan: examplePlan('rolling') }, 10);
    const last = views.at(-1);
    expect(last?.comparison?.status).toBe('done');
    expect(last?.comparison?.columns.map((column) => column.label)).toEqual(['checkout (this plan)', 'rolling.release.yaml']);
    expect(isPanelView(last)).toBe(true);
    session.handle({ type: 'scenario/choose', name: 'good-version' });
    expect(views.at(-1)?.comparison).toMatchObject({ status: 'idle', columns: [], options: [{ label: 'rolling.release.yaml' }] });
    session.dispose();
  });

  it('should accept compare intents only with a known shape and a sane number of runs', () => {
    expect(isPanelIntent({ type: 'compare/run', with: 'file:///b.release.yaml', runs: 100 })).toBe(true);
    expect(isPanelIntent({ type: 'compare/run', with: 'file:///b.release.yaml', runs: 0 })).toBe(false);
    expect(isPanelIntent({ type: 'compare/run', with: 'file:///b.release.yaml', runs: 1e9 })).toBe(false);
    expect(isPanelIntent({ type: 'compare/choose', id: 'file:///b.release.yaml' })).toBe(true);
    expect(isPanelIntent({ type: 'compare/clear' })).toBe(true);
  });
});
