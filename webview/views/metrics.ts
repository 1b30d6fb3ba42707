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

function drawChart(figure: Selection<HTMLElement, MetricChartView, null, undefined>, chart: MetricChartView, t: number, endMs: number): void {
  const x = scaleLinear().domain([0, endMs]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const values = [...chart.series.flatMap((series) => series.points.map((point) => point.value)), ...chart.thresholds.map((threshold) => threshold.value)];
  const y = scaleLinear().domain([0, Math.max(...values, chart.unit === 'ratio' ? 0.01 : 1) * 1.15]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const latest = chart.series.map((series) => `${series.label} ${metricValue(series.points[series.points.length - 1]?.value ?? null, chart.unit)}`).join(', ');
  figure.select('figcaption').text(`${chart.label}: ${latest}`);
  const svg = figure.select<SVGSVGElement>('svg').attr('aria-label', `${chart.label} over time. Now: ${latest}`);
  svg.select<SVGGElement>('.axis-x').call(axisBottom(x).ticks(5).tickFormat((value) => clock(Number(value))));
  svg.select<SVGGElement>('.axis-y').call(axisLeft(y).ticks(4).tickFormat(chart.unit === 'ratio' ? y.tickFormat(4, '%') : y.tickFormat(4, '~s')));
  drawSeries(svg, chart.series, x, y);
  drawThresholds(svg, chart.thresholds, y);
  drawFirings(svg, chart.firings, x);
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
