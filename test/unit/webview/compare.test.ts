// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { CompareColumnView, CompareReadingView, ComparisonView } from '../../../src/protocol/comparison';
import { createCompare } from '../../../webview/views/compare';
import { mount, recorder, texts, viewFixture } from './fixtures';

const caught: CompareReadingView[] = [
  { key: 'detection', label: 'Detection', share: 1, lowerIsBetter: false, detail: '' },
  { key: 'stalled', label: 'Stalled', share: 0, lowerIsBetter: true, detail: '' },
  { key: 'missed', label: 'Missed', share: 0, lowerIsBetter: true, detail: '' },
];

/** A plan whose policy pauses when its gate fails: no run rolls back, every run waits for an operator. */
const paused: CompareReadingView[] = [
  { key: 'detection', label: 'Detection', share: 0, lowerIsBetter: false, detail: '' },
  { key: 'stalled', label: 'Stalled', share: 1, lowerIsBetter: true, detail: '50 after a failed gate or check' },
  { key: 'missed', label: 'Missed', share: 0, lowerIsBetter: true, detail: '' },
];

function column(id: string, current: boolean, errors: number, readings: CompareReadingView[] = caught): CompareColumnView {
  return {
    id,
    label: id,
    strategy: current ? 'canary' : 'rolling',
    current,
    outcomes: [{ outcome: 'rolledBack', probability: 1 }],
    readings,
    figures: [{ key: 'userErrors', label: 'Errors users saw', unit: 'count', lowerIsBetter: true, p5: errors - 50, p50: errors, p95: errors + 50, mean: errors }],
  };
}

const done: ComparisonView = {
  options: [{ id: 'file:///rolling.release.yaml', label: 'rolling.release.yaml', description: 'plan file' }],
  status: 'done',
  scenario: 'bad-version',
  runs: 50,
  done: 100,
  message: '50 runs each',
  columns: [column('this', true, 800), column('file:///rolling.release.yaml', false, 950)],
};

describe('compare view', () => {
  it('should show both plans side by side, mark the better median and offer to switch', () => {
    const root = mount();
    const host = recorder();
    createCompare(root, host).update(viewFixture({ comparison: done }));
    expect(texts(root, 'thead th')).toEqual(['', 'this · canary', 'file:///rolling.release.yaml · rolling']);
    expect(texts(root, 'tr.row-detection td')).toEqual(['100%', '100%']);
    expect(root.querySelector('tr.row-userErrors td')?.className).toBe('compare-cell best');
    expect(root.querySelectorAll('svg.compare-range rect.median')).toHaveLength(2);
    root.querySelector<HTMLButtonElement>('button.compare-choose')?.click();
    expect(host.sent).toEqual([{ type: 'compare/choose', id: 'file:///rolling.release.yaml' }]);
  });

  it('should show stalled runs beside detection 0 %, with why they stalled, and mark the plan that stalls less', () => {
    const root = mount();
    const pausing = { ...done, columns: [column('this', true, 800, paused), column('file:///rolling.release.yaml', false, 950)] };
    const part = createCompare(root, recorder());
    part.update(viewFixture({ comparison: pausing }));
    expect(texts(root, 'tbody th')).toEqual(['Outcome', 'Detection', 'Stalled', 'Missed', 'Errors users saw']);
    expect(texts(root, 'tr.row-detection td')).toEqual(['0%', '100%']);
    expect(texts(root, 'tr.row-stalled td .compare-median')).toEqual(['100%', '0%']);
    expect(texts(root, 'tr.row-stalled td .compare-detail')).toEqual(['50 after a failed gate or check']);
    expect(texts(root, 'tr.row-missed td')).toEqual(['0%', '0%']);
    expect([...root.querySelectorAll('tr.row-stalled td')].map((cell) => cell.className)).toEqual(['compare-cell', 'compare-cell best']);
    expect([...root.querySelectorAll('tr.row-detection td')].map((cell) => cell.className)).toEqual(['compare-cell', 'compare-cell best']);
    part.update(viewFixture({ comparison: done }));
    expect(texts(root, 'tr.row-stalled td')).toEqual(['0%', '0%']);
  });

  it('should read a good version as false alarm, stalled and passed', () => {
    const root = mount();
    const good: CompareReadingView[] = [
      { key: 'falseAlarm', label: 'False alarm', share: 0, lowerIsBetter: true, detail: '' },
      { key: 'stalled', label: 'Stalled', share: 0.02, lowerIsBetter: true, detail: '1 at the simulation limit' },
      { key: 'passed', label: 'Passed', share: 0.98, lowerIsBetter: false, detail: '' },
    ];
    createCompare(root, recorder()).update(viewFixture({ comparison: { ...done, scenario: 'good-version', columns: [column('this', true, 10, good)] } }));
    expect(texts(root, 'tbody th')).toEqual(['Outcome', 'False alarm', 'Stalled', 'Passed', 'Errors users saw']);
    expect(texts(root, 'tbody tr:not(.row-outcome):not(.row-userErrors) td .compare-median')).toEqual(['0%', '2%', '98%']);
  });

  it('should ask for a comparison with the chosen plan and run count', () => {
    const root = mount();
    const host = recorder();
    createCompare(root, host).update(viewFixture({ comparison: { ...done, status: 'idle', columns: [] } }));
    root.querySelector<HTMLButtonElement>('button.compare-start')?.click();
    expect(host.sent).toEqual([{ type: 'compare/run', with: 'file:///rolling.release.yaml', runs: 100 }]);
    expect(root.querySelector<HTMLTableElement>('table.compare-table')?.hidden).toBe(true);
  });

  it('should hide itself where the panel cannot simulate (a report)', () => {
    const root = mount();
    createCompare(root, recorder()).update(viewFixture());
    expect(root.querySelector<HTMLElement>('.compare')?.hidden).toBe(true);
  });
});
