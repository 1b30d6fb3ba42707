import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import type { Selection } from 'd3-selection';
import type { CompareColumnView, CompareFigureView, CompareReadingKey, CompareReadingView, ComparisonView, CompareUnit } from '../../src/protocol/comparison';
import { COMPARE_READING_KEYS, COMPARE_RUNS } from '../../src/protocol/comparison';
import { clock, element } from '../format';
import type { PanelPart, PartContext } from './part';
import { setOptions } from './selectOptions';

const BAR = { width: 120, height: 14 };

/** A figure's value in its unit. */
export function compareValue(value: number, unit: CompareUnit): string {
  if (unit === 'duration') return clock(value);
  if (unit === 'ratio') return `${Math.round(value * 1000) / 10}%`;
  return Math.round(value).toLocaleString('en-US');
}

/** One table row: a figure, and each column's distribution of it (or null where a plan has none). */
export interface CompareRow {
  key: string;
  label: string;
  cells: (CompareFigureView | null)[];
  /** Index of the column with the better median, or -1 on a tie. */
  best: number;
}

export function compareRows(columns: CompareColumnView[]): CompareRow[] {
  const keys = [...new Set(columns.flatMap((column) => column.figures.map((figure) => figure.key)))];
  return keys.map((key) => {
    const cells = columns.map((column) => column.figures.find((figure) => figure.key === key) ?? null);
    const first = cells.find((cell) => cell !== null);
    return { key, label: first?.label ?? key, cells, best: bestIndex(cells.map((cell) => cell?.p50 ?? null), first?.lowerIsBetter !== false) };
  });
}

/** One reading row: each column's share of runs, or null where a plan has no such reading. */
export interface CompareReadingRow {
  key: CompareReadingKey;
  label: string;
  cells: (CompareReadingView | null)[];
  /** Index of the column with the better share, or -1 on a tie. */
  best: number;
}

/**
 * How the runs read, one row per reading any column has, in protocol order: Detection or False
 * alarm, Stalled, Missed or Passed, Failed. Every run counts in one row, so a plan that only pauses
 * reads "Detection 0 %" above "Stalled 100 %", never the first alone.
 */
export function readingRows(columns: CompareColumnView[]): CompareReadingRow[] {
  return COMPARE_READING_KEYS.flatMap((key) => {
    const cells = columns.map((column) => column.readings.find((reading) => reading.key === key) ?? null);
    const first = cells.find((cell) => cell !== null);
    return first ? [{ key, label: first.label, cells, best: bestIndex(cells.map((cell) => cell?.share ?? null), first.lowerIsBetter) }] : [];
  });
}

/** The one column with the best value, or -1 when fewer than two have one or the best is shared. */
function bestIndex(values: (number | null)[], lowerIsBetter: boolean): number {
  const present = values.filter((value): value is number => value !== null);
  const target = lowerIsBetter ? Math.min(...present) : Math.max(...present);
  const winners = values.flatMap((value, index) => (value === target ? [index] : []));
  return present.length > 1 && winners.length === 1 ? (winners[0] ?? -1) : -1;
}

/**
 * Side by side: the shown plan and another on the same scenario, many seeds each. Per figure, the
 * median and a p5–p95 range bar on a scale shared by the row, so the eye compares lengths.
 */
export function createCompare(root: HTMLElement, context: PartContext): PanelPart {
  const { post } = context;
  const container = element('div', 'compare');
  const form = element('div', 'compare-form');
  const other = element('select', 'compare-with');
  const runs = element('select', 'compare-runs');
  setOptions(runs, COMPARE_RUNS.map((value) => ({ value: String(value), label: String(value) })));
  runs.value = '100';
  const start = element('button', 'compare-start', 'Compare');
  start.type = 'button';
  start.addEventListener('click', () => post({ type: 'compare/run', with: other.value, runs: Number(runs.value) }));
  const clear = element('button', 'compare-clear', 'Clear');
  clear.type = 'button';
  clear.addEventListener('click', () => post({ type: 'compare/clear' }));
  form.append(labelled('Compare with', other), labelled('Runs each', runs), start, clear);
  const progress = element('progress', 'compare-progress');
  const status = element('p', 'compare-status');
  status.setAttribute('role', 'status');
  const empty = element('p', 'empty', 'No other plan in this workspace to compare with.');
  const table = element('table', 'compare-table');
  const choose = element('button', 'compare-choose');
  choose.type = 'button';
  container.append(form, empty, progress, status, table, choose);
  root.append(container);
  let chosen = '';
  choose.addEventListener('click', () => post({ type: 'compare/choose', id: chosen }));

  return {
    update(view) {
      const comparison = view.comparison;
      container.hidden = comparison === undefined;
      if (!comparison) return;
      setOptions(other, comparison.options.map((option) => ({ value: option.id, label: option.label })));
      empty.hidden = comparison.options.length > 0;
      form.hidden = comparison.options.length === 0;
      start.disabled = comparison.status === 'running';
      clear.hidden = comparison.status === 'idle';
      progress.hidden = comparison.status !== 'running';
      progress.max = Math.max(1, comparison.runs * 2);
      progress.value = comparison.done;
      status.textContent = comparison.message;
      status.className = `compare-status status-${comparison.status}`;
      drawTable(table, comparison);
      const otherColumn = comparison.columns.find((column) => !column.current);
      chosen = otherColumn?.id ?? '';
      choose.hidden = otherColumn === undefined;
      choose.textContent = otherColumn ? `Switch to ${otherColumn.label}` : '';
    },
    destroy() {
      container.remove();
    },
  };
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = element('label', 'field');
  label.append(element('span', 'field-label', text), control);
  return label;
}

function drawTable(table: HTMLTableElement, comparison: ComparisonView): void {
  const columns = comparison.status === 'done' ? comparison.columns : [];
  table.hidden = columns.length === 0;
  const root = select(table);
  const head = root.selectAll('thead').data([columns]).join('thead').selectAll('tr').data([columns]).join('tr');
  head
    .selectAll<HTMLTableCellElement, string>('th')
    .data(['', ...columns.map((column) => `${column.label} · ${column.strategy}`)])
    .join('th')
    .attr('scope', 'col')
    .text((label) => label);
  const outcome: TableRow = { kind: 'text', key: 'outcome', label: 'Outcome', values: columns.map((column) => column.outcomes.map((entry) => `${entry.outcome} ${Math.round(entry.probability * 100)}%`).join(', ')) };
  const rows: TableRow[] = [
    outcome,
    ...readingRows(columns).map((row): TableRow => ({ kind: 'reading', key: row.key, label: row.label, reading: row })),
    ...compareRows(columns).map((row): TableRow => ({ kind: 'figure', key: row.key, label: row.label, figure: row })),
  ];
  const body = root.selectAll('tbody').data([columns]).join('tbody');
  const trs = body
    .selectAll<HTMLTableRowElement, TableRow>('tr')
    .data(rows, (row) => row.key)
    .join('tr')
    .attr('class', (row) => `compare-row row-${row.key}`);
  trs.selectAll<HTMLTableCellElement, string>('th').data((row) => [row.label]).join('th').attr('scope', 'row').text((label) => label);
  trs.each(function drawCells(row) {
    const cells = select(this).selectAll<HTMLTableCellElement, number>('td').data(columns.map((_, index) => index)).join('td');
    if (row.kind === 'figure') drawFigureCells(cells, row.figure);
    else if (row.kind === 'reading') drawReadingCells(cells, row.reading);
    else cells.attr('class', 'compare-cell').text((index) => row.values[index] ?? '');
  });
}

/** The outcome row carries text per column, a reading row its shares, a figure row its distributions. */
type TableRow =
  | { kind: 'text'; key: string; label: string; values: string[] }
  | { kind: 'reading'; key: string; label: string; reading: CompareReadingRow }
  | { kind: 'figure'; key: string; label: string; figure: CompareRow };

function drawReadingCells(cells: Selection<HTMLTableCellElement, number, HTMLTableRowElement, unknown>, row: CompareReadingRow): void {
  cells.attr('class', (index) => `compare-cell${index === row.best ? ' best' : ''}`);
  cells.selectAll('span.compare-median').data((index) => [row.cells[index] ?? null]).join('span').attr('class', 'compare-median').text((cell) => (cell ? compareValue(cell.share, 'ratio') : '—'));
  cells.selectAll('span.compare-detail').data((index) => (row.cells[index]?.detail ? [row.cells[index].detail] : [])).join('span').attr('class', 'compare-detail').text((detail) => detail);
}

function drawFigureCells(cells: Selection<HTMLTableCellElement, number, HTMLTableRowElement, unknown>, row: CompareRow): void {
  const present = row.cells.filter((cell): cell is CompareFigureView => cell !== null);
  const low = Math.min(...present.map((cell) => cell.p5));
  const high = Math.max(...present.map((cell) => cell.p95));
  const x = scaleLinear().domain([Math.min(0, low), high > low ? high : low + 1]).range([1, BAR.width - 1]);
  cells.attr('class', (index) => `compare-cell${index === row.best ? ' best' : ''}`);
  cells.selectAll('span.compare-median').data((index) => [row.cells[index] ?? null]).join('span').attr('class', 'compare-median').text((cell) => (cell ? compareValue(cell.p50, cell.unit) : '—'));
  const svg = cells
    .selectAll<SVGSVGElement, CompareFigureView | null>('svg.compare-range')
    .data((index) => [row.cells[index] ?? null])
    .join('svg')
    .attr('class', 'compare-range')
    .attr('viewBox', `0 0 ${BAR.width} ${BAR.height}`)
    .attr('width', BAR.width)
    .attr('height', BAR.height)
    .attr('role', 'img')
    .attr('aria-label', (cell) => (cell ? `p5 ${compareValue(cell.p5, cell.unit)}, median ${compareValue(cell.p50, cell.unit)}, p95 ${compareValue(cell.p95, cell.unit)}` : 'no value'));
  svg.selectAll('line.range').data((cell) => (cell ? [cell] : [])).join('line').attr('class', 'range').attr('y1', BAR.height / 2).attr('y2', BAR.height / 2).attr('x1', (cell) => x(cell.p5)).attr('x2', (cell) => x(cell.p95));
  svg.selectAll('rect.median').data((cell) => (cell ? [cell] : [])).join('rect').attr('class', 'median').attr('y', 2).attr('height', BAR.height - 4).attr('width', 3).attr('x', (cell) => x(cell.p50) - 1.5);
}
