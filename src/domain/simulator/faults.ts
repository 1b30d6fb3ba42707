import type { Fault, FaultKind } from '../plan/schema';
import type { Role } from '../strategies/effects';
import type { VirtualClock } from './clock';

/** The role a fault hits when the scenario does not say: what a user would expect it to break. */
const DEFAULT_ROLE: Partial<Record<FaultKind, Role>> = {
  instanceLoss: 'stable',
  badVersion: 'candidate',
  crashLoop: 'candidate',
};

/** Error rate a `badVersion` fault turns to when the scenario gives none. */
export const DEFAULT_BAD_ERROR_RATE = 0.2;
/** Boot time multiplier of a `slowBoot` fault when the scenario gives none. */
export const DEFAULT_SLOW_BOOT_FACTOR = 3;

export interface FaultHandlers {
  onStart(fault: Fault, role: Role | undefined): void;
  onEnd(fault: Fault, role: Role | undefined): void;
}

/**
 * The scenario's faults on the run's timeline, and which of them are active now. Fault events are
 * background events: a fault due in an hour does not keep a run that waits for an operator alive.
 *
 * @example
 * const faults = new FaultTimeline([{ at: 60_000, kind: 'routerFault', for: 30_000 }]);
 * faults.schedule(clock, handlers);
 * // at 75 s virtual: faults.active('routerFault') is the fault; at 90 s it is undefined again
 */
export class FaultTimeline {
  private readonly activeFaults = new Set<Fault>();

  constructor(private readonly faults: readonly Fault[]) {}

  /** The role a fault applies to, or undefined for faults that hit both roles or none. */
  static roleOf(fault: Fault): Role | undefined {
    return fault.role ?? DEFAULT_ROLE[fault.kind];
  }

  schedule(clock: VirtualClock, handlers: FaultHandlers): void {
    for (const fault of this.faults) {
      const role = FaultTimeline.roleOf(fault);
      clock.after(
        fault.at,
        () => {
          if (fault.kind !== 'instanceLoss') this.activeFaults.add(fault);
          handlers.onStart(fault, role);
        },
        true,
      );
      if (fault.kind === 'instanceLoss' || fault.for === undefined) continue;
      clock.after(
        fault.at + fault.for,
        () => {
          this.activeFaults.delete(fault);
          handlers.onEnd(fault, role);
        },
        true,
      );
    }
  }

  /** The first active fault of this kind that `matches` says applies (a hook fault: its hook point). */
  activeWhere(kind: FaultKind, matches: (fault: Fault) => boolean): Fault | undefined {
    if (this.activeFaults.size === 0) return undefined;
    for (const fault of this.activeFaults) if (fault.kind === kind && matches(fault)) return fault;
    return undefined;
  }

  /** The first active fault of this kind that applies to `role` (any role when omitted). */
  active(kind: FaultKind, role?: Role): Fault | undefined {
    // Asked several times per stretch of traffic; most runs have no fault at all.
    if (this.activeFaults.size === 0) return undefined;
    for (const fault of this.activeFaults) {
      if (fault.kind !== kind) continue;
      const faultRole = FaultTimeline.roleOf(fault);
      if (role === undefined || faultRole === undefined || faultRole === role) return fault;
    }
    return undefined;
  }
}

/**
 * One line for the journal.
 *
 * @example
 * describeFault({ at: 0, kind: 'badVersion', errorRate: 0.2 }); // "badVersion on candidate (error rate 0.2)"
 */
export function describeFault(fault: Fault): string {
  const role = FaultTimeline.roleOf(fault);
  const parts = [fault.kind + (role ? ` on ${role}` : '')];
  const details: string[] = [];
  if (fault.kind === 'badVersion') details.push(`error rate ${fault.errorRate ?? DEFAULT_BAD_ERROR_RATE}`);
  if (fault.kind === 'slowBoot') details.push(`boot ×${fault.factor ?? DEFAULT_SLOW_BOOT_FACTOR}`);
  if (fault.kind === 'instanceLoss') details.push(`${fault.count ?? 1} instance${(fault.count ?? 1) === 1 ? '' : 's'}`);
  if (fault.hook !== undefined) details.push(`${fault.hook} hooks`);
  if (fault.for !== undefined && fault.kind !== 'instanceLoss') details.push(`for ${Math.round(fault.for / 1000)}s`);
  if (details.length > 0) parts.push(`(${details.join(', ')})`);
  return parts.join(' ');
}
