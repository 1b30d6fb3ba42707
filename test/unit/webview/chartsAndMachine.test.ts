// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../webview/views/metrics';
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
