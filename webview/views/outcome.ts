import { select } from 'd3-selection';
import type { FigureView } from '../../src/protocol/view';
import type { PanelPart } from './part';

const OUTCOME_TEXT: Record<string, string> = { promoted: 'Promoted', rolledBack: 'Rolled back', aborted: 'Aborted', paused: 'Paused', failed: 'Failed' };

/** The outcome once playback reaches the end (promoted or rolled back, and why), and the run's figures. */
export function createOutcome(root: HTMLElement): PanelPart {
  const container = select(root).append('div').attr('class', 'outcome');
  const banner = container.append('p').attr('class', 'outcome-banner').attr('role', 'status');
  const reason = container.append('p').attr('class', 'outcome-reason');
  const figures = container.append('dl').attr('class', 'figures');
  let drawnKey = '';
  return {
    update(view) {
      // Same inputs, same picture: rewriting equal text still costs style and layout every frame.
      const drawKey = JSON.stringify(view.outcome);
      if (drawKey === drawnKey) return;
      drawnKey = drawKey;
      const { outcome } = view;
      const ended = outcome.outcome !== null;
      banner
        .attr('class', `outcome-banner ${ended ? `outcome-${outcome.outcome}` : 'outcome-running'}`)
        .attr('data-outcome', outcome.outcome ?? 'running')
        .text(ended ? (OUTCOME_TEXT[outcome.outcome ?? ''] ?? outcome.outcome ?? '') : 'Running…');
      reason.text(outcome.reason).attr('hidden', ended ? null : '');
      const rows = figures
        .selectAll<HTMLDivElement, FigureView>('div.figure')
        .data(ended ? outcome.figures : outcome.live, (figure) => figure.key)
        .join((enter) => {
          const row = enter.append('div');
          row.append('dt');
          row.append('dd');
          return row;
        })
        .attr('class', (figure) => `figure figure-${figure.key}${figure.bad ? ' bad' : ''}`);
      rows.select('dt').text((figure) => figure.label);
      rows.select('dd').text((figure) => figure.value);
    },
    destroy() {
      container.remove();
    },
  };
}
