import { formatRunTime } from '../src/protocol/runTime';

/** "4m 31s", "45s", "1h 30s": the panel's clock, the CLI's and the report's (src/protocol/runTime.ts). */
export const clock = formatRunTime;

export function percent(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}

/** A metric value in its unit: ratios as percentages, milliseconds and rates rounded. */
export function metricValue(value: number | null, unit: 'ratio' | 'ms' | 'rps'): string {
  if (value === null) return 'no data';
  if (unit === 'ratio') return `${Math.round(value * 10000) / 100}%`;
  if (unit === 'ms') return `${Math.round(value)} ms`;
  return `${Math.round(value)}/s`;
}

/** Creates an element with classes and optional text; the panel builds its DOM this way, never from HTML strings. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
