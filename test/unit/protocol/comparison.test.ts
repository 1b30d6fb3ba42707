import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/domain/simulator/simulate';
import { compareOnScenario } from '../../../src/panel/comparison';
import { PanelSession } from '../../../src/panel/panelSession';
import { replayOf } from '../../../src/panel/viewModel';
import { hostMessageProblem, isPanelIntent, isPanelView } from '../../../src/protocol/guards';
import type { HostMessage } from '../../../src/protocol/messages';
import type { CompareColumnView } from '../../../src/protocol/comparison';
import type { PanelView } from '../../../src/protocol/view';
import { viewAt } from '../../../src/protocol/viewAt';
import { examplePlan, fakeScheduler } from './helpers';

const noYield = (): Promise<void> => Promise.resolve();

/** The canary example with its policy set to pause, not roll back, when a gate fails. */
function pausingCanary() {
  const plan = examplePlan('canary');
  return { ...plan, policy: { ...plan.policy, onFailure: 'pause' as const } };
}

/** What a column's reading rows say: label, share and detail. */
const readings = (column: CompareColumnView | undefined) => column?.readings.map((reading) => [reading.label, reading.share, reading.detail]);

async function compareCanaries(scenarioName: string, runs: number): Promise<CompareColumnView[] | null> {
  const canary = examplePlan('canary');
  const scenario = canary.scenarios[scenarioName];
  if (!scenario) throw new Error(`the canary example has a ${scenarioName} scenario`);
  return compareOnScenario(
    [{ id: 'current', label: 'pausing canary', plan: pausingCanary() }, { id: 'other', label: 'canary', plan: canary }],
    { scenarioName, scenario, baseSeed: 7, runs, yieldNow: noYield, onProgress: () => {}, cancelled: () => false },
  );
}

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
    expect(columns?.map((column) => [column.label, column.strategy, column.current])).toEqual([
      ['canary', 'canary', true],
      ['rolling', 'rolling', false],
    ]);
    expect(columns?.map(readings)).toEqual([
      [['Detection', 1, ''], ['Stalled', 0, ''], ['Missed', 0, '']],
      [['Detection', 1, ''], ['Stalled', 0, ''], ['Missed', 0, '']],
    ]);
    const errors = columns?.map((column) => column.figures.find((figure) => figure.key === 'userErrors'));
    expect(errors?.every((figure) => figure !== undefined && figure.p5 <= figure.p50 && figure.p50 <= figure.p95)).toBe(true);
    expect(progress.at(-1)).toBe(40);
  });

  it('should show a bad version that paused as stalled beside detection 0 %, never detection alone', async () => {
    const columns = await compareCanaries('bad-version', 10);
    expect(readings(columns?.[0])).toEqual([
      ['Detection', 0, ''],
      ['Stalled', 1, '10 after a failed gate or check'],
      ['Missed', 0, ''],
    ]);
    expect(readings(columns?.[1])).toEqual([
      ['Detection', 1, ''],
      ['Stalled', 0, ''],
      ['Missed', 0, ''],
    ]);
    expect(columns?.[0]?.outcomes).toEqual([{ outcome: 'paused', probability: 1 }]);
  });

  it('should read a good version as false alarm, stalled and passed, adding up to every run', async () => {
    const columns = await compareCanaries('good-version', 10);
    for (const column of columns ?? []) {
      expect(column.readings.map((reading) => reading.label)).toEqual(['False alarm', 'Stalled', 'Passed']);
      expect(column.readings.reduce((sum, reading) => sum + reading.share, 0)).toBeCloseTo(1, 10);
    }
  });

  it('should refuse a snapshot whose reading is not a share or not a known row', async () => {
    const columns = (await compareCanaries('bad-version', 2)) ?? [];
    const plan = examplePlan('canary');
    const shown = viewAt(replayOf(plan, simulate(plan, { scenario: 'bad-version' })), 60_000, { playing: false, speed: 60 });
    const snapshot = (rows: unknown[]): unknown => ({
      type: 'view/snapshot',
      seq: 1,
      view: { ...shown, comparison: { options: [], status: 'done', scenario: 'bad-version', runs: 2, done: 4, message: '', columns: [{ ...columns[0], readings: rows }] } },
    });
    const stalled = columns[0]?.readings[1];
    expect(hostMessageProblem(snapshot(columns[0]?.readings ?? []))).toBeNull();
    expect(hostMessageProblem(snapshot([{ ...stalled, share: 1.5 }]))).toBe('message.view.comparison.columns[0].readings[0].share: expected a number 0..1');
    expect(hostMessageProblem(snapshot([{ ...stalled, key: 'alarm' }]))).toMatch(/^message\.view\.comparison\.columns\[0\]\.readings\[0\]\.key: expected one of detection, falseAlarm, stalled/);
    expect(hostMessageProblem(snapshot([{ ...stalled, detail: undefined }]))).toBe('message.view.comparison.columns[0].readings[0].detail: expected a string');
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
