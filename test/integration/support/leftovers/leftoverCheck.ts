import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { signalProcess } from '../../../../src/adapters/procfs';
import { leftoverProcesses, type LeftoverProcess } from './processScan';
import { ourEntries, TEMP_ROOT_KEY } from './tempRoot';

/** Stops that are under way when a file ends (a SIGTERM grace, a reap) get this long. */
const SETTLE_MS = 5000;

/**
 * Set up before each integration test file (vitest `setupFiles`): the file's os.tmpdir() is the
 * run's private temp folder, and once the file is done (after its own afterAll hooks: vitest
 * runs after-hooks as a stack) the file fails when one of its processes still runs or one of
 * its `switchyard-*` temp folders is still there. What is found is then removed, so the next
 * file is judged on its own.
 */
const root = inject(TEMP_ROOT_KEY);
process.env.TMPDIR = root;
let before = new Set<string>();

beforeAll(() => {
  before = new Set(ourEntries(root));
});

afterAll(async () => {
  const processes = await settled(() => leftoverProcesses(root));
  const folders = ourEntries(root).filter((name) => !before.has(name));
  for (const leftover of processes) signalProcess(leftover.pid, 'SIGKILL');
  for (const name of folders) rmSync(join(root, name), { recursive: true, force: true });
  const problems = [
    ...processes.map((leftover) => `process ${leftover.pid} (${leftover.command}) still running: ${leftover.why}`),
    ...folders.map((name) => `temp folder ${join(root, name)} not removed`),
  ];
  if (problems.length > 0) throw new Error(`left behind by this test file:\n  ${problems.join('\n  ')}`);
});

async function settled(scan: () => LeftoverProcess[]): Promise<LeftoverProcess[]> {
  const deadline = Date.now() + SETTLE_MS;
  let found = scan();
  while (found.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    found = scan();
  }
  return found;
}
