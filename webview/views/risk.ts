import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import type { RiskSideView, RiskView } from '../../src/protocol/risk';
import { RISK_RUNS } from '../../src/protocol/risk';
import { clock, element } from '../format';
import type { PanelPart, PartContext } from './part';
import { setOptions } from './selectOptions';

const PLOT = { width: 320, height: 110, bottom: 18 };
const SVG = 'http://www.w3.org/2000/svg';

const valueText = (value: number, unit: RiskSideView['unit']): string => (unit === 'duration' ? clock(value) : Math.round(value).toLocaleString('en-US'));

/**
 * The plan's risk: its bad scenario and its good one, run many times each, as two histograms
 * (users who saw errors when the version is bad; how long the release takes when it is good),
 * each under a sentence that says how the runs ended, with the median and p95 marked.
 */
export function createRisk(root: HTMLElement, context: PartContext): PanelPart {
  const container = element('div', 'risk');
  const form = element('div', 'risk-form');
  const runs = element('select', 'risk-runs');
  setOptions(runs, RISK_RUNS.map((value) => ({ value: String(value), label: String(value) })));
  runs.value = '500';
  const start = element('button', 'risk-start', 'Estimate risk');
  start.type = 'button';
  start.addEventListener('click', () => context.post({ type: 'risk/run', runs: Number(runs.value) }));
  const label = element('label', 'field');
  label.append(element('span', 'field-label', 'Runs to estimate from'), runs);
  form.append(label, start);
  const progress = element('progress', 'risk-progress');
  const status = element('p', 'risk-status');
  status.setAttribute('role', 'status');
  const plots = element('div', 'risk-plots');
  container.append(form, progress, status, plots);
  root.append(container);

  return {
    update(view) {
      const risk: RiskView | undefined = view.risk;
      container.hidden = risk === undefined;
      if (!risk) return;
      start.disabled = risk.status === 'running';
      progress.hidden = risk.status !== 'running';
      progress.max = Math.max(1, risk.runs * 2);
      progress.value = risk.done;
      status.textContent = risk.message;
      status.className = `risk-status status-${risk.status}`;
      const sides = risk.status === 'done' ? [risk.bad, risk.good].filter((side): side is RiskSideView => side !== null) : [];
      select(plots)
        .selectAll<HTMLElement, RiskSideView>('figure.risk-plot')
        .data(sides, (side) => side.figure)
        .join((enter) => enter.append('figure').attr('class', 'risk-plot'))
        .each(function draw(side) {
          drawSide(this, side);
        });
    },
    destroy() {
      container.remove();
    },
  };
}

function drawSide(figure: HTMLElement, side: RiskSideView): void {
  const caption = `${side.figure} in ${side.scenario} (${side.runs.toLocaleString('en-US')} runs): ${side.headline}; median ${valueText(side.p50, side.unit)}, p95 ${valueText(side.p95, side.unit)}`;
  const root = select(figure);
  root.selectAll('figcaption').data([caption]).join('figcaption').text((text) => text);
  const svg = root.selectAll<SVGSVGElement, null>('svg').data([null]).join((enter) => enter.append(() => document.createElementNS(SVG, 'svg')));
  svg.attr('viewBox', `0 0 ${PLOT.width} ${PLOT.height}`).attr('role', 'img').attr('aria-label', caption);
  const first = side.bins[0]?.from ?? 0;
  const last = side.bins.at(-1)?.to ?? 1;
  const x = scaleLinear().domain([first, last === first ? first + 1 : last]).range([0, PLOT.width]);
  const y = scaleLinear().domain([0, Math.max(1, ...side.bins.map((bin) => bin.count))]).range([PLOT.height - PLOT.bottom, 4]);
  svg
    .selectAll<SVGRectElement, RiskSideView['bins'][number]>('rect.bar')
    .data(side.bins)
    .join('rect')
    .attr('class', 'bar')
    .attr('x', (bin) => x(bin.from))
    .attr('width', (bin) => Math.max(1, x(bin.to) - x(bin.from) - 1))
    .attr('y', (bin) => y(bin.count))
    .attr('height', (bin) => y(0) - y(bin.count))
    .each(function title(bin) {
      select(this).selectAll('title').data([bin]).join('title').text(`${valueText(bin.from, side.unit)}–${valueText(bin.to, side.unit)}: ${bin.count} runs`);
    });
  const marks = [
    { key: 'p50', value: side.p50, text: `median ${valueText(side.p50, side.unit)}` },
    { key: 'p95', value: side.p95, text: `p95 ${valueText(side.p95, side.unit)}` },
  ];
  svg
    .selectAll<SVGLineElement, (typeof marks)[number]>('line.mark')
    .data(marks, (mark) => mark.key)
    .join('line')
    .attr('class', (mark) => `mark mark-${mark.key}`)
    .attr('x1', (mark) => x(mark.value))
    .attr('x2', (mark) => x(mark.value))
    .attr('y1', 0)
    .attr('y2', PLOT.height - PLOT.bottom);
  svg
    .selectAll<SVGTextElement, string>('text.axis')
    .data([valueText(first, side.unit), valueText(last, side.unit)])
    .join('text')
    .attr('class', 'axis')
    .attr('x', (_, index) => (index === 0 ? 0 : PLOT.width))
    .attr('y', PLOT.height - 4)
    .attr('text-anchor', (_, index) => (index === 0 ? 'start' : 'end'))
    .text((text) => text);
}
