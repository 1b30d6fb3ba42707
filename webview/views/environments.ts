import { select } from 'd3-selection';
import type { Selection } from 'd3-selection';
import type { EnvironmentView, InstanceState } from '../../src/protocol/view';
import { INSTANCE_STATES } from '../../src/protocol/view';
import { drawCellsOnCanvas } from './cellCanvas';
import type { PanelPart } from './part';

/** Above this many instances in one environment, SVG nodes cost more than they show: cells go to a canvas. */
export const CANVAS_THRESHOLD = 2000;
const WIDTH = 320;

export interface Cell {
  key: string;
  state: InstanceState;
}

/** One cell per instance, serving ones first; keyed by position so a cell changes colour rather than moving. */
export function cellsOf(environment: EnvironmentView): Cell[] {
  const cells: Cell[] = [];
  for (const state of INSTANCE_STATES) {
    for (let index = 0; index < environment.counts[state]; index += 1) cells.push({ key: `${environment.role}-${cells.length}`, state });
  }
  return cells;
}

/** Cell size shrinks with the count so any fleet fits the same width. */
export function cellLayout(count: number): { size: number; gap: number; columns: number } {
  const size = count <= 40 ? 18 : count <= 200 ? 10 : count <= 1000 ? 6 : 3;
  const gap = size >= 10 ? 3 : 1;
  return { size, gap, columns: Math.max(1, Math.floor(WIDTH / (size + gap))) };
}

export function summary(environment: EnvironmentView): string {
  const parts = INSTANCE_STATES.filter((state) => environment.counts[state] > 0).map((state) => `${environment.counts[state]} ${state}`);
  return parts.length > 0 ? parts.join(', ') : 'no instances';
}

/** Environments as groups of instance cells, coloured by version (role) and state. */
export function createEnvironments(root: HTMLElement): PanelPart {
  const container = select(root).append('div').attr('class', 'environments');
  return {
    update(view) {
      const groups = container
        .selectAll<HTMLDivElement, EnvironmentView>('div.environment')
        .data(view.environments, (environment) => environment.role)
        .join((enter) => {
          const group = enter.append('div').attr('class', (environment) => `environment role-${environment.role}`);
          const heading = group.append('h3').attr('class', 'environment-heading');
          heading.append('span').attr('class', 'environment-name');
          heading.append('span').attr('class', 'environment-version');
          group.append('p').attr('class', 'environment-summary');
          group.append('svg').attr('class', 'cells').attr('role', 'img');
          group.append('canvas').attr('class', 'cells-canvas').attr('role', 'img').attr('hidden', '');
          return group;
        });
      groups.select('.environment-name').text((environment) => environment.label);
      groups.select('.environment-version').text((environment) => environment.version);
      groups.select('.environment-summary').text(summary);
      groups.each(function drawCells(environment) {
        drawEnvironment(this, environment);
      });
    },
    destroy() {
      container.remove();
    },
  };
}

function drawEnvironment(group: HTMLDivElement, environment: EnvironmentView): void {
  // Counts change a few times a minute of virtual time, snapshots arrive every frame: redraw only on change.
  const signature = `${environment.label}|${environment.version}|${INSTANCE_STATES.map((state) => environment.counts[state]).join(',')}`;
  if (group.dataset.signature === signature) return;
  group.dataset.signature = signature;
  const cells = cellsOf(environment);
  const layout = cellLayout(cells.length);
  const rows = Math.max(1, Math.ceil(cells.length / layout.columns));
  const height = rows * (layout.size + layout.gap);
  const label = `${environment.label} ${environment.version}: ${summary(environment)}`;
  const svg = select(group).select<SVGSVGElement>('svg.cells');
  const canvas = select(group).select<HTMLCanvasElement>('canvas.cells-canvas');
  const useCanvas = cells.length > CANVAS_THRESHOLD;
  svg.attr('hidden', useCanvas ? '' : null).attr('aria-label', label);
  canvas.attr('hidden', useCanvas ? null : '').attr('aria-label', label);
  if (useCanvas) {
    svg.selectAll('rect').remove();
    const node = canvas.node();
    if (node) drawCellsOnCanvas(node, environment.role, cells, layout, WIDTH, height);
    return;
  }
  const layoutKey = `${layout.size}/${layout.columns}`;
  const relayout = svg.attr('data-layout') !== layoutKey;
  svg.attr('data-layout', layoutKey).attr('viewBox', `0 0 ${WIDTH} ${height}`).attr('width', WIDTH).attr('height', height);
  const place = (rects: Selection<SVGRectElement, Cell, SVGSVGElement, unknown>): void => {
    rects
      .attr('rx', Math.min(3, layout.size / 4))
      .attr('x', (_, index) => (index % layout.columns) * (layout.size + layout.gap))
      .attr('y', (_, index) => Math.floor(index / layout.columns) * (layout.size + layout.gap))
      .attr('width', layout.size)
      .attr('height', layout.size);
  };
  const rects = svg
    .selectAll<SVGRectElement, Cell>('rect.cell')
    .data(cells, (cell) => cell.key)
    .join((enter) => enter.append('rect').call(place));
  // A cell keeps its key (its position), so only a new layout moves cells; most updates only recolour a few.
  if (relayout) place(rects);
  rects.each(function colour(cell) {
    const className = `cell role-${environment.role} state-${cell.state}`;
    if (this.getAttribute('class') !== className) this.setAttribute('class', className);
  });
}

/** For tests and the bench: the canvas path is chosen by count alone. */
export function usesCanvas(environment: EnvironmentView): boolean {
  return cellsOf(environment).length > CANVAS_THRESHOLD;
}
