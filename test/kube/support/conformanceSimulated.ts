import { parsePlan } from '../../../src/domain/plan/parse';
import { simulate } from '../../../src/domain/simulator/simulate';
import type { RunResult } from '../../../src/domain/simulator/types';
import type { ConformanceCase } from './conformanceCases';
import type { RolloutState } from './conformanceForm';

/**
 * The case as a user would write it: a rolling plan under `engine: kubernetes`, each pod ready
 * after the case's delay (boot time fixed, no jitter) and, for a bad version, crash-looping
 * candidates that never become ready. `onFailure: pause` keeps the stalled state at the progress
 * deadline, as the controller does, instead of rolling back.
 */
export function conformancePlan(row: ConformanceCase): string {
  const quote = (value: number | string): string => (typeof value === 'string' ? `'${value}'` : String(value));
  const readyMs = row.readyMs ?? 500;
  return [
    'service: demo',
    'version: v2',
    'stableVersion: v1',
    'engine: kubernetes',
    `replicas: ${row.replicas}`,
    'strategy:',
    '  rolling:',
    `    maxSurge: ${quote(row.maxSurge)}`,
    `    maxUnavailable: ${quote(row.maxUnavailable)}`,
    'checks:',
    `  minReadySeconds: ${row.minReadySeconds ?? 0}`,
    'policy:',
    '  onFailure: pause',
    '  progressDeadlineSeconds: 60',
    'scenarios:',
    '  conformance:',
    `    fleet: { bootTime: { min: ${readyMs}ms, max: ${readyMs}ms }, drainTime: 0s }`,
    ...(row.bad ? ['    faults: [{ at: 0s, kind: crashLoop, role: candidate }]'] : []),
    '',
  ].join('\n');
}

/** Simulates the case's plan through `simulate`, as the CLI and the panel do. */
export function simulateCase(row: ConformanceCase): RunResult {
  const parsed = parsePlan(conformancePlan(row), `${row.name}.release.yaml`);
  if (!parsed.ok) throw new Error(`the plan for "${row.name}" does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return simulate(parsed.plan, { scenario: 'conformance' });
}

/**
 * The simulated run's states: the candidate is the new ReplicaSet, the stable the old one. Each
 * `scale` event sets one side's spec; the candidate's ready instances at that moment (from the
 * last snapshot taken at or before it) are its availability, since the machine moves on only once
 * they have been ready for minReadySeconds. The run's last snapshot adds the final availability.
 */
export function simulatedStates(result: RunResult, replicas: number): RolloutState[] {
  const states: RolloutState[] = [];
  const spec = { new: 0, old: replicas };
  let snapshot = 0;
  const readyAt = (t: number): number => {
    while (snapshot + 1 < result.snapshots.length && (result.snapshots[snapshot + 1]?.t ?? Infinity) <= t) snapshot++;
    return result.snapshots[snapshot]?.instances.candidate.ready ?? 0;
  };
  states.push({ ...spec, available: 0 });
  for (const event of result.events) {
    if (event.kind !== 'scale') continue;
    if (event.data.role === 'candidate') spec.new = event.data.replicas;
    else spec.old = event.data.replicas;
    states.push({ ...spec, available: readyAt(event.t) });
  }
  const last = result.snapshots.at(-1);
  if (last) states.push({ ...spec, available: last.instances.candidate.ready });
  return states;
}
