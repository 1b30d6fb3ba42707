// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../webview/views/metrics';
import { chartRange, clippedPeaks } from '../../../webview/views/chartRange';
import type { MetricChartView } from '../../../src/protocol/view';
import { createStatechart, layoutStatechart } from '../../../webview/views/statechart';
import { mount, recorder, texts, viewFixture } from './fixtures';

describe('metrics view', () => {
  it('should draw a line per version, the gate thresholds and the firing moment', () => {
    const root = mount();
    createMetrics(root, recorder()).update(viewFixture());
    expect([...root.querySelectorAll('path.line')].map((path) => path.getAttribute('class'))).toEqual(['line role-stable', 'line role-candidate']);
    expect(root.querySelector('path.line.role-candidate')?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(texts(root, '.threshold text')).toEqual(['error-rate passes < 0.01', 'error-rate fails >= 0.05']);
    expect(texts(root, '.firing text')).toEqual(['error-rate fired at 3m 19s']);
    expect(root.querySelector('figcaption')?.textContent).toBe('Error rate: stable 0.1%, canary 19%');
  });

  it('should put the cursor at the current time and keep charts by metric', () => {
    const root = mount();
    const part = createMetrics(root, recorder());
    part.update(viewFixture());
    const chart = root.querySelector('figure.chart');
    const end = Number(root.querySelector('line.cursor')?.getAttribute('x1'));
    part.update(viewFixture({ time: { t: 0, endMs: 199_473, playing: false, speed: 60 } }));
    expect(root.querySelector('figure.chart')).toBe(chart);
    expect(Number(root.querySelector('line.cursor')?.getAttribute('x1'))).toBeLessThan(end);
  });
});

/** A p99 latency chart whose canary spikes once to 5 s while its gate's threshold is 400 ms. */
function spikyLatency(): MetricChartView {
  const calm = (base: number) => Array.from({ length: 12 }, (_, i) => ({ t: i * 10_000, value: base + (i % 3) }));
  const candidate = calm(90);
  candidate[6] = { t: 60_000, value: 5_000 };
  return {
    metric: 'latencyP99',
    label: 'Latency p99',
    unit: 'ms',
    series: [
      { role: 'stable', label: 'stable', points: calm(60) },
      { role: 'candidate', label: 'canary', points: candidate },
    ],
    thresholds: [{ gate: 'latency', kind: 'success', op: '<', value: 400 }],
    firings: [],
  };
}

describe('metrics view, when one sample spikes', () => {
  it('should clip the axis near the threshold, mark the spike at the top edge with its real value, and say so', () => {
    const root = mount();
    createMetrics(root, recorder()).update(viewFixture({ metrics: [spikyLatency()] }));
    const thresholdY = Number(root.querySelector('.threshold line')?.getAttribute('y1'));
    // The plot runs from y 10 (top) to y 128 (bottom): 400 ms sits in its upper half, not squashed
    // into the bottom pixels as it would be on an axis up to 5 s (y about 119).
    expect(thresholdY).toBeLessThan(69);
    expect(texts(root, '.clip-note')).toEqual(['axis clipped at 600 ms: ▲ 1 sample above']);
    expect(texts(root, '.clip-mark title')).toEqual(['canary 5000 ms at 1m, above the clipped axis']);
    expect(root.querySelector('.clip-mark')?.getAttribute('class')).toBe('clip-mark role-candidate');
    expect(root.querySelector('svg')?.getAttribute('aria-label')).toContain('axis clipped at 600 ms');
    // The line stops at the top edge instead of leaving the chart.
    const ys = (root.querySelector('path.line.role-candidate')?.getAttribute('d') ?? '').split(/[ML]/).filter(Boolean).map((pair) => Number(pair.split(',')[1]));
    expect(Math.min(...ys)).toBe(10);
  });

  it('should not clip a bad version whose whole series is far above its threshold', () => {
    const root = mount();
    createMetrics(root, recorder()).update(viewFixture());
    expect(texts(root, '.clip-note')).toEqual(['']);
    expect(root.querySelectorAll('.clip-mark')).toHaveLength(0);
  });

  it('should drop the clip marks once the spike is no longer in the data', () => {
    const root = mount();
    const part = createMetrics(root, recorder());
    part.update(viewFixture({ metrics: [spikyLatency()] }));
    const calm = spikyLatency();
    calm.series = calm.series.map((series) => ({ ...series, points: series.points.filter((point) => point.value < 1_000) }));
    part.update(viewFixture({ metrics: [calm] }));
    expect(root.querySelectorAll('.clip-mark')).toHaveLength(0);
    expect(texts(root, '.clip-note')).toEqual(['']);
  });

  it.each([
    { name: 'one spike over a threshold', series: [[60, 62, 5_000, 61]], thresholds: [400], floor: 1, range: { top: 600, clipped: true } },
    { name: 'a bad version, high throughout', series: [[0.002, 0.002, 0.001], [0.2, 0.19]], thresholds: [0.01, 0.05], floor: 0.01, range: { top: 0.2 * 1.15, clipped: false } },
    { name: 'a spike under three times the threshold', series: [[60, 61, 1_100]], thresholds: [400], floor: 1, range: { top: 1_100 * 1.15, clipped: false } },
    { name: 'no data yet', series: [[]], thresholds: [], floor: 0.01, range: { top: 0.01 * 1.15, clipped: false } },
  ])('should range the axis for $name', ({ series, thresholds, floor, range }) => {
    const got = chartRange(series, thresholds, floor);
    expect(got.clipped).toBe(range.clipped);
    expect(got.top).toBeCloseTo(range.top);
  });

  it('should mark one peak per run of clipped samples', () => {
    const points = [0, 900, 5_000, 10, 700].map((value, t) => ({ t, value }));
    expect(clippedPeaks(points, 600)).toEqual([{ t: 2, value: 5_000, samples: 2 }, { t: 4, value: 700, samples: 1 }]);
  });
});

describe('statechart view', () => {
  it('should lay states out in layers from the initial state', () => {
    const { states } = layoutStatechart(viewFixture().statechart);
    expect(states.map((state) => `${state.id}:${state.layer}`)).toEqual(['provisioning:0', 'progressing:1', 'rollingBack:2', 'promoted:2', 'rolledBack:3']);
  });

  it('should light the active state and the transitions leaving it', () => {
    const root = mount();
    const view = viewFixture();
    view.statechart = { ...view.statechart, active: 'progressing', activePath: 'progressing.steps.pausing' };
    createStatechart(root).update(view);
    expect(texts(root, 'g.state.active text')).toEqual(['progressing']);
    expect(root.querySelectorAll('path.transition.from-active')).toHaveLength(2);
    expect(root.querySelector('.statechart-caption')?.textContent).toBe('Now: progressing.steps.pausing');
    expect(root.querySelectorAll('g.state.final')).toHaveLength(2);
  });
});
