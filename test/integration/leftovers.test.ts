import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { processStat, signalProcess } from '../../src/adapters/procfs';
import { leftoverProcesses } from './support/leftovers/processScan';
import { TEMP_ROOT_KEY } from './support/leftovers/tempRoot';
import { Processes } from './support/processes';

const processes = new Processes();
afterAll(() => processes.stopAll());

describe('the leftover check of the integration tests', () => {
  it('should find a process started from a test temp folder after its parent left it behind', () => {
    const dir = processes.tempDir('orphan');
    // sh starts sleep in the background and exits: sleep is re-parented, no child of this process any more.
    const pid = Number(spawnSync('sh', ['-c', 'sleep 30 >/dev/null 2>&1 & echo $!'], { cwd: dir, encoding: 'utf8' }).stdout.trim());
    try {
      expect(processStat(pid)?.ppid).not.toBe(process.pid);
      expect(leftoverProcesses(inject(TEMP_ROOT_KEY)).find((leftover) => leftover.pid === pid)).toEqual({ pid, command: 'sleep 30', why: `works in ${dir}` });
    } finally {
      signalProcess(pid, 'SIGKILL');
    }
  });

  it('should find a child of the test process, and not the runner that started the test', async () => {
    const child = processes.start('sleep', ['31']);
    const found = leftoverProcesses(inject(TEMP_ROOT_KEY));
    expect(found.find((leftover) => leftover.pid === child.pid)).toEqual({ pid: child.pid, command: 'sleep 31', why: `a child of the test process ${process.pid}` });
    expect(found.map((leftover) => leftover.pid)).not.toContain(process.ppid);
    await processes.stopAll();
  });
});
