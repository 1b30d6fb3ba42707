// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createGates } from '../../../webview/views/gates';
import { createStepTrack } from '../../../webview/views/stepTrack';
import { createTraffic } from '../../../webview/views/traffic';
import { mount, texts, viewFixture } from './fixtures';

describe('traffic view', () => {
  it('should size each segment by its weight and say the split in words', () => {
    const root = mount();
    createTraffic(root).update(viewFixture({ traffic: { weights: { stable: 75, candidate: 25 }, rps: { stable: 150, candidate: 50 }, headerRoutes: [], mirrorPercent: 0 } }));
    const widths = [...root.querySelectorAll('rect.segment')].map((rect) => rect.getAttribute('width'));
    expect(widths).toEqual(['240', '80']);
    expect(root.querySelector('.traffic-caption')?.textContent).toBe('stable 75% (150 rps) · canary 25% (50 rps)');
    expect(root.querySelector('.traffic-mirror')?.hasAttribute('hidden')).toBe(true);
  });

  it('should leave out request rates for a real run, which knows only the weights', () => {
    const root = mount();
    const live = { runDir: '/runs/demo', startedAt: '2026-11-26T16:49:43.011Z', state: 'running' as const, waiting: false, verbs: [] };
    createTraffic(root).update(viewFixture({ live, traffic: { weights: { stable: 80, candidate: 20 }, rps: { stable: 0, candidate: 0 }, headerRoutes: [], mirrorPercent: 0 } }));
    expect(root.querySelector('.traffic-caption')?.textContent).toBe('stable 80% · canary 20%');
  });

  it('should give no request rate to a role the router sends nothing to, as after a rollback', () => {
    const root = mount();
    // The rate is measured over the last interval: the canary's 20 rps are from before the switch back.
    createTraffic(root).update(viewFixture({ traffic: { weights: { stable: 100, candidate: 0 }, rps: { stable: 180, candidate: 20 }, headerRoutes: [], mirrorPercent: 0 } }));
    expect(root.querySelector('.traffic-caption')?.textContent).toBe('stable 100% (180 rps) · canary 0%');
  });

  it('should list header routes and the mirrored share', () => {
    const root = mount();
    createTraffic(root).update(viewFixture({ traffic: { weights: { stable: 100, candidate: 0 }, rps: { stable: 200, candidate: 0 }, headerRoutes: [{ name: 'ab-test', match: 'header x-variant = b' }], mirrorPercent: 50 } }));
    expect(texts(root, '.header-routes li')).toEqual(['ab-test: header x-variant = b → canary']);
    expect(root.querySelector('.traffic-mirror')?.textContent).toContain('Mirrored to canary: 50%');
  });
});

describe('step track view', () => {
  it('should mark done, failed and pending steps', () => {
    const root = mount();
    createStepTrack(root).update(viewFixture());
    const classes = [...root.querySelectorAll('li.step')].map((item) => item.className);
    expect(classes).toEqual(['step step-setWeight status-done', 'step step-pause status-done', 'step step-analysis status-failed', 'step step-setWeight status-pending']);
    expect(root.querySelector('.track-caption')?.textContent).toBe('rolledBack · step 3 of 4 · timed steps 9m');
  });

  it('should count a current pause down and mark it as the current step', () => {
    const root = mount();
    const view = viewFixture();
    view.track.steps[1] = { index: 1, label: 'pause 2m', kind: 'pause', status: 'current', durationMs: 120_000, remainingMs: 79_000 };
    createStepTrack(root).update(view);
    const current = root.querySelector('[aria-current="step"]');
    expect(current?.querySelector('.step-time')?.textContent).toBe('1m 19s left');
  });
});

describe('gates view', () => {
  it('should show each gate phase and its measurements', () => {
    const root = mount();
    createGates(root).update(viewFixture());
    expect([...root.querySelectorAll('li.gate')].map((item) => item.className)).toEqual(['gate phase-failed', 'gate phase-pending']);
    expect(texts(root, '.gate-phase')).toEqual(['failed', 'pending']);
    expect(texts(root, '.measurement')).toEqual(['✗ 17.75%', '✗ 18.93%']);
    expect(root.querySelector('.empty')?.hasAttribute('hidden')).toBe(true);
  });
});
