/**
 * A child process that takes one lock when told to: the parent sends the lock and a start
 * instant, every taker spins until that instant and then calls acquireLocks at once, and each
 * says whether it won. Bundled by esbuild in lock.test.ts, so it runs the source under test.
 */
import { acquireLocks } from '../../../../src/runner/lock';

interface Go {
  lockDir: string;
  key: string;
  runDir: string;
  at: number;
}

process.on('message', (message: Go) => {
  process.env.SWITCHYARD_LOCK_DIR = message.lockDir;
  while (Date.now() < message.at) {
    // spin, so that every taker starts within the same millisecond
  }
  try {
    const lock = acquireLocks([message.key], { pid: process.pid, runDir: message.runDir, planFile: 'taker.release.yaml', startedAt: new Date().toISOString() }, () => false);
    process.send?.({ won: lock.ok, ...(lock.ok ? {} : { error: lock.error }) });
  } catch (error) {
    process.send?.({ won: false, crashed: (error as Error).stack ?? String(error) });
  }
});
