import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const TAIL_BYTES = 4096;
const LINES = 3;
const LINE_CHARS = 200;

/**
 * The last lines an instance wrote to stderr since `from` (its start's offset in the log), in
 * one line for a report: the last error line first when it scrolled out of the last three (a
 * Node stack ends with the error's fields, not its message). Empty when it wrote nothing.
 *
 * @example
 * stderrTail('/run/candidate-0.stderr.log', 0)
 * // "Error: listen EADDRINUSE: address already in use 127.0.0.1:9000 … port: 9000 | } | Node.js v20.19.5"
 */
export function stderrTail(path: string, from = 0): string {
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const start = Math.max(from, size - TAIL_BYTES);
      const buffer = Buffer.alloc(Math.max(0, size - start));
      readSync(fd, buffer, 0, buffer.length, start);
      text = buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const tail = lines.slice(-LINES);
  const error = lastMatching(lines, /^\w*(Error|Exception)\b.*:/) ?? lastMatching(lines, /\b(error|fatal|panic)\b/i);
  const last = tail.map(clip).join(' | ');
  return error !== undefined && !tail.includes(error) ? `${clip(error)} … ${last}` : last;
}

function clip(line: string): string {
  return line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}…` : line;
}

function lastMatching(lines: readonly string[], pattern: RegExp): string | undefined {
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index];
    if (line !== undefined && pattern.test(line)) return line;
  }
  return undefined;
}
