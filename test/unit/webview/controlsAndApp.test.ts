// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { PanelIntent } from '../../../src/protocol/messages';
import { createApp } from '../../../webview/app';
import type { HostBridge } from '../../../webview/bridge';
import { createControls } from '../../../webview/views/controls';
import { mount, recorder, viewFixture } from './fixtures';

function fakeBridge(state: unknown = undefined): HostBridge & { deliver(message: unknown): void; sent: PanelIntent[]; state: unknown } {
  let listener: ((message: unknown) => void) | undefined;
  const bridge = {
    sent: [] as PanelIntent[],
    state,
    post: (intent: PanelIntent) => bridge.sent.push(intent),
    onMessage: (next: (message: unknown) => void) => {
      listener = next;
      return () => (listener = undefined);
    },
    getState: () => bridge.state,
    setState: (next: unknown) => (bridge.state = next),
    deliver: (message: unknown) => listener?.(message),
  };
  return bridge;
}

describe('controls', () => {
  it('should send play, step, speed, seek, scenario, seed and fault intents from labelled controls', () => {
    const root = mount();
    const host = recorder();
    createControls(root, host).update(viewFixture({ time: { t: 60_000, endMs: 199_473, playing: false, speed: 60 } }));
    const byText = (text: string): HTMLButtonElement | undefined => [...root.querySelectorAll('button')].find((button) => button.textContent === text);
    byText('Play')?.click();
    byText('Step')?.click();
    byText('Step back')?.click();
    const field = (label: string): HTMLInputElement | HTMLSelectElement | null | undefined =>
      [...root.querySelectorAll('label')].find((item) => item.querySelector('.field-label')?.textContent === label)?.querySelector('input, select');
    const set = (label: string, value: string, event: string): void => {
      const control = field(label);
      if (!control) throw new Error(`no control labelled ${label}`);
      control.value = value;
      control.dispatchEvent(new Event(event));
    };
    set('Speed', '300', 'change');
    set('Time', '1000', 'input');
    set('Scenario', 'good-version', 'change');
    set('Seed', '11', 'change');
    set('Fault', 'metricsOutage', 'change');
    byText('Inject fault now')?.click();
    expect(host.sent).toEqual([
      { type: 'playback/play' },
      { type: 'playback/step', direction: 1 },
      { type: 'playback/step', direction: -1 },
      { type: 'playback/speed', speed: 300 },
      { type: 'playback/seek', t: 1000 },
      { type: 'scenario/choose', name: 'good-version' },
      { type: 'seed/set', seed: 11 },
      { type: 'fault/inject', kind: 'metricsOutage', role: null },
    ]);
  });

  it('should hide what a report cannot do', () => {
    const root = mount();
    const view = viewFixture();
    createControls(root, recorder()).update({ ...view, session: { ...view.session, mode: 'report', faultKinds: [] } });
    expect(root.querySelector<HTMLElement>('.faults')?.hidden).toBe(true);
    expect(root.querySelector<HTMLButtonElement>('.export')?.hidden).toBe(true);
    expect(root.querySelector<HTMLSelectElement>('.scenario')?.disabled).toBe(true);
  });
});

describe('panel app', () => {
  it('should announce ready, draw valid snapshots and persist where it is', () => {
    const root = mount();
    const bridge = fakeBridge();
    createApp(root, bridge);
    expect(bridge.sent).toEqual([{ type: 'panel/ready' }]);
    bridge.deliver({ type: 'view/snapshot', seq: 1, view: viewFixture() });
    expect(root.querySelector('h1')?.textContent).toBe('checkout: canary');
    expect(root.querySelector('.outcome-banner')?.textContent).toBe('Rolled back');
    expect(bridge.state).toMatchObject({ session: { scenario: 'bad-version', seed: 7, t: 199_473, planUri: 'file:///work/canary.release.yaml' } });
  });

  it('should drop invalid and out-of-order messages and show errors as data', () => {
    const root = mount();
    const bridge = fakeBridge();
    createApp(root, bridge);
    bridge.deliver({ type: 'view/snapshot', seq: 2, view: viewFixture() });
    bridge.deliver({ type: 'view/snapshot', seq: 1, view: viewFixture({ time: { t: 0, endMs: 199_473, playing: false, speed: 60 } }) });
    bridge.deliver({ type: 'view/snapshot', seq: 3, view: { nonsense: true } });
    expect(root.querySelector<HTMLOutputElement>('output.time')?.textContent).toBe('3m 19s / 3m 19s');
    bridge.deliver({ type: 'view/error', seq: 4, message: 'no scenario "x"' });
    const error = root.querySelector<HTMLElement>('.panel-error');
    expect(error?.hidden).toBe(false);
    expect(error?.textContent).toBe('no scenario "x"');
  });

  it('should restore the event filter it saved', () => {
    const root = mount();
    createApp(root, fakeBridge({ eventFilter: { text: 'gate', level: 'info' }, session: null })).render(viewFixture());
    expect(root.querySelector<HTMLInputElement>('.events input')?.value).toBe('gate');
    expect(root.querySelectorAll('li.event')).toHaveLength(2);
  });
});
