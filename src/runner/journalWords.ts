import type { RunEventData, RunEventKind } from '../domain/run/events';

type Words = { [K in RunEventKind]: (data: RunEventData[K]) => string };

/**
 * How the runner words each event it journals: the message the panel's timeline, the output
 * channel and `status` show. Never the inputs of actions, which may hold paths or secrets of the
 * user's scripts.
 */
const WORDS: Words = {
  'machine.state': (d) => `${d.state}${d.stepCount > 0 ? ` · step ${Math.min(d.stepIndex + 1, d.stepCount)}/${d.stepCount}${d.stepLabel ? ` ${d.stepLabel}` : ''}` : ''}`,
  outcome: (d) => `${d.outcome}: ${d.reason}`,
  scale: (d) => `${d.role} → ${d.replicas} (${d.effect})`,
  'traffic.set': (d) => `traffic ${d.weights.candidate}% → candidate${d.mirrorPercent > 0 ? `, ${d.mirrorPercent}% mirrored` : ''}`,
  'health.ready': (d) => `${d.role} healthy`,
  'health.failed': (d) => `${d.role} health check failed`,
  'instances.ready': (d) => `${d.ready}/${d.desired} ${d.role} ready`,
  'instances.crash': (d) => `${d.count} ${d.role} crashed`,
  'operator.approve': () => 'operator approved',
  'hook.run': (d) => `hook ${d.hook}`,
  'fault.start': (d) => `${d.kind} starts`,
  'fault.end': (d) => `${d.kind} ends`,
  'gate.measure': (d) => `gate ${d.gate} (${d.version ?? d.role}): ${d.value ?? 'no value'} ${d.phase}${d.detail ? ` (${d.detail})` : ''}${d.allowed ? ` · ${d.allowed}` : ''}`,
  'gate.result': (d) => `${d.gate ?? 'analysis'}: ${d.phase}`,
  'gate.warning': (d) => `${d.gate} passed without a successful measurement`,
  'run.started': (d) => `run started: ${d.service} ${d.version} (${d.strategy}), runner pid ${d.pid}`,
  'run.resumed': (d) => `run resumed by pid ${d.pid}${d.interrupted.length > 0 ? ` (interrupted actions: ${d.interrupted.map((id) => `#${id}`).join(', ')})` : ''}`,
  'run.paused': (d) => `paused: ${d.reason}`,
  'route.safe': (d) => `safe routing recorded: ${d.snapshot.weights.stable}% stable / ${d.snapshot.weights.candidate}% candidate`,
  'action.intent': (d) => `→ #${d.id} ${d.description}`,
  'action.result': (d) => `${d.ok ? '✓' : '✗'} #${d.id} (${d.ms} ms)${d.error ? `: ${d.error}` : ''}`,
  'instance.spawned': (d) => `instance spawned: ${d.member.id} on ${d.member.host}:${d.member.port}`,
  'instance.started': (d) => `instance ready: ${d.member.id} on ${d.member.host}:${d.member.port}`,
  'instance.stopped': (d) => `instance stopped: ${d.member.id}`,
  operator: (d) => `operator: ${d.event}`,
  'instances.observed': (d) => `${d.role}: ${d.ready} ready${d.starting > 0 ? `, ${d.starting} starting` : ''}${d.draining > 0 ? `, ${d.draining} terminating` : ''}`,
  'target.write': (d) => `${d.phase === 'intent' ? '→' : d.phase === 'done' ? '✓' : '✗'} ${d.verb} ${d.object}${d.resourceVersion ? ` (resourceVersion ${d.resourceVersion})` : ''}${d.error ? `: ${d.error}` : ''}`,
};

/**
 * The runner's message for an event.
 *
 * @example
 * describeEntry('action.result', { id: 3, ok: false, ms: 12, error: 'HAProxy refused' }); // "✗ #3 (12 ms): HAProxy refused"
 */
export function describeEntry<K extends RunEventKind>(kind: K, data: RunEventData[K]): string {
  return (WORDS[kind] as (data: RunEventData[K]) => string)(data);
}
