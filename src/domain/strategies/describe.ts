import type { StateValue } from 'xstate';
import type { StrategyContext } from './context';
import type { SetWeightStep, StrategyStep } from './steps';

/** One entry of a strategy's track, as a person reads it. */
export interface StepDescription {
  label: string;
  kind: string;
  durationMs?: number;
}

/** Where a running machine is, for a status bar, tree view or simulator snapshot. */
export interface StrategyStatus {
  /** The top-level state: provisioning, progressing, promoting, paused, rollingBack, promoted... */
  phase: string;
  /** The dotted state path without region names, e.g. "progressing.pausing.timed". */
  path: string;
  stepIndex: number;
  stepCount: number;
  stepLabel: string;
}

/**
 * The one duration formatter: whole milliseconds under a second, else whole seconds as hours,
 * minutes and seconds, leaving out a unit that is zero. The units run together as plans write
 * them, so a lint's fix can be pasted into a plan; prose and tables pass `' '` to space them.
 *
 * @example
 * formatDuration(120_000);        // "2m"
 * formatDuration(90_000);         // "1m30s"
 * formatDuration(250);            // "250ms"
 * formatDuration(3_630_000, ' '); // "1h 30s"
 * formatDuration(250_000, ' ');   // "4m 10s"
 */
export function formatDuration(ms: number, separator = ''): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [['h', 3600], ['m', 60], ['s', 1]] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  return parts.join(separator);
}

/**
 * One step as a label.
 *
 * @example
 * describeStep({ kind: 'setWeight', weight: 20, candidateReplicas: 2, stableReplicas: 10 });
 * // { label: 'setWeight 20% → canary 2, stable 10', kind: 'setWeight' }
 * describeStep({ kind: 'pause', durationMs: 120_000 }); // { label: 'pause 2m', kind: 'pause', durationMs: 120000 }
 */
export function describeStep(step: StrategyStep): StepDescription {
  switch (step.kind) {
    case 'setWeight':
      return { label: setWeightLabel(step), kind: step.kind };
    case 'batch':
      return { label: `batch ${step.batch}/${step.batches}: ${step.candidateReplicas} new, ${step.stableReplicas} old`, kind: step.kind };
    case 'pause':
      return step.durationMs === undefined
        ? { label: 'pause until promoted', kind: step.kind }
        : { label: `pause ${formatDuration(step.durationMs)}`, kind: step.kind, durationMs: step.durationMs };
    case 'analysis':
      return { label: `${step.label ? `${step.label} ` : ''}analysis ${step.gates.join(', ')}`, kind: step.kind };
    case 'setCanaryScale':
      return { label: `setCanaryScale ${step.replicas} replicas`, kind: step.kind };
    case 'setHeaderRoute':
      return { label: `setHeaderRoute ${step.name}`, kind: step.kind };
    case 'setMirrorRoute':
      return { label: `setMirrorRoute ${step.name} ${step.percent}%`, kind: step.kind };
    case 'check':
      return {
        label: `check ${step.iteration}/${step.iterations} ${step.gates.join(', ')} after ${formatDuration(step.intervalMs)}`,
        kind: step.kind,
        durationMs: step.intervalMs,
      };
  }
}

/**
 * A weight with the counts it sets, the stable-first count when it differs, the wave of a
 * weight that takes several, and the weight the controller reports when that is another.
 *
 * @example
 * setWeightLabel({ kind: 'setWeight', weight: 50, candidateReplicas: 5, stableReplicas: 7, stableBeforeReplicas: 7, sync: 2, syncs: 3 });
 * // 'setWeight 50% (sync 2/3) → canary 5, stable 7'
 * setWeightLabel({ kind: 'setWeight', weight: 20, candidateReplicas: 2, stableReplicas: 8, stableBeforeReplicas: 10 });
 * // 'setWeight 20% → canary 2, stable 10 then 8'
 * setWeightLabel({ kind: 'setWeight', weight: 100, candidateReplicas: 2, stableReplicas: 2, reportedWeight: 0 });
 * // 'setWeight 100% → canary 2, stable 2 (status reports 0%)'
 * setWeightLabel({ kind: 'setWeight', weight: 100, candidateReplicas: 4, stableReplicas: 2, stableBeforeReplicas: 2, sync: 1, syncs: 3, promotion: true });
 * // 'promotion to 100% (sync 1/3) → canary 4, stable 2'
 */
export function setWeightLabel(step: SetWeightStep): string {
  const sync = step.sync !== undefined && step.syncs !== undefined ? ` (sync ${step.sync}/${step.syncs})` : '';
  const before = step.stableBeforeReplicas;
  const stable = before !== undefined && before !== step.stableReplicas ? `${before} then ${step.stableReplicas}` : `${step.stableReplicas}`;
  const reported = step.reportedWeight !== undefined && step.reportedWeight !== step.weight ? ` (status reports ${step.reportedWeight}%)` : '';
  return `${step.promotion ? 'promotion to ' : 'setWeight '}${step.weight}%${sync} → canary ${step.candidateReplicas}, stable ${stable}${reported}`;
}

/** Region names say how the machine is built, not where the release is; the background region is noise here. */
function pathOf(value: StateValue): string[] {
  if (typeof value === 'string') return [value];
  const steps = value.steps;
  if (steps !== undefined) return pathOf(steps);
  const first = Object.entries(value)[0];
  if (!first) return [];
  const [key, child] = first;
  return child === undefined ? [key] : [key, ...pathOf(child)];
}

/**
 * Where a strategy actor is, from any of its snapshots (live or persisted and restored).
 *
 * @example
 * describeStatus(actor.getSnapshot());
 * // { phase: 'progressing', path: 'progressing.pausing.timed', stepIndex: 1, stepCount: 4, stepLabel: 'pause 2m' }
 */
export function describeStatus(snapshot: { value: StateValue; context: StrategyContext }): StrategyStatus {
  const path = pathOf(snapshot.value);
  const phase = path[0] ?? '';
  const { context } = snapshot;
  const step = context.steps[context.stepIndex];
  return {
    phase,
    path: path.join('.'),
    stepIndex: context.stepIndex,
    stepCount: context.steps.length,
    stepLabel: phase === 'progressing' && step ? describeStep(step).label : phaseLabel(phase, context),
  };
}

function phaseLabel(phase: string, context: StrategyContext): string {
  if (phase === 'paused' || phase === 'rolledBack' || phase === 'failed' || phase === 'aborted' || phase === 'rollingBack') {
    return context.failureReason ? `${phase}: ${context.failureReason}` : phase;
  }
  return phase;
}
