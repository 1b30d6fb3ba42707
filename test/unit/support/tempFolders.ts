import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ours = (): Set<string> => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('switchyard-')));

/**
 * Nothing left behind by the unit tests either: a `switchyard-*` temp folder that appears during
 * the run and is still there at the end fails it (and is removed). An error thrown from a global
 * teardown is only printed by vitest, so the exit code says it.
 */
export function setup(): () => void {
  const before = ours();
  return () => {
    const left = [...ours()].filter((name) => !before.has(name));
    for (const name of left) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    if (left.length === 0) return;
    process.stderr.write(`the unit tests left ${left.length} temp folder(s) behind: ${left.join(', ')}\n`);
    process.exitCode = 1;
  };
}
