import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import type { Selection } from 'd3-selection';
import { line } from 'd3-shape';
import type { MetricChartView, MetricSeriesView, SeriesPoint } from '../../src/protocol/view';
import { clock, metricValue } from '../format';
import { chartRange, clippedPeaks } from './chartRange';
import type { PanelPart, PartContext } from './part';

const WIDTH = 360;
const HEIGHT = 150;
const MARGIN = { top: 10, right: 12, bottom: 22, left: 48 };

type Threshold = MetricChartView['thresholds'][number];
type Firing = MetricChartView['firings'][number];

/**
 * One chart per metric: a line per version, each gate's threshold as a dashed line, the moment a
 * gate fired as a marked vertical, and the playback cursor. Clicking a chart seeks to that time.
 * A sample that spikes far above the thresholds and the rest of the data is clipped (chartRange.ts):
 * its line stops at the top edge, a marker there gives its real value, and the axis says so.
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
  svg.append('g').attr('class', 'clips');
  svg.append('text').attr('class', 'clip-note').attr('x', MARGIN.left + 4).attr('y', MARGIN.top + 8);
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
  const range = chartRange(
    chart.series.map((series) => series.points.map((point) => point.value)),
    chart.thresholds.map((threshold) => threshold.value),
    chart.unit === 'ratio' ? 0.01 : 1,
  );
  const y = scaleLinear().domain([0, range.top]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const top = y.domain()[1] ?? range.top;
  const above = range.clipped ? chart.series.reduce((count, series) => count + series.points.filter((point) => point.value > top).length, 0) : 0;
  const yKey = `${chart.unit}|${y.domain().join(',')}|${above}`;
  const yChanged = yKey !== drawn.yKey;
  const clipNote = above > 0 ? `axis clipped at ${metricValue(top, chart.unit)}: ▲ ${above} sample${above === 1 ? '' : 's'} above` : '';
  if (yChanged) {
    drawn.yKey = yKey;
    svg.select<SVGGElement>('.axis-y').call(axisLeft(y).ticks(4).tickFormat(chart.unit === 'ratio' ? y.tickFormat(4, '%') : y.tickFormat(4, '~s')));
    svg.select('.axis-y').classed('clipped', above > 0);
    setText(svg.select('.clip-note').node() as Element | null, clipNote);
  }
  const latest = chart.series.map((series) => `${series.label} ${metricValue(series.points[series.points.length - 1]?.value ?? null, chart.unit)}`).join(', ');
  const caption = `${chart.label}: ${latest}`;
  if (caption !== drawn.caption || yChanged) {
    drawn.caption = caption;
    setText(figure.select('figcaption').node() as Element | null, caption);
    svg.attr('aria-label', `${chart.label} over time. Now: ${latest}${clipNote ? `. The ${clipNote}` : ''}`);
  }
  if (xChanged || yChanged || !sameSeries(drawn.series, chart.series)) {
    drawn.series = chart.series.map((series) => ({ role: series.role, points: series.points.map((point) => ({ t: point.t, value: point.value })) }));
    drawSeries(svg, chart.series, x, y);
    drawClips(svg, chart, x, y);
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
  const top = y.domain()[1] ?? Number.POSITIVE_INFINITY;
  const path = line<SeriesPoint>()
    .x((point) => x(point.t))
    .y((point) => y(Math.min(point.value, top)));
  svg
    .select('.series')
    .selectAll<SVGPathElement, MetricSeriesView>('path')
    .data(series, (item) => item.role)
    .join('path')
    .attr('class', (item) => `line role-${item.role}`)
    .attr('d', (item) => path(item.points) ?? '');
}

/** A marker at the top edge for each clipped peak, its real value in its tooltip. */
function drawClips(svg: Selection<SVGSVGElement, MetricChartView, null, undefined>, chart: MetricChartView, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): void {
  const top = y.domain()[1] ?? Number.POSITIVE_INFINITY;
  const marks = chart.series.flatMap((series) => clippedPeaks(series.points, top).map((peak) => ({ ...peak, role: series.role, label: series.label })));
  const groups = svg
    .select('.clips')
    .selectAll<SVGGElement, (typeof marks)[number]>('g.clip-mark')
    .data(marks, (mark) => `${mark.role}-${mark.t}`)
    .join((enter) => {
      const group = enter.append('g');
      group.append('path').attr('d', 'M0,0L4,6L-4,6Z');
      group.append('title');
      return group;
    })
    .attr('class', (mark) => `clip-mark role-${mark.role}`)
    .attr('transform', (mark) => `translate(${x(mark.t)},${MARGIN.top - 2})`);
  groups.select('title').text((mark) => `${mark.label} ${metricValue(mark.value, chart.unit)} at ${clock(mark.t)}${mark.samples > 1 ? ` (peak of ${mark.samples} samples)` : ''}, above the clipped axis`);
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
