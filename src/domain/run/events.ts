import type { HookAnswer } from '../hooks/points';
import type { FaultKind } from '../plan/schema';
import type { Member, ProcessIdentity, RoutingSnapshot } from '../ports';
import type { AnalysisPhase, Measurement, Outcome, Role, Weights } from '../strategies/effects';

/** A delayed machine event (a timed pause, an interval) pending when a real run's state was recorded. */
export interface PendingTimer {
  event: { type: string };
  delay: number;
  startedAt: number;
}

/** What a real run records beside a state so that a later runner can resume from it. */
export interface PersistedState {
  /** The machine's state value (XState's `snapshot.value`). */
  value: unknown;
  /** XState's persisted snapshot. */
  snapshot: unknown;
  timers: PendingTimer[];
}

/**
 * What each kind of run event says, besides its time and message. One table for simulations and
 * real runs, so whoever writes an event and whoever reads it (the panel, the CLI's timeline,
 * `status`, resume, Monte Carlo) agree on its fields. A simulation writes the kinds from
 * `machine.state` to `gate.warning`; a real run's journal writes those it can observe and the
 * runner's own (`run.*`, `action.*`, `instance.*`, `route.safe`, `operator`).
 */
export interface RunEventData {
  /** `persisted` only in a real run's journal: what resume restores. */
  'machine.state': { state: string; failing: boolean; stepIndex: number; stepCount: number; stepLabel: string; persisted?: PersistedState };
  outcome: { outcome: Outcome; reason: string };
  scale: { role: Role; replicas: number; effect: string };
  'traffic.set': { weights: Weights; mirrorPercent: number; headerRoutes: number };
  'health.ready': { role: Role };
  'health.failed': { role: Role };
  'instances.ready': { role: Role; ready: number; desired: number };
  'instances.crash': { role: Role; count: number };
  'operator.approve': Record<string, never>;
  /** One hook call and its answer (yes, no, failed, timeout); `name`: the hook's name or what it calls. */
  'hook.run': { hook: string; name?: string; answer?: HookAnswer };
  'fault.start': { kind: FaultKind; role: Role | undefined };
  'fault.end': { kind: FaultKind; role: Role | undefined };
  /** `version`, `detail` (why there is no value) and `allowed` (the limit that lets the gate measure again after it) in a real run. */
  'gate.measure': { gate: string; role: Role; value: number | null; phase: Measurement['phase']; version?: string; detail?: string; allowed?: string };
  /** A gate's verdict; a gate that could not even start (its condition does not parse) has no name or role. */
  'gate.result': { gate?: string; role?: Role; phase: AnalysisPhase };
  /** A gate that passed without a successful measurement, as Argo Rollouts does: a finding, never Switchyard's own pass. */
  'gate.warning': { gate: string; role: Role; phase: 'successful' };
  /** `pid` and `identity`: the runner process, so a later command never takes a reused pid for it. */
  'run.started': { planFile: string; service: string; strategy: string; version: string; stableVersion?: string; undoOf?: string; pid: number; identity?: ProcessIdentity; lockKeys: string[]; dryRun: boolean };
  'run.resumed': { pid: number; identity?: ProcessIdentity; interrupted: number[] };
  'run.paused': { reason: string };
  /** The routing found before the first change: what abort and rollback restore. */
  'route.safe': { snapshot: RoutingSnapshot };
  /** Journaled and fsynced before the runner acts. */
  'action.intent': { id: number; effect: string; input: unknown; description: string };
  'action.result': { id: number; ok: boolean; error?: string; ms: number };
  /** Spawned, not yet healthy: journaled before the health wait so a crash leaves no untracked process. */
  'instance.spawned': { member: Member };
  'instance.started': { member: Member };
  'instance.stopped': { member: Member };
  operator: { event: string; commandId?: string };
  /**
   * One write to a target's API (a Kubernetes server-side apply, a pause), journaled before it is
   * sent with the object's resourceVersion as last seen, and again with the one the server answered.
   */
  'target.write': TargetWrite;
  /** A role's pods as a workload's own controller reports them (a Kubernetes Deployment's ReplicaSets, from its watches), journaled when they change. */
  'instances.observed': { role: Role; ready: number; starting: number; draining: number; failed: number };
}

/** A write to a target's API: `intent` before it is sent, then `done` or `failed`. */
export interface TargetWrite {
  phase: 'intent' | 'done' | 'failed';
  /** "apply", "pause", "resume", "undo". */
  verb: string;
  /** "apps/v1 Deployment shop/demo". */
  object: string;
  resourceVersion?: string;
  error?: string;
}

export type RunEventKind = keyof RunEventData;

/** One line of a run's record, typed by its kind; `t` in milliseconds from the run's start. */
export type RunEvent = { [K in RunEventKind]: { t: number; kind: K; message: string; data: RunEventData[K] } }[RunEventKind];

/**
 * The event of one kind, for narrowing.
 *
 * @example
 * const results = run.events.filter((event): event is RunEventOf<'gate.result'> => event.kind === 'gate.result');
 */
export type RunEventOf<K extends RunEventKind> = Extract<RunEvent, { kind: K }>;

/**
 * The last event of a kind, typed.
 *
 * @example
 * lastOf(entries, 'outcome')?.data.outcome; // 'rolledBack'
 */
export function lastOf<K extends RunEventKind, E extends RunEvent>(events: readonly E[], kind: K): (E & RunEventOf<K>) | undefined {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.kind === kind) return event as E & RunEventOf<K>;
  }
  return undefined;
}

/** The first event of a kind, typed. */
export function firstOf<K extends RunEventKind, E extends RunEvent>(events: readonly E[], kind: K): (E & RunEventOf<K>) | undefined {
  return events.find((event): event is E & RunEventOf<K> => event.kind === kind);
}

/** Every event of a kind, typed. */
export function allOf<K extends RunEventKind, E extends RunEvent>(events: readonly E[], kind: K): (E & RunEventOf<K>)[] {
  return events.filter((event): event is E & RunEventOf<K> => event.kind === kind);
}
