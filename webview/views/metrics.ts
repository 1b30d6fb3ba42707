import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import type { Selection } from 'd3-selection';
import { line } from 'd3-shape';
import type { MetricChartView, MetricSeriesView, SeriesPoint } from '../../src/protocol/view';
import { clock, metricValue } from '../format';
import type { PanelPart, PartContext } from './part';

const WIDTH = 360;
const HEIGHT = 150;
const MARGIN = { top: 10, right: 12, bottom: 22, left: 48 };

type Threshold = MetricChartView['thresholds'][number];
type Firing = MetricChartView['firings'][number];

/**
 * One chart per metric: a line per version, each gate's threshold as a dashed line, the moment a
 * gate fired as a marked vertical, and the playback cursor. Clicking a chart seeks to that time.
 */
export function createMetrics(root: HTMLElement, context: PartContext): PanelPart {
  const container = select(root).append('div').attr('class', 'metrics');
  let endMs = 1;
  return {
    update(view) {
      endMs = Math.max(1, view.time.endMs);
      container
        .selectAll<HTMLElement, MetricChartView>('figure.chart')
        .data(view.metrics, (chart) => chart.metric)
        .join((enter) => enter.append('figure').attr('class', (chart) => `chart chart-${chart.metric}`).call(setUpChart, (t) => context.post({ type: 'playback/seek', t: t * endMs })))
        .each(function draw(chart) {
          drawChart(select(this), chart, view.time.t, endMs);
        });
    },
    destroy() {
      container.remove();
    },
  };
}

function setUpChart(figure: Selection<HTMLElement, MetricChartView, HTMLDivElement, unknown>, seekTo: (share: number) => void): void {
  figure.append('figcaption');
  const svg = figure.append('svg').attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`).attr('width', WIDTH).attr('height', HEIGHT).attr('role', 'img');
  svg.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${HEIGHT - MARGIN.bottom})`);
  svg.append('g').attr('class', 'axis axis-y').attr('transform', `translate(${MARGIN.left},0)`);
  svg.append('g').attr('class', 'thresholds');
  svg.append('g').attr('class', 'series');
  svg.append('g').attr('class', 'firings');
  svg.append('line').attr('class', 'cursor').attr('y1', MARGIN.top).attr('y2', HEIGHT - MARGIN.bottom);
  svg.on('click', (event: MouseEvent) => {
    const bounds = (event.currentTarget as SVGSVGElement).getBoundingClientRect();
    const x = bounds.width > 0 ? ((event.clientX - bounds.left) / bounds.width) * WIDTH : 0;
    seekTo(Math.min(1, Math.max(0, (x - MARGIN.left) / (WIDTH - MARGIN.left - MARGIN.right))));
  });
}

/** What a chart was last drawn from, so a frame redraws only what changed (most frames only move the cursor). */
interface Drawn {
  xKey: string;
  yKey: string;
  series: { role: string; points: SeriesPoint[] }[];
  thresholds: string;
  firings: string;
  caption: string;
  x: ScaleLinear<number, number>;
}

const drawnCharts = new WeakMap<Element, Drawn>();

/** Series compared by value (each frame brings new objects): same roles, same points. */
function sameSeries(drawn: Drawn['series'], next: MetricSeriesView[]): boolean {
  return (
    drawn.length === next.length &&
    next.every((series, index) => {
      const before = drawn[index];
      if (!before || before.role !== series.role || before.points.length !== series.points.length) return false;
      return series.points.every((point, at) => before.points[at]?.t === point.t && before.points[at]?.value === point.value);
    })
  );
}

function setText<E extends Element>(node: E | null, text: string): void {
  if (node && node.textContent !== text) node.textContent = text;
}

function drawChart(figure: Selection<HTMLElement, MetricChartView, null, undefined>, chart: MetricChartView, t: number, endMs: number): void {
  const node = figure.node();
  if (!node) return;
  const drawn: Drawn = drawnCharts.get(node) ?? { xKey: '', yKey: '', series: [], thresholds: '', firings: '', caption: '', x: scaleLinear() };
  drawnCharts.set(node, drawn);
  const svg = figure.select<SVGSVGElement>('svg');
  const xKey = String(endMs);
  const xChanged = xKey !== drawn.xKey;
  if (xChanged) {
    drawn.xKey = xKey;
    drawn.x = scaleLinear().domain([0, endMs]).range([MARGIN.left, WIDTH - MARGIN.right]);
    svg.select<SVGGElement>('.axis-x').call(axisBottom(drawn.x).ticks(5).tickFormat((value) => clock(Number(value))));
  }
  const x = drawn.x;
  let top = chart.unit === 'ratio' ? 0.01 : 1;
  for (const series of chart.series) for (const point of series.points) if (point.value > top) top = point.value;
  for (const threshold of chart.thresholds) if (threshold.value > top) top = threshold.value;
  const y = scaleLinear().domain([0, top * 1.15]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const yKey = `${chart.unit}|${y.domain().join(',')}`;
  const yChanged = yKey !== drawn.yKey;
  if (yChanged) {
    drawn.yKey = yKey;
    svg.select<SVGGElement>('.axis-y').call(axisLeft(y).ticks(4).tickFormat(chart.unit === 'ratio' ? y.tickFormat(4, '%') : y.tickFormat(4, '~s')));
  }
  const latest = chart.series.map((series) => `${series.label} ${metricValue(series.points[series.points.length - 1]?.value ?? null, chart.unit)}`).join(', ');
  const caption = `${chart.label}: ${latest}`;
  if (caption !== drawn.caption) {
    drawn.caption = caption;
    setText(figure.select('figcaption').node() as Element | null, caption);
    svg.attr('aria-label', `${chart.label} over time. Now: ${latest}`);
  }
  if (xChanged || yChanged || !sameSeries(drawn.series, chart.series)) {
    drawn.series = chart.series.map((series) => ({ role: series.role, points: series.points.map((point) => ({ t: point.t, value: point.value })) }));
    drawSeries(svg, chart.series, x, y);
  }
  const thresholds = `${yKey}|${chart.thresholds.map((threshold) => `${threshold.gate}-${threshold.kind}-${threshold.op}-${threshold.value}`).join(',')}`;
  if (thresholds !== drawn.thresholds) {
    drawn.thresholds = thresholds;
    drawThresholds(svg, chart.thresholds, y);
  }
  const firings = `${xKey}|${chart.firings.map((firing) => `${firing.gate}-${firing.t}`).join(',')}`;
  if (firings !== drawn.firings) {
    drawn.firings = firings;
    drawFirings(svg, chart.firings, x);
  }
  svg.select('.cursor').attr('x1', x(t)).attr('x2', x(t));
}

function drawSeries(svg: Selection<SVGSVGElement, MetricChartView, null, undefined>, series: MetricSeriesView[], x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): void {
  const path = line<SeriesPoint>()
    .x((point) => x(point.t))
    .y((point) => y(point.value));
  svg
    .select('.series')
    .selectAll<SVGPathElement, MetricSeriesView>('path')
    .data(series, (item) => item.role)
    .join('path')
    .attr('class', (item) => `line role-${item.role}`)
    .attr('d', (item) => path(item.points) ?? '');
}

function drawThresholds(svg: Selection<SVGSVGElement, MetricChartView, null, undefined>, thresholds: Threshold[], y: ScaleLinear<number, number>): void {
  const groups = svg
    .select('.thresholds')
    .selectAll<SVGGElement, Threshold>('g.threshold')
    .data(thresholds, (threshold) => `${threshold.gate}-${threshold.kind}`)
    .join((enter) => {
      const group = enter.append('g');
      group.append('line').attr('x1', MARGIN.left).attr('x2', WIDTH - MARGIN.right);
      group.append('text').attr('dy', -3);
      return group;
    })
    .attr('class', (threshold) => `threshold threshold-${threshold.kind}`);
  // Pass and fail lines of one gate often sit close together: their labels go to opposite ends.
  groups
    .select('text')
    .attr('x', (threshold) => (threshold.kind === 'failure' ? WIDTH - MARGIN.right : MARGIN.left + 4))
    .attr('text-anchor', (threshold) => (threshold.kind === 'failure' ? 'end' : 'start'));
  groups.select('line').attr('y1', (threshold) => y(threshold.value)).attr('y2', (threshold) => y(threshold.value));
  groups.select('text').attr('y', (threshold) => y(threshold.value)).text((threshold) => `${threshold.gate} ${threshold.kind === 'failure' ? 'fails' : 'passes'} ${threshold.op} ${threshold.value}`);
}

function drawFirings(svg: Selection<SVGSVGElement, MetricChartView, null, undefined>, firings: Firing[], x: ScaleLinear<number, number>): void {
  const groups = svg
    .select('.firings')
    .selectAll<SVGGElement, Firing>('g.firing')
    .data(firings, (firing) => `${firing.gate}-${firing.t}`)
    .join((enter) => {
      const group = enter.append('g').attr('class', 'firing');
      group.append('line').attr('y1', MARGIN.top).attr('y2', HEIGHT - MARGIN.bottom);
      group.append('text').attr('y', MARGIN.top + 10).attr('dx', -4).attr('text-anchor', 'end');
      return group;
    });
  groups.select('line').attr('x1', (firing) => x(firing.t)).attr('x2', (firing) => x(firing.t));
  groups.select('text').attr('x', (firing) => x(firing.t)).text((firing) => `${firing.gate} fired at ${clock(firing.t)}`);
}
