import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ourEntries, TEMP_ROOT_KEY } from './tempRoot';

/**
 * One private temp folder for the whole integration run: each test file makes it its
 * os.tmpdir() (see leftoverCheck.ts), so every temp folder the tests, the CLI and the servers
 * they start create lands in it, and every process they start inherits its path. Whatever is
 * still in it at the end was left behind; the folder itself goes. (An error thrown from a global
 * teardown is only printed by vitest, so the exit code says it.)
 */
export function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), 'switchyard-it-'));
  project.provide(TEMP_ROOT_KEY, root);
  return () => {
    const left = ourEntries(root);
    rmSync(root, { recursive: true, force: true });
    if (left.length === 0) return;
    process.stderr.write(`the integration tests left ${left.length} temp folder(s) behind: ${left.map((name) => join(root, name)).join(', ')}\n`);
    process.exitCode = 1;
  };
}
