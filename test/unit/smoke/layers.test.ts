import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

describe('the layers', () => {
  it('should keep in src/host only code that imports vscode', () => {
    const pure = filesUnder(join(ROOT, 'src/host')).filter((file) => !/from 'vscode'/.test(readFileSync(file, 'utf8')));
    expect(pure.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
