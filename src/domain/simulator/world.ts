import type { Plan, Scenario } from '../plan/schema';
import type { Role } from '../strategies/effects';
import { VirtualClock } from './clock';
import { EventQueue } from './eventQueue';
import { DEFAULT_BAD_ERROR_RATE, DEFAULT_SLOW_BOOT_FACTOR, FaultTimeline } from './faults';
import { FigureTracker } from '../run/figures';
import { Fleet } from './fleet';
import { MetricHistory } from './metricHistory';
import { Metrics, roleMetrics, type RoleCounters } from './metrics';
import { createRandom, type Random } from './random';
import { Router, type RoutingMode } from './router';
import { emptyFlow, flowTrafficInto, type BehaviourNow, type FlowInput, type Flows } from './traffic';
import type { RunEvent, RunEventData, RunEventKind } from '../run/events';
import type { Snapshot } from './types';

/** Where the machine is, as the journal and snapshots show it. */
export interface MachineStatus {
  state: string;
  /** The machine is in a failure state (rolling back, rolled back, aborted, failed). */
  failing: boolean;
  stepIndex: number;
  stepCount: number;
  stepLabel: string;
}

export interface WorldOptions {
  plan: Plan;
  scenario: Scenario;
  seed: number;
  intervalMs: number;
  recordSnapshots: boolean;
  /**
   * Keep the whole journal (default true). Monte Carlo turns it off: then only the verdict lines
   * (`gate.result`, `gate.warning`, `outcome`) are kept, which is what a run's sample reads, and callers skip
   * building messages nobody will read (check {@link World.journaling} first).
   */
  recordEvents?: boolean;
  routing: RoutingMode;
  /**
   * How far back a measurement may look (the longest gate interval a Flagger-style check reads,
   * see MetricHistory); 0 or absent keeps no history.
   */
  lookbackMs?: number;
}

/** Journal kinds kept even without a full journal: a Monte Carlo sample reads them. */
const VERDICT_KINDS: ReadonlySet<RunEventKind> = new Set<RunEventKind>(['gate.result', 'gate.warning', 'outcome']);

const ROLES: readonly Role[] = ['stable', 'candidate'];
const HOUR_MS = 3_600_000;

/**
 * The simulated world of one run: clock and queue, fleet, router, faults, counters, journal and
 * snapshots. The engine pops events; before each one it calls `advanceTo`, which flows traffic in
 * stretches that end at interval boundaries and event times, so nothing changes within a stretch.
 *
 * @example
 * const world = new World({ plan, scenario, seed: 1, intervalMs: 5000, recordSnapshots: true, routing: 'weighted' });
 * world.seed('stable', plan.replicas);
 * world.advanceTo(60_000); // one minute of traffic on stable, 12 snapshots
 */
export class World {
  readonly queue = new EventQueue();
  readonly clock = new VirtualClock(this.queue);
  readonly random: Random;
  readonly fleet: Fleet;
  readonly router: Router;
  readonly faults: FaultTimeline;
  readonly metrics = new Metrics();
  readonly figures: FigureTracker;
  readonly events: RunEvent[] = [];
  readonly snapshots: Snapshot[] = [];
  /** Called whenever instance counts change (health checks listen here). */
  readonly fleetListeners = new Set<() => void>();
  status: () => MachineStatus = () => ({ state: '', failing: false, stepIndex: 0, stepCount: 0, stepLabel: '' });
  /** Whether every journal line is kept; when false, skip building messages for other kinds. */
  readonly journaling: boolean;

  private cursor = 0;
  private nextBoundary: number;
  private intervalMarks: Record<Role, RoleCounters>;
  private readonly history: MetricHistory | undefined;
  private readonly servingSince: Record<Role, number | null> = { stable: 0, candidate: null };
  private readonly loggedReady: Record<Role, number> = { stable: 0, candidate: 0 };
  private readonly trafficRandom: Random;
  private readonly crashRandom: Random;
  // Scratch for `flow`, reused every stretch: nothing it holds outlives one call.
  private readonly flowInput: FlowInput = {
    durationMs: 0,
    rps: 0,
    previewRps: 0,
    shares: { stable: 1, candidate: 0 },
    mirrorShare: 0,
    ready: { stable: 0, candidate: 0 },
    behaviour: { stable: { errorRate: 0, latencyP50: 0, latencyP99: 0 }, candidate: { errorRate: 0, latencyP50: 0, latencyP99: 0 } },
  };
  private readonly flows: Flows = { stable: emptyFlow(), candidate: emptyFlow() };
  private readonly compared: Record<Role, BehaviourNow> = { stable: { errorRate: 0, latencyP50: 0, latencyP99: 0 }, candidate: { errorRate: 0, latencyP50: 0, latencyP99: 0 } };

  constructor(readonly options: WorldOptions) {
    const { plan, scenario, seed } = options;
    this.journaling = options.recordEvents ?? true;
    this.random = createRandom(seed);
    this.trafficRandom = this.random.fork('traffic');
    this.crashRandom = this.random.fork('crash');
    this.nextBoundary = options.intervalMs;
    this.router = new Router(options.routing);
    this.faults = new FaultTimeline(scenario.faults);
    this.figures = new FigureTracker(plan.replicas);
    this.intervalMarks = { stable: this.metrics.mark('stable'), candidate: this.metrics.mark('candidate') };
    this.history = options.lookbackMs ? new MetricHistory(options.lookbackMs, this.metrics.roles) : undefined;
    this.fleet = new Fleet(
      this.clock,
      this.random.fork('boot'),
      { bootMinMs: scenario.fleet.bootTime.min, bootMaxMs: Math.max(scenario.fleet.bootTime.min, scenario.fleet.bootTime.max), drainMs: scenario.fleet.drainTime },
      {
        bootFactor: (role) => {
          const slow = this.faults.active('slowBoot', role);
          return slow ? (slow.factor ?? DEFAULT_SLOW_BOOT_FACTOR) : 1;
        },
        crashLooping: (role) => this.faults.active('crashLoop', role) !== undefined,
        onChange: (role) => this.onFleetChange(role),
      },
    );
  }

  /** Start the run with `replicas` ready instances of a role (the stable fleet before a release). */
  seed(role: Role, replicas: number): void {
    this.fleet.seed(role, replicas);
    this.loggedReady[role] = replicas;
    this.figures.observeAlive(this.fleet.alive());
  }

  get now(): number {
    return this.clock.now;
  }

  log<K extends RunEventKind>(kind: K, message: string, data: RunEventData[K]): void {
    if (!this.journaling && !VERDICT_KINDS.has(kind)) return;
    this.events.push({ t: this.clock.now, kind, message, data } as RunEvent);
  }

  /**
   * A role's cumulative counters as they stood `lookbackMs` ago (from the run's start at most), to
   * difference with `metrics.roles` now: a window that ends now, as a range query reads it.
   *
   * @example
   * readMetric('errorRate', world.countersBefore('candidate', 60_000), world.metrics.roles.candidate, 60_000);
   */
  countersBefore(role: Role, lookbackMs: number): RoleCounters {
    if (!this.history) throw new Error('this world keeps no metric history: give WorldOptions.lookbackMs');
    return this.history.at(role, Math.max(0, this.clock.now - lookbackMs));
  }

  /** How a role behaves at `t`: its scenario behaviour, degradation since it started serving, faults. */
  behaviour(role: Role, t: number): BehaviourNow {
    return this.behaviourInto(role, t, { errorRate: 0, latencyP50: 0, latencyP99: 0 });
  }

  /** `behaviour` written into `out`, so the traffic loop reuses one object per role. */
  private behaviourInto(role: Role, t: number, out: BehaviourNow): BehaviourNow {
    const version = this.options.scenario[role];
    const since = this.servingSince[role];
    const minutes = since === null ? 0 : Math.max(0, (t - since) / 60_000);
    let errorRate = version.errorRate + (version.degradation?.errorRatePerMinute ?? 0) * minutes;
    const bad = this.faults.active('badVersion', role);
    if (bad) errorRate = Math.max(errorRate, bad.errorRate ?? DEFAULT_BAD_ERROR_RATE);
    const latencyP50 = version.latencyMs + (version.degradation?.latencyMsPerMinute ?? 0) * minutes;
    const p99Base = version.latencyP99Ms ?? version.latencyMs * 4;
    out.errorRate = Math.min(1, errorRate);
    out.latencyP50 = latencyP50;
    out.latencyP99 = p99Base * (latencyP50 / version.latencyMs);
    return out;
  }

  /** Live share of the candidate right now, 0..1. */
  candidateShare(): number {
    return this.router.candidateShare(this.fleet.ready('stable'), this.fleet.ready('candidate'));
  }

  /** Flow traffic and crashes up to `t`, recording a snapshot at every interval boundary passed. */
  advanceTo(t: number): void {
    while (this.cursor < t) {
      const end = Math.min(t, this.nextBoundary);
      this.flow(this.cursor, end);
      this.cursor = end;
      this.clock.now = end;
      if (end === this.nextBoundary) {
        // The snapshot covers the interval that just ended, so it is taken before the next one starts.
        this.onBoundary();
        this.nextBoundary += this.options.intervalMs;
      }
    }
    this.clock.now = Math.max(this.clock.now, t);
  }

  /** A snapshot of now; metrics cover the interval so far. */
  recordSnapshot(): void {
    if (!this.options.recordSnapshots) return;
    const status = this.status();
    const intervalStart = this.nextBoundary - this.options.intervalMs;
    const windowMs = this.clock.now - intervalStart;
    const ready = { stable: this.fleet.ready('stable'), candidate: this.fleet.ready('candidate') };
    const shares = this.router.liveShares(ready.stable, ready.candidate);
    this.snapshots.push({
      t: this.clock.now,
      ...status,
      instances: { stable: this.fleet.counts('stable'), candidate: this.fleet.counts('candidate') },
      weights: { stable: percent(shares.stable), candidate: percent(shares.candidate) },
      mirrorPercent: this.router.mirrorPercent(),
      metrics: {
        stable: roleMetrics(this.intervalMarks.stable, this.metrics.roles.stable, windowMs),
        candidate: roleMetrics(this.intervalMarks.candidate, this.metrics.roles.candidate, windowMs),
      },
      requests: Math.round(this.metrics.requests),
      requestsToCandidate: Math.round(this.metrics.requestsToCandidate),
      userErrors: Math.round(this.metrics.userErrors),
    });
  }

  private flow(start: number, end: number): void {
    const { scenario } = this.options;
    const input = this.flowInput;
    const ready = input.ready;
    ready.stable = this.fleet.ready('stable');
    ready.candidate = this.fleet.ready('candidate');
    const shares = this.router.liveSharesInto(ready.stable, ready.candidate, input.shares);
    const mirrorShare = this.router.mirrorShare();
    const candidateReceives = ready.candidate > 0 && (shares.candidate > 0 || mirrorShare > 0);
    if (candidateReceives && this.servingSince.candidate === null) this.servingSince.candidate = start;
    // Only the first bad stretch counts, so later ones skip the comparison.
    if (candidateReceives && !this.figures.sawBadServing && this.candidateIsBad(start)) this.figures.observeBadServing(start);
    this.figures.observeCapacity((shares.stable > 0 ? ready.stable : 0) + (shares.candidate > 0 ? ready.candidate : 0));
    const middle = (start + end) / 2;
    this.behaviourInto('stable', middle, input.behaviour.stable);
    this.behaviourInto('candidate', middle, input.behaviour.candidate);
    input.durationMs = end - start;
    input.rps = scenario.traffic.rps;
    input.previewRps = scenario.traffic.previewRps;
    input.mirrorShare = mirrorShare;
    this.metrics.add(flowTrafficInto(input, this.trafficRandom, this.flows), input.behaviour);
    this.history?.record(end, this.metrics.roles);
    this.crashInstances(end - start, end);
  }

  private candidateIsBad(t: number): boolean {
    const { candidate } = this.options.scenario;
    const degradation = candidate.degradation;
    if (degradation && (degradation.errorRatePerMinute > 0 || degradation.latencyMsPerMinute > 0)) return true;
    // Asked every stretch until the candidate is first bad, so it reuses the same two objects.
    const bad = this.behaviourInto('candidate', t, this.compared.candidate);
    const good = this.behaviourInto('stable', t, this.compared.stable);
    return bad.errorRate > good.errorRate || bad.latencyP50 > good.latencyP50 || bad.latencyP99 > good.latencyP99;
  }

  private crashInstances(durationMs: number, end: number): void {
    for (const role of ROLES) {
      const rate = this.options.scenario[role].crashRate;
      const ready = this.fleet.ready(role);
      if (rate <= 0 || ready === 0) continue;
      const crashes = this.crashRandom.poisson((ready * rate * durationMs) / HOUR_MS);
      if (crashes === 0) continue;
      this.clock.now = end;
      if (this.journaling) this.log('instances.crash', `${crashes} ${role} instance${crashes === 1 ? '' : 's'} crashed`, { role, count: crashes });
      this.fleet.crash(role, crashes);
    }
  }

  private onBoundary(): void {
    if (this.journaling) {
      for (const role of ROLES) {
        const ready = this.fleet.ready(role);
        if (ready !== this.loggedReady[role]) this.logReady(role);
      }
    }
    // The marks only serve snapshots, so a run without them skips copying counters every interval.
    if (!this.options.recordSnapshots) return;
    this.recordSnapshot();
    this.intervalMarks = { stable: this.metrics.mark('stable'), candidate: this.metrics.mark('candidate') };
  }

  private onFleetChange(role: Role): void {
    this.figures.observeAlive(this.fleet.alive());
    const desired = this.fleet.desired(role);
    const ready = this.fleet.ready(role);
    if (this.journaling && ready === desired && ready !== this.loggedReady[role]) this.logReady(role);
    for (const listener of this.fleetListeners) listener();
  }

  private logReady(role: Role): void {
    const ready = this.fleet.ready(role);
    const desired = this.fleet.desired(role);
    this.loggedReady[role] = ready;
    this.log('instances.ready', `${ready}/${desired} ${role} ready`, { role, ready, desired });
  }
}

function percent(share: number): number {
  return Math.round(share * 10_000) / 100;
}
