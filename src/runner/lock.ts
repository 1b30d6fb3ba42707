import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../adapters/process/signals';

/** Who holds a target, as written in its lock file. */
export interface LockHolder {
  pid: number;
  runDir: string;
  planFile: string;
  startedAt: string;
}

export type LockResult = { ok: true; release: () => void } | { ok: false; error: string; holder: LockHolder };

/** Locks are shared by every plan on this machine, so two plans cannot drive the same router. */
export function lockDir(): string {
  return process.env.SWITCHYARD_LOCK_DIR ?? join(tmpdir(), 'switchyard-locks');
}

function lockPath(key: string): string {
  return join(lockDir(), `${createHash('sha1').update(key).digest('hex').slice(0, 16)}.lock`);
}

export function readLock(key: string): LockHolder | undefined {
  const path = lockPath(key);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock of every target key, or none. A lock whose holder is gone is still held while
 * its run is unfinished (`isUnfinished(runDir)`): a crashed or paused release leaves traffic
 * split, and only resume or abort of that run may touch the target.
 *
 * @example
 * const lock = acquireLocks(['router:haproxy /tmp/h.sock backend app'], holder, () => false);
 * if (!lock.ok) console.error(lock.error); else lock.release();
 */
export function acquireLocks(keys: readonly string[], holder: LockHolder, isUnfinished: (runDir: string) => boolean): LockResult {
  mkdirSync(lockDir(), { recursive: true });
  const taken: string[] = [];
  const release = (): void => {
    for (const key of taken) {
      const current = readLock(key);
      if (current?.runDir === holder.runDir) unlinkSync(lockPath(key));
    }
  };
  for (const key of keys) {
    const current = readLock(key);
    if (current && current.runDir !== holder.runDir) {
      const live = isAlive(current.pid);
      if (live || isUnfinished(current.runDir)) {
        release();
        const how = live ? `is running (pid ${current.pid})` : 'did not finish';
        return {
          ok: false,
          holder: current,
          error: `${key} is locked: the release of ${current.planFile} started ${current.startedAt} ${how} (run ${current.runDir}). Wait for it, or run \`switchyard resume ${current.planFile}\` or \`switchyard abort ${current.planFile}\`.`,
        };
      }
    }
    // A stale lock is removed first, then every lock is created exclusively (`wx`): of two runs
    // starting at once, exactly one creates the file.
    if (current && current.runDir !== holder.runDir) unlinkSync(lockPath(key));
    try {
      writeFileSync(lockPath(key), JSON.stringify(holder), { flag: current?.runDir === holder.runDir ? 'w' : 'wx' });
    } catch {
      release();
      const winner = readLock(key) ?? holder;
      return { ok: false, holder: winner, error: `${key} is locked: another release (pid ${winner.pid}, ${winner.planFile}) took it just now` };
    }
    taken.push(key);
  }
  return { ok: true, release };
}
