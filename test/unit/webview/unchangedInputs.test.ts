// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createEvents } from '../../../webview/views/events';
import { createMetrics } from '../../../webview/views/metrics';
import { mount, recorder, texts, viewFixture } from './fixtures';

// Snapshots arrive every frame; a view redraws only what its inputs changed (bench:panel figures).
describe('views skip unchanged inputs', () => {
  it('should keep the event items and only move the cursor mark when the journal is the same', () => {
    const root = mount();
    const events = createEvents(root, recorder(), { text: '', level: 'info' }, () => undefined);
    const first = viewFixture();
    events.update(first);
    const before = [...root.querySelectorAll('li.event')];
    const at = first.events[1]?.t ?? 0;
    events.update(viewFixture({ time: { ...first.time, t: at } }));
    const after = [...root.querySelectorAll('li.event')];
    expect(after).toEqual(before);
    expect(root.querySelectorAll('li.at-cursor').length).toBeGreaterThan(0);
    for (const item of root.querySelectorAll('li.at-cursor')) expect(item.querySelector('.event-time')?.textContent).toBe(after[1]?.querySelector('.event-time')?.textContent);
    events.update(viewFixture({ time: { ...first.time, t: -1 } }));
    expect(root.querySelectorAll('li.at-cursor').length).toBe(0);
    expect(texts(root, '.event-kind')).toEqual(['scale', 'traffic.set', 'gate.measure', 'gate.result', 'outcome']);
  });

  it('should move a chart cursor without redrawing its axes or lines', () => {
    const root = mount();
    const metrics = createMetrics(root, recorder());
    const view = viewFixture();
    metrics.update(view);
    const tick = root.querySelector('.axis-x .tick');
    const line = root.querySelector('path.line');
    const d = line?.getAttribute('d');
    const x1 = root.querySelector('.cursor')?.getAttribute('x1');
    metrics.update(viewFixture({ time: { ...view.time, t: view.time.t / 2 } }));
    expect(root.querySelector('.axis-x .tick')).toBe(tick);
    expect(root.querySelector('path.line')).toBe(line);
    expect(root.querySelector('path.line')?.getAttribute('d')).toBe(d);
    expect(root.querySelector('.cursor')?.getAttribute('x1')).not.toBe(x1);
  });
});
