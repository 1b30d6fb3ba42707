import { readFileSync } from 'node:fs';
import { processStat } from '../../adapters/procfs';

/** Linux's USER_HZ: /proc counts start times in these ticks on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;
/** /proc/stat gives the boot time in whole seconds, and a recorder reads the clock just after the spawn. */
const TOLERANCE_MS = 2000;

export type StartTimeCheck = 'matches' | 'differs' | 'unknown';

/**
 * Compares the start time a journal recorded for a process with the one /proc gives for `pid`
 * now. Accepted records: the /proc tick count itself, an identity `{ bootId, startTicks }` (the
 * boot and the tick count), or a wall-clock time (epoch milliseconds or seconds, or an ISO
 * string). Anything else, or no record, is `unknown`: the caller decides on other evidence.
 *
 * @example
 * recordedStartMatches(4242, '2024-05-01T10:00:00.120Z'); // 'differs' when pid 4242 started at another time
 */
export function recordedStartMatches(pid: number, recorded: unknown): StartTimeCheck {
  const stat = processStat(pid);
  if (recorded === undefined || recorded === null || !stat) return 'unknown';
  if (isIdentity(recorded)) return recorded.startTicks === stat.startTicks && (recorded.bootId === undefined || recorded.bootId === bootId()) ? 'matches' : 'differs';
  if (recorded === stat.startTicks) return 'matches';
  const wallClock = wallClockMs(recorded);
  const boot = bootTimeMs();
  if (wallClock === undefined || boot === undefined) return 'unknown';
  const started = boot + (stat.startTicks * 1000) / TICKS_PER_SECOND;
  return Math.abs(wallClock - started) <= TOLERANCE_MS ? 'matches' : 'differs';
}

function isIdentity(value: unknown): value is { startTicks: number; bootId?: string } {
  if (typeof value !== 'object' || value === null || !('startTicks' in value) || typeof value.startTicks !== 'number') return false;
  return !('bootId' in value) || typeof value.bootId === 'string';
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function wallClockMs(recorded: unknown): number | undefined {
  const value = typeof recorded === 'string' ? (/^\d+(\.\d+)?$/.test(recorded) ? Number(recorded) : Date.parse(recorded)) : recorded;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  // Epoch seconds are below 10^11 until the year 5138; epoch milliseconds are above it since 1973.
  return value < 1e11 ? value * 1000 : value;
}

function bootTimeMs(): number | undefined {
  try {
    const seconds = Number(/^btime\s+(\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
  } catch {
    return undefined;
  }
}
