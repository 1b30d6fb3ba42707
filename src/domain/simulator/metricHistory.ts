import type { Role } from '../strategies/effects';
import type { RoleCounters } from './metrics';

const FIELDS: readonly (keyof RoleCounters)[] = ['liveRequests', 'liveErrors', 'requests', 'errors', 'answered', 'p50Weighted', 'p99Weighted'];

interface Entry {
  t: number;
  counters: Record<Role, RoleCounters>;
}

/**
 * Each role's cumulative counters at the end of every stretch of traffic over the last `spanMs`,
 * so a measurement can look back over a window that started before it was asked for, as a
 * Prometheus range query does (Flagger measures each metric over its `interval`, ending now).
 * Traffic is constant within a stretch, so a time inside one reads as the straight line between
 * its ends.
 *
 * @example
 * const history = new MetricHistory(60_000, zero);
 * history.record(30_000, metrics.roles); history.record(90_000, metrics.roles);
 * history.at('candidate', 60_000); // halfway between the counters at 30 s and 90 s
 */
export class MetricHistory {
  private entries: Entry[] = [];
  private first = 0;

  constructor(
    private readonly spanMs: number,
    start: Record<Role, RoleCounters>,
  ) {
    this.record(0, start);
  }

  /** The counters as they stand at `t` (the end of a stretch). */
  record(t: number, roles: Record<Role, RoleCounters>): void {
    const last = this.entries.at(-1);
    const counters = { stable: { ...roles.stable }, candidate: { ...roles.candidate } };
    if (last && last.t === t) last.counters = counters;
    else this.entries.push({ t, counters });
    // Keep one entry at or before the oldest time anyone can ask for.
    while (this.first + 1 < this.entries.length && (this.entries[this.first + 1] as Entry).t <= t - this.spanMs) this.first++;
    if (this.first > 1024) {
      this.entries = this.entries.slice(this.first);
      this.first = 0;
    }
  }

  /** A role's counters at `t` (at most `spanMs` ago; earlier reads as the oldest kept, before 0 as 0). */
  at(role: Role, t: number): RoleCounters {
    let index = this.entries.length - 1;
    while (index > this.first && (this.entries[index] as Entry).t > t) index--;
    const before = this.entries[index] as Entry;
    const after = this.entries[index + 1];
    if (!after || before.t >= t) return { ...before.counters[role] };
    const share = (t - before.t) / (after.t - before.t);
    const from = before.counters[role];
    const to = after.counters[role];
    const read = { ...from };
    for (const field of FIELDS) read[field] = from[field] + (to[field] - from[field]) * share;
    return read;
  }
}
