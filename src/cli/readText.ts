import { closeSync, openSync, readSync } from 'node:fs';
import { escapeControl } from '../text/escape';

/**
 * Far above any plan (a few kilobytes), low enough that `/dev/zero` or a disk image given by
 * mistake is refused at once instead of read to the end.
 */
export const MAX_PLAN_BYTES = 16 * 1024 * 1024;

export type TextFile = { ok: true; text: string } | { ok: false; error: string };

/**
 * A file's text, or why it has none: missing, a directory, too large, or not text at all (a
 * NUL byte or invalid UTF-8: a binary file shown as a plan would fill the terminal with garbage).
 *
 * @example
 * readTextFile('logo.png'); // { ok: false, error: 'logo.png: not a text file' }
 */
export function readTextFile(fileName: string): TextFile {
  const shown = escapeControl(fileName);
  let bytes: Buffer;
  try {
    bytes = readAtMost(fileName, MAX_PLAN_BYTES + 1);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a plan file' : (error as Error).message;
    return { ok: false, error: `cannot read ${shown}: ${escapeControl(reason)}` };
  }
  if (bytes.length > MAX_PLAN_BYTES) return { ok: false, error: `${shown}: too large for a plan file (over ${MAX_PLAN_BYTES / 1024 / 1024} MB)` };
  if (bytes.includes(0)) return notText(shown);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return notText(shown);
  }
}

function notText(shown: string): TextFile {
  return { ok: false, error: `${shown}: not a text file` };
}

/** Reads up to `limit` bytes, also from pipes and devices, whose size is not known in advance. */
function readAtMost(fileName: string, limit: number): Buffer {
  const fd = openSync(fileName, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, limit - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
