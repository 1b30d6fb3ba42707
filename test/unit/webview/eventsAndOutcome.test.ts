// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createEvents } from '../../../webview/views/events';
import type { EventFilter } from '../../../webview/views/events';
import { createOutcome } from '../../../webview/views/outcome';
import { mount, recorder, texts, viewFixture } from './fixtures';

describe('events view', () => {
  it('should list the journal and seek to an event when it is clicked', () => {
    const root = mount();
    const host = recorder();
    createEvents(root, host, { text: '', level: 'info' }, () => undefined).update(viewFixture());
    expect(texts(root, '.event-kind')).toEqual(['scale', 'traffic.set', 'gate.measure', 'gate.result', 'outcome']);
    root.querySelectorAll<HTMLButtonElement>('.event-button')[1]?.click();
    expect(host.sent).toEqual([{ type: 'playback/seek', t: 18_973 }]);
  });

  it('should filter by words and by level, and report the filter to persist it', () => {
    const root = mount();
    const saved: EventFilter[] = [];
    createEvents(root, recorder(), { text: '', level: 'info' }, (filter) => saved.push(filter)).update(viewFixture());
    const input = root.querySelector('input');
    const select = root.querySelector('select');
    if (!input || !select) throw new Error('filter controls missing');
    input.value = 'gate';
    input.dispatchEvent(new Event('input'));
    expect(texts(root, '.event-kind')).toEqual(['gate.measure', 'gate.result']);
    select.value = 'error';
    select.dispatchEvent(new Event('change'));
    expect(texts(root, '.event-kind')).toEqual(['gate.result']);
    expect(root.querySelector('.events-count')?.textContent).toBe('1 of 5');
    expect(saved[saved.length - 1]).toEqual({ text: 'gate', level: 'error' });
  });

  it('should start with a restored filter', () => {
    const root = mount();
    createEvents(root, recorder(), { text: '', level: 'warning' }, () => undefined).update(viewFixture());
    expect(texts(root, '.event-kind')).toEqual(['gate.measure', 'gate.result', 'outcome']);
  });
});

describe('outcome view', () => {
  it('should tell the rollback, why, and the figures with bad ones marked', () => {
    const root = mount();
    createOutcome(root).update(viewFixture());
    expect(root.querySelector('.outcome-banner')?.textContent).toBe('Rolled back');
    expect(root.querySelector('.outcome-banner')?.getAttribute('data-outcome')).toBe('rolledBack');
    expect(texts(root, '.figure dt')).toEqual(['Duration', 'Errors users saw']);
    expect(root.querySelector('.figure.bad dd')?.textContent).toBe('825 (2.1%)');
  });

  it('should show live figures while the run plays', () => {
    const root = mount();
    createOutcome(root).update(viewFixture({ outcome: { outcome: null, reason: '', figures: [], live: [{ key: 'requests', label: 'Requests served', value: '100', bad: false }] } }));
    expect(root.querySelector('.outcome-banner')?.textContent).toBe('Running…');
    expect(texts(root, '.figure dd')).toEqual(['100']);
    expect(root.querySelector('.outcome-reason')?.hasAttribute('hidden')).toBe(true);
  });
});
