/** "1m 20s", "45s", "2h 5m": the panel's clock, rounded to what the eye needs. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}

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
