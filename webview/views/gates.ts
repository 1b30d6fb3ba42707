import { select } from 'd3-selection';
import type { GateView, MeasurementView } from '../../src/protocol/view';
import { metricValue } from '../format';
import type { PanelPart } from './part';

type Unit = 'ratio' | 'ms' | 'rps';

const PHASE_MARK: Record<MeasurementView['phase'], string> = { successful: '✓', failed: '✗', inconclusive: '?', error: '!' };

/** Each metric gate with its phase and every measurement so far (value and verdict). */
export function createGates(root: HTMLElement): PanelPart {
  const container = select(root).append('div').attr('class', 'gates');
  const empty = container.append('p').attr('class', 'empty').text('This plan has no metric gates.');
  const list = container.append('ul').attr('class', 'gate-list');
  let drawnKey = '';
  return {
    update(view) {
      // Same inputs, same picture: rewriting equal text still costs style and layout every frame.
      const drawKey = JSON.stringify(view.gates);
      if (drawKey === drawnKey) return;
      drawnKey = drawKey;
      empty.attr('hidden', view.gates.length > 0 ? '' : null);
      const items = list
        .selectAll<HTMLLIElement, GateView>('li.gate')
        .data(view.gates, (gate) => gate.name)
        .join((enter) => {
          const item = enter.append('li');
          const heading = item.append('div').attr('class', 'gate-heading');
          heading.append('span').attr('class', 'gate-name');
          heading.append('span').attr('class', 'gate-phase badge');
          item.append('p').attr('class', 'gate-message');
          item.append('ol').attr('class', 'measurements');
          return item;
        })
        .attr('class', (gate) => `gate phase-${gate.phase}`);
      items.select('.gate-name').text((gate) => `${gate.name} (${gate.metric})`);
      items.select('.gate-phase').text((gate) => gate.phase);
      items.select('.gate-message').text((gate) => gate.message);
      items
        .select('ol.measurements')
        .selectAll<HTMLLIElement, MeasurementView & { unit: Unit }>('li')
        .data((gate) => gate.measurements.map((measurement) => ({ ...measurement, unit: unitOf(gate) })), (measurement) => String(measurement.t))
        .join('li')
        .attr('class', (measurement) => `measurement phase-${measurement.phase}`)
        .text((measurement) => `${PHASE_MARK[measurement.phase]} ${metricValue(measurement.value, measurement.unit)}`);
    },
    destroy() {
      container.remove();
    },
  };
}

function unitOf(gate: GateView): Unit {
  if (gate.metric === 'errorRate') return 'ratio';
  return gate.metric === 'requestRate' ? 'rps' : 'ms';
}
