import type { OperatorVerb } from '../src/protocol/messages';
import { OPERATOR_VERBS } from '../src/protocol/messages';
import type { PanelView } from '../src/protocol/view';
import { clock, element } from './format';
import type { PanelPart, PartContext } from './views/part';

const VERB_LABELS: Record<OperatorVerb, string> = {
  promote: 'Promote',
  promoteFull: 'Promote full',
  pause: 'Pause',
  resume: 'Resume',
  retry: 'Retry',
  skipStep: 'Skip step',
  abort: 'Abort',
};

const STATE_WORDS: Record<NonNullable<PanelView['live']>['state'], string> = {
  running: 'running',
  paused: 'stopped, waiting for an operator',
  interrupted: 'no runner (interrupted): resume or abort it',
  ended: 'ended',
};

/**
 * The bar a live panel shows instead of playback: a "LIVE · real run" badge, where the run is,
 * and the operator verbs. The verbs act on real traffic; the host asks for confirmation where
 * traffic changes before it sends them to the runner. Hidden in simulation and report modes.
 */
export function createLiveControls(root: HTMLElement, context: PartContext): PanelPart {
  const bar = element('div', 'controls live-controls');
  bar.hidden = true;
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Real run');
  const badge = element('span', 'live-badge', 'LIVE · real run');
  const status = element('output', 'live-status');
  status.setAttribute('aria-live', 'polite');
  const verbs = element('div', 'control-group operator');
  const buttons = new Map<OperatorVerb, HTMLButtonElement>();
  for (const verb of OPERATOR_VERBS) {
    const node = element('button', `operator-${verb}${verb === 'abort' ? ' danger' : ''}`, VERB_LABELS[verb]);
    node.type = 'button';
    node.dataset.verb = verb;
    node.addEventListener('click', () => context.post({ type: `operator/${verb}` }));
    buttons.set(verb, node);
    verbs.append(node);
  }
  const simulate = element('button', 'live-leave', 'Back to simulation');
  simulate.type = 'button';
  simulate.title = 'Show a simulation of the plan again; the run goes on';
  simulate.addEventListener('click', () => context.post({ type: 'scenario/choose', name: '' }));
  bar.append(badge, status, verbs, simulate);
  root.append(bar);

  return {
    update(view) {
      const live = view.live;
      bar.hidden = view.session.mode !== 'live' || live === undefined;
      if (!live) return;
      bar.dataset.state = live.state;
      badge.textContent = live.state === 'ended' ? 'Real run · ended' : 'LIVE · real run';
      const waiting = live.waiting && live.state === 'running' ? ' · waiting for an operator' : '';
      status.textContent = `${STATE_WORDS[live.state]}${waiting} · ${clock(view.time.t)} since start`;
      for (const [verb, node] of buttons) {
        const allowed = live.verbs.includes(verb);
        node.disabled = !allowed;
        node.hidden = live.state === 'ended';
      }
    },
    destroy() {
      bar.remove();
    },
  };
}
