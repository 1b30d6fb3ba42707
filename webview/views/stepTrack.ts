import { select } from 'd3-selection';
import type { StepView } from '../../src/protocol/view';
import { clock } from '../format';
import type { PanelPart } from './part';

const STATUS_TEXT: Record<StepView['status'], string> = { done: 'done', current: 'now', pending: 'next', failed: 'failed' };

/** The plan's steps as a track: done ones ticked, the current one lit with the time its pause has left. */
export function createStepTrack(root: HTMLElement): PanelPart {
  const container = select(root).append('div').attr('class', 'track');
  const caption = container.append('p').attr('class', 'track-caption');
  const list = container.append('ol').attr('class', 'steps');
  let drawnKey = '';
  return {
    update(view) {
      // Same inputs, same picture: rewriting equal text still costs style and layout every frame.
      const drawKey = JSON.stringify(view.track);
      if (drawKey === drawnKey) return;
      drawnKey = drawKey;
      const { track } = view;
      const current = track.steps.find((step) => step.status === 'current' || step.status === 'failed');
      caption.text(`${track.phase || 'starting'}${current ? ` · step ${current.index + 1} of ${track.steps.length}` : ''} · timed steps ${clock(track.estimatedDurationMs)}`);
      const items = list
        .selectAll<HTMLLIElement, StepView>('li.step')
        .data(track.steps, (step) => String(step.index))
        .join((enter) => {
          const item = enter.append('li');
          item.append('span').attr('class', 'step-status');
          item.append('span').attr('class', 'step-label');
          item.append('span').attr('class', 'step-time');
          return item;
        })
        .attr('class', (step) => `step step-${step.kind} status-${step.status}`)
        .attr('aria-current', (step) => (step.status === 'current' ? 'step' : null));
      items.select('.step-status').text((step) => STATUS_TEXT[step.status]);
      items.select('.step-label').text((step) => step.label);
      items.select('.step-time').text(stepTime);
    },
    destroy() {
      container.remove();
    },
  };
}

function stepTime(step: StepView): string {
  if (step.remainingMs !== null) return `${clock(step.remainingMs)} left`;
  return step.durationMs !== null ? clock(step.durationMs) : '';
}
