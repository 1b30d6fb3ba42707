import { select } from 'd3-selection';
import type { RoleName, TrafficView } from '../../src/protocol/view';
import { percent } from '../format';
import { tweenAttrs } from '../motion';
import type { PanelPart } from './part';

const WIDTH = 320;
const HEIGHT = 22;

interface Segment {
  role: RoleName;
  label: string;
  weight: number;
  offset: number;
  rps: number;
}

/** The router: the live split between versions as one bar whose parts slide as weights change, header routes and mirroring below it. */
export function createTraffic(root: HTMLElement): PanelPart {
  const container = select(root).append('div').attr('class', 'traffic');
  const caption = container.append('p').attr('class', 'traffic-caption');
  const svg = container.append('svg').attr('class', 'traffic-bar').attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`).attr('width', WIDTH).attr('height', HEIGHT).attr('role', 'img');
  const mirror = container.append('p').attr('class', 'traffic-mirror');
  const routes = container.append('ul').attr('class', 'header-routes');
  let drawnKey = '';
  return {
    update(view) {
      const { traffic } = view;
      const labels = new Map(view.environments.map((environment) => [environment.role, environment.label]));
      const segments = segmentsOf(traffic, labels);
      // A real run knows the router's weights, not the request rate behind them; and a role the
      // router sends nothing to gets no rate, which is measured over the last interval and would
      // still count the requests from before a switch ("canary 0% (20 rps)" after a rollback).
      const rate = (segment: Segment): string => (view.live || segment.weight === 0 ? '' : ` (${Math.round(segment.rps)} rps)`);
      const text = segments.map((segment) => `${segment.label} ${percent(segment.weight)}${rate(segment)}`).join(' · ');
      // Weights change at steps, snapshots arrive every frame: a new transition only when something moved.
      const drawKey = `${text}|${segments.map((segment) => `${segment.role}:${segment.weight}:${segment.offset}`).join(',')}|${traffic.mirrorPercent}|${traffic.headerRoutes.map((route) => `${route.name}=${route.match}`).join(',')}`;
      if (drawKey === drawnKey) return;
      drawnKey = drawKey;
      caption.text(text);
      svg.attr('aria-label', `Traffic split: ${text}`);
      const parts = svg
        .selectAll<SVGRectElement, Segment>('rect.segment')
        .data(segments, (segment) => segment.role)
        .join((enter) => enter.append('rect').attr('class', (segment) => `segment role-${segment.role}`).attr('y', 0).attr('height', HEIGHT).attr('x', 0).attr('width', 0));
      tweenAttrs(parts, 'weights', { x: (segment) => (segment.offset / 100) * WIDTH, width: (segment) => (segment.weight / 100) * WIDTH });
      parts.selectAll('title').data((segment) => [segment]).join('title').text((segment) => `${segment.label}: ${percent(segment.weight)}`);
      const mirrored = traffic.mirrorPercent > 0;
      mirror.attr('hidden', mirrored ? null : '').text(mirrored ? `Mirrored to ${labels.get('candidate') ?? 'candidate'}: ${percent(traffic.mirrorPercent)} of live traffic (responses dropped)` : '');
      routes
        .selectAll<HTMLLIElement, TrafficView['headerRoutes'][number]>('li')
        .data(traffic.headerRoutes, (route) => route.name)
        .join('li')
        .text((route) => `${route.name}: ${route.match} → ${labels.get('candidate') ?? 'candidate'}`);
    },
    destroy() {
      container.remove();
    },
  };
}

function segmentsOf(traffic: TrafficView, labels: Map<RoleName, string>): Segment[] {
  const stable = traffic.weights.stable;
  return [
    { role: 'stable', label: labels.get('stable') ?? 'stable', weight: stable, offset: 0, rps: traffic.rps.stable },
    { role: 'candidate', label: labels.get('candidate') ?? 'candidate', weight: traffic.weights.candidate, offset: stable, rps: traffic.rps.candidate },
  ];
}
