import { compareVerdict, formatCompareTable } from './compare';
import type { CompareTable } from './compareTable';
import { verdictFigures } from './compareTable';
import { createStyle } from './style';
import { formatCount } from './units';

/**
 * The Markdown document Compare Strategies... opens: the CLI's compare table in a code block,
 * the notes, and the verdict on user errors and duration.
 */
export function formatCompareReport(table: CompareTable, scenario: string, runs: number): string {
  const verdict = compareVerdict(verdictFigures(table.columns));
  const what = runs === 1 ? 'one run per plan' : `medians of ${formatCount(runs)} runs per plan`;
  const notes = table.notes.flatMap((note) => [note, '']);
  return [`# Compare: scenario ${scenario}`, '', `${what}; \`*\` marks the best value per row.`, '', '```text', formatCompareTable(table.rows, table.columns, createStyle(false)), '```', '', ...notes, `**${verdict}**`, ''].join('\n');
}
