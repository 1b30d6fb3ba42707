import type { Position } from './diagnostics';

/**
 * Where each line of a text starts, read from the text itself: every `\n`, `\r\n` and lone `\r`
 * ends a line, as an editor counts them. (yaml's LineCounter only hears of the newlines its
 * parser reaches, so after error recovery it misses those inside some scalars.)
 */
export interface LineTable {
  /** Lines in the text: one more than its line breaks. */
  readonly lineCount: number;
  /** The 1-based line and column of a 0-based offset, clamped to the text. */
  positionAt(offset: number): Position;
  /** The offset a 0-based offset is clamped to: 0..text.length, never inside a `\r\n`. */
  clampOffset(offset: number): number;
  /** Characters on a 1-based line, without its line break. */
  lineLength(line: number): number;
}

/**
 * @example
 *   const lines = lineTable('a: 1\r\nb: 2\rc: 3');
 *   lines.lineCount;         // 3
 *   lines.positionAt(6);     // { line: 2, column: 1 }
 *   lines.positionAt(99);    // { line: 3, column: 5 }: past the end is the end
 */
export function lineTable(text: string): LineTable {
  const starts = [0];
  // End of each line's content (before its break); the last line ends with the text.
  const ends: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code !== 10 && code !== 13) continue;
    ends.push(index);
    if (code === 13 && text.charCodeAt(index + 1) === 10) index += 1;
    starts.push(index + 1);
  }
  ends.push(text.length);

  const lineIndexOf = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const clampOffset = (offset: number): number => {
    const inText = Number.isFinite(offset) ? Math.min(Math.max(0, Math.trunc(offset)), text.length) : 0;
    // Between \r and \n is no place in the text: move to the end of the line's content.
    const line = lineIndexOf(inText);
    return Math.min(inText, Math.max(ends[line] ?? inText, starts[line] ?? 0));
  };
  return {
    lineCount: starts.length,
    clampOffset,
    positionAt: (offset) => {
      const clamped = clampOffset(offset);
      const line = lineIndexOf(clamped);
      return { line: line + 1, column: clamped - (starts[line] ?? 0) + 1 };
    },
    lineLength: (line) => {
      const index = Math.min(Math.max(1, line), starts.length) - 1;
      return (ends[index] ?? 0) - (starts[index] ?? 0);
    },
  };
}
