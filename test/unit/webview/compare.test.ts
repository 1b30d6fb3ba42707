// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { CompareColumnView, ComparisonView } from '../../../src/protocol/comparison';
import { createCompare } from '../../../webview/views/compare';
import { mount, recorder, texts, viewFixture } from './fixtures';

function column(id: string, current: boolean, errors: number): CompareColumnView {
  return {
    id,
    label: id,
    strategy: current ? 'canary' : 'rolling',
    current,
    outcomes: [{ outcome: 'rolledBack', probability: 1 }],
    alarmLabel: 'Detection',
    alarm: 1,
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
    expect(texts(root, 'tr.row-alarm td')).toEqual(['100%', '100%']);
    expect(root.querySelector('tr.row-userErrors td')?.className).toBe('compare-cell best');
    expect(root.querySelectorAll('svg.compare-range rect.median')).toHaveLength(2);
    root.querySelector<HTMLButtonElement>('button.compare-choose')?.click();
    expect(host.sent).toEqual([{ type: 'compare/choose', id: 'file:///rolling.release.yaml' }]);
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
