import { select } from 'd3-selection';
import type { StatechartView, StateNodeView, TransitionView } from '../../src/protocol/view';
import type { PanelPart } from './part';

const BOX = { width: 112, height: 24 };
const GAP = { column: 40, row: 10 };
const PAD = 6;

export interface PlacedState extends StateNodeView {
  layer: number;
  row: number;
  x: number;
  y: number;
}

/**
 * A layered layout: each state's column is its distance from the initial state along transitions
 * (breadth first), states nobody reaches go last. Good enough for the ten or so top-level states a
 * strategy has, and stable: the same machine always draws the same way.
 */
export function layoutStatechart(chart: Pick<StatechartView, 'initial' | 'states' | 'transitions'>): { states: PlacedState[]; width: number; height: number } {
  const layerOf = new Map<string, number>([[chart.initial, 0]]);
  const queue = [chart.initial];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const layer = layerOf.get(next) ?? 0;
    for (const edge of chart.transitions) {
      if (edge.from !== next || layerOf.has(edge.to)) continue;
      layerOf.set(edge.to, layer + 1);
      queue.push(edge.to);
    }
  }
  const deepest = Math.max(0, ...layerOf.values());
  const rows = new Map<number, number>();
  const states = chart.states.map((state) => {
    const layer = layerOf.get(state.id) ?? deepest + 1;
    const row = rows.get(layer) ?? 0;
    rows.set(layer, row + 1);
    return { ...state, layer, row, x: PAD + layer * (BOX.width + GAP.column), y: PAD + row * (BOX.height + GAP.row) };
  });
  const layers = Math.max(1, ...states.map((state) => state.layer + 1));
  const tallest = Math.max(1, ...rows.values());
  return { states, width: PAD * 2 + layers * BOX.width + (layers - 1) * GAP.column, height: PAD * 2 + tallest * BOX.height + (tallest - 1) * GAP.row };
}

function edgePath(from: PlacedState, to: PlacedState): string {
  const forward = to.layer > from.layer;
  const x1 = forward ? from.x + BOX.width : from.x;
  const x2 = forward ? to.x : to.x + BOX.width;
  const y1 = from.y + BOX.height / 2;
  const y2 = to.y + BOX.height / 2;
  const bend = forward ? GAP.column / 2 : -GAP.column;
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}

/** The strategy machine's top-level states and transitions, the active state lit. */
export function createStatechart(root: HTMLElement): PanelPart {
  const container = select(root).append('div').attr('class', 'statechart');
  const caption = container.append('p').attr('class', 'statechart-caption');
  const svg = container.append('svg').attr('role', 'img');
  const defs = svg.append('defs');
  defs
    .append('marker')
    .attr('id', 'statechart-arrow')
    .attr('viewBox', '0 0 8 8')
    .attr('refX', 7)
    .attr('refY', 4)
    .attr('markerWidth', 6)
    .attr('markerHeight', 6)
    .attr('orient', 'auto')
    .append('path')
    .attr('class', 'arrow-head')
    .attr('d', 'M0,0 L8,4 L0,8 z');
  const edges = svg.append('g').attr('class', 'transitions');
  const nodes = svg.append('g').attr('class', 'states');
  let layoutKey = '';
  let drawnKey = '';
  let placed = new Map<string, PlacedState>();
  return {
    update(view) {
      const chart = view.statechart;
      const key = `${chart.initial}|${chart.states.map((state) => state.id).join(',')}`;
      if (key !== layoutKey) {
        // The layout only changes with the machine, not every tick.
        const layout = layoutStatechart(chart);
        placed = new Map(layout.states.map((state) => [state.id, state]));
        layoutKey = key;
        svg.attr('viewBox', `0 0 ${layout.width} ${layout.height}`).attr('width', layout.width).attr('height', layout.height);
      }
      // The machine's picture changes only when its active state (or the machine) does.
      const drawKey = `${key}|${chart.active}|${chart.activePath}|${chart.transitions.map((edge) => `${edge.from}->${edge.to}:${edge.events.join(',')}`).join(';')}|${chart.states.map((state) => `${state.id}${state.final ? '!' : ''}`).join(',')}`;
      if (drawKey === drawnKey) return;
      drawnKey = drawKey;
      caption.text(`Now: ${chart.activePath || 'not started'}`);
      svg.attr('aria-label', `Strategy machine, active state ${chart.active || 'none'}`);
      edges
        .selectAll<SVGPathElement, TransitionView>('path.transition')
        .data(chart.transitions.filter((edge) => placed.has(edge.from) && placed.has(edge.to)), (edge) => `${edge.from}->${edge.to}`)
        .join((enter) => enter.append('path').attr('marker-end', 'url(#statechart-arrow)').call((path) => path.append('title')))
        .attr('class', (edge) => `transition${edge.from === chart.active ? ' from-active' : ''}`)
        .attr('d', (edge) => {
          const from = placed.get(edge.from);
          const to = placed.get(edge.to);
          return from && to ? edgePath(from, to) : '';
        })
        .select('title')
        .text((edge) => `${edge.from} → ${edge.to}: ${edge.events.join(', ')}`);
      const states = nodes
        .selectAll<SVGGElement, PlacedState>('g.state')
        .data([...placed.values()], (state) => state.id)
        .join((enter) => {
          const group = enter.append('g');
          group.append('rect').attr('width', BOX.width).attr('height', BOX.height).attr('rx', 6);
          group.append('text').attr('x', BOX.width / 2).attr('y', BOX.height / 2).attr('dy', '0.35em').attr('text-anchor', 'middle');
          return group;
        })
        .attr('class', (state) => `state${state.final ? ' final' : ''}${state.id === chart.active ? ' active' : ''}`)
        .attr('transform', (state) => `translate(${state.x},${state.y})`);
      states.select('text').text((state) => state.id);
    },
    destroy() {
      container.remove();
    },
  };
}
