import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLocks, readLock } from '../../../src/runner/lock';

const TAKERS = 4;
const ROUNDS = 100;
const KEY = 'haproxy /tmp/pg/haproxy.sock backend app';

interface Answer {
  won: boolean;
  error?: string;
  crashed?: string;
}

let dir: string;
let takers: ChildProcess[] = [];
let deadPid: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-lock-'));
  const script = join(dir, 'lockTaker.cjs');
  await build({ entryPoints: [join(__dirname, 'support/lockTaker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'silent' });
  takers = Array.from({ length: TAKERS }, () => fork(script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  // A pid that was a process and is no more: the holder of every stale lock below.
  deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
});

afterAll(() => {
  for (const taker of takers) taker.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Every taker tries the same lock at the same instant; their answers, in taker order. */
function race(lockDir: string, round: number): Promise<Answer[]> {
  const at = Date.now() + 30;
  return Promise.all(
    takers.map(
      (taker, index) =>
        new Promise<Answer>((resolve) => {
          taker.once('message', (answer: Answer) => resolve(answer));
          taker.send({ lockDir, key: KEY, runDir: `run-${round}-${index}`, at });
        }),
    ),
  );
}

function freshLockDir(round: number): string {
  const lockDir = join(dir, `locks-${round}`);
  mkdirSync(lockDir, { recursive: true });
  process.env.SWITCHYARD_LOCK_DIR = lockDir;
  return lockDir;
}

describe('target locks taken by several runs at once', () => {
  it(`should give a dead holder's lock to exactly one of ${TAKERS} simultaneous takers, ${ROUNDS} times, with no crash`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const lockDir = freshLockDir(round);
      const stale = acquireLocks([KEY], { pid: deadPid, runDir: 'finished-run', planFile: 'old.release.yaml', startedAt: 'earlier' }, () => false);
      expect(stale.ok).toBe(true);
      const answers = await race(lockDir, round);
      const crashed = answers.flatMap((answer) => (answer.crashed ? [answer.crashed] : []));
      const winners = answers.filter((answer) => answer.won).length;
      const holder = readLock(KEY)?.runDir;
      const winner = `run-${round}-${answers.findIndex((answer) => answer.won)}`;
      const refusals = answers.filter((answer) => !answer.won && !answer.crashed && !/is locked: the release of taker\.release\.yaml .* is running/.test(answer.error ?? ''));
      // Nothing but the lock is left: no temp file, no takeover claim.
      const left = readdirSync(lockDir).length;
      if (crashed.length > 0 || winners !== 1 || holder !== winner || refusals.length > 0 || left !== 1) {
        failures.push(`round ${round}: ${winners} winners, ${crashed.length} crashed, lock held by ${holder}, ${left} files left ${crashed[0]?.split('\n')[0] ?? refusals[0]?.error ?? ''}`);
      }
      rmSync(lockDir, { recursive: true, force: true });
    }
    expect(failures, `${failures.length} of ${ROUNDS} rounds went wrong`).toEqual([]);
  }, 60_000);

  it(`should give a free lock to exactly one of ${TAKERS} runs starting at once`, async () => {
    for (let round = 0; round < 20; round++) {
      const lockDir = freshLockDir(ROUNDS + round);
      const answers = await race(lockDir, ROUNDS + round);
      expect(answers.filter((answer) => answer.crashed)).toEqual([]);
      expect(answers.filter((answer) => answer.won)).toHaveLength(1);
      rmSync(lockDir, { recursive: true, force: true });
    }
  });

  it("should refuse a live holder's lock, and a lock of a run that did not finish", () => {
    freshLockDir(1000);
    const holder = { pid: process.pid, runDir: 'live-run', planFile: 'live.release.yaml', startedAt: 'now' };
    const held = acquireLocks([KEY], holder, () => false);
    expect(held.ok).toBe(true);
    const second = acquireLocks([KEY], { ...holder, runDir: 'second-run', planFile: 'second.release.yaml' }, () => false);
    expect(second.ok || second.error).toMatch(/is locked: the release of live\.release\.yaml started now is running/);
    if (held.ok) held.release();

    acquireLocks([KEY], { pid: deadPid, runDir: 'crashed-run', planFile: 'crashed.release.yaml', startedAt: 'earlier' }, () => false);
    const after = acquireLocks([KEY], holder, (runDir) => runDir === 'crashed-run');
    expect(after.ok || after.error).toMatch(/the release of crashed\.release\.yaml started earlier did not finish.*switchyard abort crashed\.release\.yaml/);
  });

  it('should take over a lock whose holder pid is now another process', () => {
    freshLockDir(1001);
    const reused = { pid: process.pid, identity: { bootId: 'another boot', startTicks: 1 }, runDir: 'reused-run', planFile: 'reused.release.yaml', startedAt: 'earlier' };
    expect(acquireLocks([KEY], reused, () => false).ok).toBe(true);
    const taken = acquireLocks([KEY], { pid: process.pid, runDir: 'new-run', planFile: 'new.release.yaml', startedAt: 'now' }, () => false);
    expect(taken.ok).toBe(true);
    expect(readLock(KEY)?.runDir).toBe('new-run');
  });
});
