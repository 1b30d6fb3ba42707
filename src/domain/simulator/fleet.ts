import type { Role } from '../strategies/effects';
import type { VirtualClock } from './clock';
import type { Random } from './random';
import type { InstanceCounts } from './types';

/** How long a crashed instance waits before it boots again (a restart backoff). */
export const CRASH_RESTART_MS = 10_000;

export interface FleetOptions {
  bootMinMs: number;
  bootMaxMs: number;
  drainMs: number;
}

export interface FleetHooks {
  /** Boot time multiplier right now (slowBoot faults). */
  bootFactor(role: Role): number;
  /** Whether instances of the role crash as soon as they boot (crashLoop fault). */
  crashLooping(role: Role): boolean;
  /** Called after any count of the role changed. */
  onChange(role: Role): void;
}

/** Instances of one role that finish booting at the same virtual millisecond. */
interface BootCohort {
  readyAt: number;
  count: number;
  /** Queue order of its ready event, to break ties between cohorts ready at the same time. */
  seq: number;
}

interface RoleFleet {
  desired: number;
  starting: number;
  ready: number;
  draining: number;
  failed: number;
  terminated: number;
  cohorts: BootCohort[];
}

const ROLES: readonly Role[] = ['stable', 'candidate'];

/**
 * The instances of both roles, as counts and boot cohorts rather than one object per instance:
 * 100,000 instances cost one random draw each and one queue event per distinct ready time.
 *
 * Scaling reconciles like a controller: more instances boot (uniform boot time, times any slowBoot
 * factor); fewer are removed not-ready first (the latest to boot, then crashed ones), then ready
 * ones, which drain for `drainMs` before they terminate. Lost instances are replaced.
 *
 * @example
 * const fleet = new Fleet(clock, random, { bootMinMs: 5000, bootMaxMs: 15000, drainMs: 5000 }, hooks);
 * fleet.scale('candidate', 5); // 5 starting; each becomes ready 5-15 virtual seconds later
 */
export class Fleet {
  private readonly roles: Record<Role, RoleFleet> = { stable: emptyRole(), candidate: emptyRole() };

  constructor(
    private readonly clock: VirtualClock,
    private readonly random: Random,
    private readonly options: FleetOptions,
    private readonly hooks: FleetHooks,
  ) {}

  /** Start with `replicas` instances already ready (the stable fleet before a release). */
  seed(role: Role, replicas: number): void {
    const fleet = this.roles[role];
    fleet.desired = replicas;
    fleet.ready = replicas;
  }

  counts(role: Role): InstanceCounts {
    const { starting, ready, draining, failed } = this.roles[role];
    return { starting, ready, draining, failed };
  }

  ready(role: Role): number {
    return this.roles[role].ready;
  }

  desired(role: Role): number {
    return this.roles[role].desired;
  }

  /** Instances that exist and cost money: starting, ready, draining or crashed. */
  alive(): number {
    let total = 0;
    for (const role of ROLES) {
      const fleet = this.roles[role];
      total += fleet.starting + fleet.ready + fleet.draining + fleet.failed;
    }
    return total;
  }

  scale(role: Role, replicas: number): void {
    this.roles[role].desired = Math.max(0, replicas);
    this.reconcile(role);
    this.hooks.onChange(role);
  }

  /** Take `count` instances away for good (instanceLoss); the controller replaces them. */
  lose(role: Role, count: number): void {
    const fleet = this.roles[role];
    const fromReady = Math.min(count, fleet.ready);
    fleet.ready -= fromReady;
    const fromStarting = this.cancelBoots(role, count - fromReady);
    fleet.terminated += fromReady + fromStarting;
    this.reconcile(role);
    this.hooks.onChange(role);
  }

  /** Crash up to `count` ready instances; each boots again after a restart backoff. */
  crash(role: Role, count: number): void {
    const fleet = this.roles[role];
    const crashed = Math.min(count, fleet.ready);
    if (crashed === 0) return;
    fleet.ready -= crashed;
    fleet.failed += crashed;
    this.clock.after(CRASH_RESTART_MS, () => this.restart(role, crashed), true);
    this.hooks.onChange(role);
  }

  private reconcile(role: Role): void {
    const fleet = this.roles[role];
    const present = fleet.starting + fleet.ready + fleet.failed;
    if (fleet.desired > present) this.boot(role, fleet.desired - present, false);
    else if (fleet.desired < present) this.remove(role, present - fleet.desired);
  }

  private remove(role: Role, count: number): void {
    const fleet = this.roles[role];
    let left = count - this.cancelBoots(role, count);
    const failed = Math.min(left, fleet.failed);
    fleet.failed -= failed;
    fleet.terminated += failed;
    left -= failed;
    const drained = Math.min(left, fleet.ready);
    if (drained === 0) return;
    fleet.ready -= drained;
    fleet.draining += drained;
    this.clock.after(
      this.options.drainMs,
      () => {
        fleet.draining -= drained;
        fleet.terminated += drained;
        this.hooks.onChange(role);
      },
      true,
    );
  }

  /** Stop up to `count` booting instances, the furthest from ready first; returns how many. */
  private cancelBoots(role: Role, count: number): number {
    const fleet = this.roles[role];
    if (count <= 0 || fleet.starting === 0) return 0;
    fleet.cohorts = fleet.cohorts.filter((cohort) => cohort.count > 0);
    fleet.cohorts.sort((a, b) => b.readyAt - a.readyAt || b.seq - a.seq);
    let stopped = 0;
    for (const cohort of fleet.cohorts) {
      if (stopped >= count) break;
      const take = Math.min(cohort.count, count - stopped);
      cohort.count -= take;
      stopped += take;
    }
    fleet.starting -= stopped;
    return stopped;
  }

  private restart(role: Role, count: number): void {
    const fleet = this.roles[role];
    const restarting = Math.min(count, fleet.failed);
    if (restarting === 0) return;
    fleet.failed -= restarting;
    this.boot(role, restarting, true);
    this.hooks.onChange(role);
  }

  private boot(role: Role, count: number, background: boolean): void {
    const fleet = this.roles[role];
    const factor = this.hooks.bootFactor(role);
    const { bootMinMs, bootMaxMs } = this.options;
    const times = new Float64Array(count);
    for (let i = 0; i < count; i++) times[i] = Math.round(this.random.uniform(bootMinMs, bootMaxMs) * factor);
    times.sort();
    if (fleet.cohorts.length > 4096) fleet.cohorts = fleet.cohorts.filter((cohort) => cohort.count > 0);
    let i = 0;
    while (i < count) {
      const bootMs = times[i] as number;
      let j = i + 1;
      while (j < count && times[j] === bootMs) j++;
      this.addCohort(role, bootMs, j - i, background);
      i = j;
    }
    fleet.starting += count;
  }

  private addCohort(role: Role, bootMs: number, count: number, background: boolean): void {
    const fleet = this.roles[role];
    const cohort: BootCohort = { readyAt: this.clock.now + bootMs, count, seq: 0 };
    cohort.seq = this.clock.after(bootMs, () => this.finishBoot(role, cohort), background).seq;
    fleet.cohorts.push(cohort);
  }

  private finishBoot(role: Role, cohort: BootCohort): void {
    const fleet = this.roles[role];
    const booted = cohort.count;
    if (booted === 0) return;
    cohort.count = 0;
    fleet.starting -= booted;
    if (this.hooks.crashLooping(role)) {
      fleet.failed += booted;
      this.clock.after(CRASH_RESTART_MS, () => this.restart(role, booted), true);
    } else {
      fleet.ready += booted;
    }
    this.hooks.onChange(role);
  }
}

function emptyRole(): RoleFleet {
  return { desired: 0, starting: 0, ready: 0, draining: 0, failed: 0, terminated: 0, cohorts: [] };
}
