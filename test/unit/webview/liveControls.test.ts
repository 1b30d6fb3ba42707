// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { PanelIntent } from '../../../src/protocol/messages';
import type { PanelView } from '../../../src/protocol/view';
import { createApp } from '../../../webview/app';
import type { HostBridge } from '../../../webview/bridge';
import { viewFixture } from './fixtures';

function bridge(): HostBridge & { deliver(message: unknown): void; sent: PanelIntent[] } {
  let listener: ((message: unknown) => void) | undefined;
  let state: unknown;
  const fake = {
    sent: [] as PanelIntent[],
    post: (intent: PanelIntent) => fake.sent.push(intent),
    onMessage: (next: (message: unknown) => void) => {
      listener = next;
      return () => (listener = undefined);
    },
    getState: () => state,
    setState: (next: unknown) => (state = next),
    deliver: (message: unknown) => listener?.(message),
  };
  return fake;
}

/** The fixture as a live panel shows a real run (mode live, no playback, operator verbs). */
function liveView(live: NonNullable<PanelView['live']>): PanelView {
  const base = viewFixture();
  return { ...viewFixture({ session: { ...base.session, mode: 'live', scenario: 'real run', scenarios: [], faultKinds: [] } }), outcome: { ...base.outcome, outcome: live.state === 'ended' ? 'rolledBack' : null }, live };
}

describe('live panel (a real run)', () => {
  it('shows the LIVE badge and operator buttons instead of playback, and sends operator intents', () => {
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    const host = bridge();
    createApp(root, host);
    host.deliver({ type: 'view/snapshot', seq: 1, view: liveView({ runDir: '/runs/demo', startedAt: '2026-11-26T16:49:43.011Z', state: 'running', waiting: false, verbs: ['promote', 'pause', 'abort'] }) });
    expect(root.querySelector('.live-badge')?.textContent).toBe('LIVE · real run');
    expect(root.querySelector<HTMLElement>('.live-controls')?.hidden).toBe(false);
    expect(root.querySelector<HTMLElement>('.playback-root')?.hidden).toBe(true);
    const abort = root.querySelector<HTMLButtonElement>('button.operator-abort');
    expect(abort?.disabled).toBe(false);
    expect(root.querySelector<HTMLButtonElement>('button.operator-retry')?.disabled).toBe(true);
    abort?.click();
    expect(host.sent.at(-1)).toEqual({ type: 'operator/abort' });
    root.querySelector<HTMLButtonElement>('button.live-leave')?.click();
    expect(host.sent.at(-1)).toEqual({ type: 'scenario/choose', name: '' });

    host.deliver({ type: 'view/snapshot', seq: 2, view: liveView({ runDir: '/runs/demo', startedAt: '2026-11-26T16:49:43.011Z', state: 'ended', waiting: false, verbs: [] }) });
    expect(root.querySelector('.live-badge')?.textContent).toBe('Real run · ended');
    expect(root.querySelector<HTMLButtonElement>('button.operator-abort')?.hidden).toBe(true);
  });

  it('keeps the live bar hidden and playback shown for a simulation', () => {
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    const host = bridge();
    createApp(root, host);
    host.deliver({ type: 'view/snapshot', seq: 1, view: viewFixture() });
    expect(root.querySelector<HTMLElement>('.live-controls')?.hidden).toBe(true);
    expect(root.querySelector<HTMLElement>('.playback-root')?.hidden).toBe(false);
  });
});
