import type { PanelView } from '../../src/protocol/view';
import { clock, element } from '../format';
import type { PanelPart, PartContext } from './part';
import { setOptions } from './selectOptions';

export const SPEEDS = [1, 10, 30, 60, 120, 300, 600] as const;
const SCRUB_STEP_MS = 100;

function button(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const node = element('button', className, label);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

function field(label: string, control: HTMLElement, className = 'field'): HTMLLabelElement {
  const wrapper = element('label', className);
  wrapper.append(element('span', 'field-label', label), control);
  return wrapper;
}

/**
 * Playback (play/pause, step, speed, the scrub slider) and what-if controls (scenario, seed,
 * fault injection). Native form controls with labels, so every one is reachable by keyboard.
 */
export function createControls(root: HTMLElement, context: PartContext): PanelPart {
  const { post } = context;
  let view: PanelView | undefined;
  let scrubbing = false;
  const bar = element('div', 'controls');
  const playback = element('div', 'control-group playback');
  const play = button('Play', 'play', () => post({ type: view?.time.playing ? 'playback/pause' : 'playback/play' }));
  const back = button('Step back', 'step-back', () => post({ type: 'playback/step', direction: -1 }));
  const forward = button('Step', 'step-forward', () => post({ type: 'playback/step', direction: 1 }));
  const speed = element('select', 'speed');
  setOptions(speed, SPEEDS.map((value) => ({ value: String(value), label: `${value}×` })));
  speed.addEventListener('change', () => post({ type: 'playback/speed', speed: Number(speed.value) }));
  const slider = element('input', 'scrub');
  slider.type = 'range';
  slider.min = '0';
  slider.step = String(SCRUB_STEP_MS);
  slider.addEventListener('pointerdown', () => (scrubbing = true));
  slider.addEventListener('pointerup', () => (scrubbing = false));
  slider.addEventListener('input', () => post({ type: 'playback/seek', t: Number(slider.value) }));
  const time = element('output', 'time');
  time.setAttribute('aria-live', 'off');
  playback.append(play, back, forward, field('Speed', speed), field('Time', slider, 'field scrub-field'), time);

  const whatIf = element('div', 'control-group what-if');
  const scenario = element('select', 'scenario');
  scenario.addEventListener('change', () => post({ type: 'scenario/choose', name: scenario.value }));
  const seed = element('input', 'seed');
  seed.type = 'number';
  seed.min = '0';
  seed.step = '1';
  seed.addEventListener('change', () => {
    const value = Number(seed.value);
    if (Number.isInteger(value) && value >= 0) post({ type: 'seed/set', seed: value });
  });
  const faultKind = element('select', 'fault-kind');
  const faultRole = element('select', 'fault-role');
  setOptions(faultRole, [{ value: '', label: 'default' }, { value: 'stable', label: 'stable' }, { value: 'candidate', label: 'candidate' }]);
  const inject = button('Inject fault now', 'inject', () => {
    const role = faultRole.value === 'stable' || faultRole.value === 'candidate' ? faultRole.value : null;
    post({ type: 'fault/inject', kind: faultKind.value, role });
  });
  const clear = button('Clear faults', 'clear-faults', () => post({ type: 'fault/clear' }));
  const exportReport = button('Export report…', 'export', () => post({ type: 'report/export' }));
  const faults = element('div', 'control-group faults');
  faults.append(field('Fault', faultKind), field('On', faultRole), inject, clear);
  whatIf.append(field('Scenario', scenario), field('Seed', seed), faults, exportReport);
  bar.append(playback, whatIf);
  root.append(bar);

  return {
    update(next) {
      view = next;
      const { time: now, session } = next;
      play.textContent = now.playing ? 'Pause' : now.t >= now.endMs ? 'Replay' : 'Play';
      play.setAttribute('aria-pressed', String(now.playing));
      speed.value = String(now.speed);
      // Rounded up to the slider's step so its end reaches the run's end (the host clamps t).
      slider.max = String(Math.ceil(now.endMs / SCRUB_STEP_MS) * SCRUB_STEP_MS);
      if (!scrubbing) slider.value = String(now.t);
      slider.setAttribute('aria-valuetext', `${clock(now.t)} of ${clock(now.endMs)}`);
      time.textContent = `${clock(now.t)} / ${clock(now.endMs)}`;
      // The exact instant, for tests and tools: the text is rounded to the second.
      time.dataset.t = String(now.t);
      const simulation = session.mode === 'simulation';
      setOptions(scenario, session.scenarios.length > 0 ? session.scenarios.map((item) => ({ value: item.name, label: item.name })) : [{ value: session.scenario, label: session.scenario }]);
      scenario.value = session.scenario;
      scenario.disabled = !simulation;
      if (document.activeElement !== seed) seed.value = String(session.seed);
      seed.disabled = !simulation;
      setOptions(faultKind, session.faultKinds.map((kind) => ({ value: kind, label: kind })));
      faults.hidden = session.faultKinds.length === 0;
      clear.hidden = session.injectedFaults.length === 0;
      exportReport.hidden = !simulation;
    },
    destroy() {
      bar.remove();
    },
  };
}
