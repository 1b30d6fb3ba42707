import type { FaultKind } from '../plan/schema';
import type { AnalysisPhase, Measurement, Outcome, Role, Weights } from '../strategies/effects';

/**
 * What each kind of run event says, besides its time and message. One table, so whoever writes an
 * event and whoever reads it (the panel, the CLI's timeline, Monte Carlo) agree on its fields.
 */
export interface RunEventData {
  'machine.state': { state: string; failing: boolean; stepIndex: number; stepCount: number; stepLabel: string };
  outcome: { outcome: Outcome };
  scale: { role: Role; replicas: number; effect: string };
  'traffic.set': { weights: Weights; mirrorPercent: number; headerRoutes: number };
  'health.ready': { role: Role };
  'health.failed': { role: Role };
  'instances.ready': { role: Role; ready: number; desired: number };
  'instances.crash': { role: Role; count: number };
  'operator.approve': Record<string, never>;
  'hook.run': { hook: string };
  'fault.start': { kind: FaultKind; role: Role | undefined };
  'fault.end': { kind: FaultKind; role: Role | undefined };
  'gate.measure': { gate: string; role: Role; value: number | null; phase: Measurement['phase'] };
  /** A gate's verdict; a gate that could not even start (its condition does not parse) has no name or role. */
  'gate.result': { gate?: string; role?: Role; phase: AnalysisPhase };
  /** A gate that passed without a successful measurement, as Argo Rollouts does: a finding, never Switchyard's own pass. */
  'gate.warning': { gate: string; role: Role; phase: 'successful' };
}

export type RunEventKind = keyof RunEventData;

/** One line of a run's record, typed by its kind. */
export type RunEvent = { [K in RunEventKind]: { t: number; kind: K; message: string; data: RunEventData[K] } }[RunEventKind];

/**
 * The event of one kind, for narrowing.
 *
 * @example
 * const results = run.events.filter((event): event is RunEventOf<'gate.result'> => event.kind === 'gate.result');
 */
export type RunEventOf<K extends RunEventKind> = Extract<RunEvent, { kind: K }>;
