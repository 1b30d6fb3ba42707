// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { RiskView } from '../../../src/protocol/risk';
import { createRisk } from '../../../webview/views/risk';
import { mount, recorder, viewFixture } from './fixtures';

const done: RiskView = {
  status: 'done',
  runs: 200,
  done: 400,
  message: '200 runs each of bad-version and good-version',
  bad: { scenario: 'bad-version', runs: 200, headline: 'caught in 99.5% of runs (0.5% promoted it, 0.0% stopped half-way)', figure: 'Users who saw errors', unit: 'count', bins: [{ from: 100, to: 200, count: 150 }, { from: 200, to: 300, count: 50 }], p50: 160, p95: 280 },
  good: { scenario: 'good-version', runs: 200, headline: 'rolled back in 0.5% of runs (0.0% stopped half-way)', figure: 'Duration', unit: 'duration', bins: [{ from: 840_000, to: 870_000, count: 200 }], p50: 860_000, p95: 869_000 },
};

describe('risk part', () => {
  it('should ask the host for the chosen number of runs', () => {
    const root = mount();
    const host = recorder();
    const part = createRisk(root, host);
    part.update({ ...viewFixture(), risk: { status: 'idle', runs: 0, done: 0, message: '', bad: null, good: null } });
    const runs = root.querySelector<HTMLSelectElement>('select.risk-runs')!;
    runs.value = '1000';
    root.querySelector<HTMLButtonElement>('button.risk-start')!.click();
    expect(host.sent).toEqual([{ type: 'risk/run', runs: 1000 }]);
    expect(root.querySelectorAll('figure.risk-plot')).toHaveLength(0);
  });

  it('should draw a histogram per scenario under the sentence that says how its runs ended', () => {
    const root = mount();
    const part = createRisk(root, recorder());
    part.update({ ...viewFixture(), risk: done });
    const plots = [...root.querySelectorAll('figure.risk-plot')];
    expect(plots.map((plot) => plot.querySelector('figcaption')?.textContent)).toEqual([
      'Users who saw errors in bad-version (200 runs): caught in 99.5% of runs (0.5% promoted it, 0.0% stopped half-way); median 160, p95 280',
      'Duration in good-version (200 runs): rolled back in 0.5% of runs (0.0% stopped half-way); median 14m 20s, p95 14m 29s',
    ]);
    const bars = [...plots[0]!.querySelectorAll('rect.bar')];
    expect(bars).toHaveLength(2);
    // Three times as many runs in the first bar: three times as tall.
    const heights = bars.map((bar) => Number(bar.getAttribute('height')));
    expect(heights[0]! / heights[1]!).toBeCloseTo(3, 5);
    expect(plots[0]!.querySelectorAll('line.mark')).toHaveLength(2);
  });

  it('should hide where the panel cannot simulate (a report or a real run)', () => {
    const root = mount();
    const part = createRisk(root, recorder());
    part.update(viewFixture());
    expect(root.querySelector<HTMLElement>('.risk')?.hidden).toBe(true);
  });
});
