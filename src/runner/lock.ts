import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkProcess, thisProcess } from '../adapters/process/identity';
import type { ProcessIdentity } from '../domain/ports';

/** Who holds a target, as written in its lock file. */
export interface LockHolder {
  pid: number;
  /** The holder's start time and boot: a reused pid does not keep a lock held. */
  identity?: ProcessIdentity;
  runDir: string;
  planFile: string;
  startedAt: string;
}

export type LockResult = { ok: true; release: () => void } | { ok: false; error: string; holder: LockHolder };
type TakeResult = { ok: true } | { ok: false; error: string; holder: LockHolder };

/** How often a taker looks again while another one is replacing the same stale lock. */
const ATTEMPTS = 200;
const RETRY_MS = 5;
/** A takeover claim lives for microseconds; one this old was left by a taker that died holding it. */
const ABANDONED_CLAIM_MS = 5000;

/** Locks are shared by every plan on this machine, so two plans cannot drive the same router. */
export function lockDir(): string {
  return process.env.SWITCHYARD_LOCK_DIR ?? join(tmpdir(), 'switchyard-locks');
}

function lockPath(key: string): string {
  return join(lockDir(), `${createHash('sha1').update(key).digest('hex').slice(0, 16)}.lock`);
}

/** A lock file as read through one descriptor: its holder (undefined when unreadable) and its inode. */
function readLockFile(path: string): { holder: LockHolder | undefined; inode: bigint } | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const inode = fstatSync(fd, { bigint: true }).ino;
    try {
      return { holder: JSON.parse(readFileSync(fd, 'utf8')) as LockHolder, inode };
    } catch {
      return { holder: undefined, inode };
    }
  } finally {
    closeSync(fd);
  }
}

export function readLock(key: string): LockHolder | undefined {
  return readLockFile(lockPath(key))?.holder;
}

/**
 * Takes the lock of every target key, or none. A lock whose holder is gone (its pid exited, or
 * is another process now) is still held while its run is unfinished (`isUnfinished(runDir)`): a
 * crashed or paused release leaves traffic split, and only resume or abort of that run may touch
 * the target.
 *
 * A lock file is never written in place: it is written whole under a temp name and linked to
 * its name (link fails when the name exists, so of two runs starting at once exactly one gets
 * it). A stale lock is replaced only by the taker that first hard-links it to `<lock>.takeover`
 * and finds there the very file it judged stale; every other taker sees the claim, waits, and
 * then finds the new holder. So of any number of simultaneous takeovers exactly one wins.
 *
 * @example
 * const lock = acquireLocks(['haproxy /tmp/h.sock backend app'], holder, () => false);
 * if (!lock.ok) console.error(lock.error); else lock.release();
 */
export function acquireLocks(keys: readonly string[], holder: LockHolder, isUnfinished: (runDir: string) => boolean): LockResult {
  mkdirSync(lockDir(), { recursive: true });
  const self: LockHolder = holder.pid === process.pid && holder.identity === undefined ? { ...holder, ...thisProcess() } : holder;
  const taken: string[] = [];
  const release = (): void => {
    for (const key of taken) {
      const current = readLock(key);
      if (current?.runDir === self.runDir && current.pid === self.pid) unlinkQuietly(lockPath(key));
    }
  };
  for (const key of [...new Set(keys)].sort()) {
    const result = takeLock(key, self, isUnfinished);
    if (!result.ok) {
      release();
      return result;
    }
    taken.push(key);
  }
  return { ok: true, release };
}

function takeLock(key: string, self: LockHolder, isUnfinished: (runDir: string) => boolean): TakeResult {
  const path = lockPath(key);
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, JSON.stringify(self));
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (linkExclusive(temp, path)) return { ok: true };
      const seen = readLockFile(path);
      // Released between the link and the read: try again.
      if (seen === undefined) continue;
      if (seen.holder?.pid === self.pid && seen.holder.runDir === self.runDir) return { ok: true };
      const refused = refusal(key, seen.holder, self, isUnfinished);
      if (refused) return refused;
      const claim = claimStale(path, seen.inode);
      if (claim === 'claimed') {
        // Nobody else can replace the lock while the claim stands: renaming over it is the takeover.
        renameSync(temp, path);
        unlinkQuietly(`${path}.takeover`);
        return { ok: true };
      }
      if (claim === 'busy') pause(RETRY_MS);
    }
    const current = readLock(key) ?? self;
    return { ok: false, holder: current, error: `${key} is locked: another release (pid ${current.pid}, ${current.planFile}) is taking it over just now; try again` };
  } finally {
    unlinkQuietly(temp);
  }
}

/** Why a lock held by `holder` cannot be taken, or undefined when it is stale (or this run's, from its crashed runner). */
function refusal(key: string, holder: LockHolder | undefined, self: LockHolder, isUnfinished: (runDir: string) => boolean): TakeResult | undefined {
  // Locks are written whole (link or rename of a complete file): one that does not parse is nobody's.
  if (holder === undefined) return undefined;
  const live = checkProcess(holder.pid, holder.identity) === 'running';
  if (!live && (holder.runDir === self.runDir || !isUnfinished(holder.runDir))) return undefined;
  const how = live ? `is running (pid ${holder.pid})` : 'did not finish';
  return {
    ok: false,
    holder,
    error: `${key} is locked: the release of ${holder.planFile} started ${holder.startedAt} ${how} (run ${holder.runDir}). Wait for it, or run \`switchyard resume ${holder.planFile}\` or \`switchyard abort ${holder.planFile}\`.`,
  };
}

/**
 * Claims the stale lock with inode `inode`: `claimed` when this taker hard-linked exactly that
 * file to the claim name, `busy` when another taker holds the claim, `changed` when the lock is
 * no longer the file that was judged stale.
 */
function claimStale(path: string, inode: bigint): 'claimed' | 'busy' | 'changed' {
  const claim = `${path}.takeover`;
  try {
    linkSync(path, claim);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'changed';
    if (code !== 'EEXIST') throw error;
    removeAbandonedClaim(claim);
    return 'busy';
  }
  if (statSync(claim, { bigint: true }).ino === inode) return 'claimed';
  unlinkQuietly(claim);
  return 'changed';
}

function removeAbandonedClaim(claim: string): void {
  try {
    if (Date.now() - statSync(claim).ctimeMs > ABANDONED_CLAIM_MS) unlinkQuietly(claim);
  } catch {
    // removed by its taker meanwhile
  }
}

function linkExclusive(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** A few milliseconds' wait in synchronous code: taking a lock is a short, rare critical section. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
