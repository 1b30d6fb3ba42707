import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { createActor, type AnyActorRef, type Snapshot } from 'xstate';
import { portsForPlan, type Ports } from '../adapters/factory';
import type { Plan } from '../domain/plan/schema';
import type { PlanPath } from '../domain/plan/diagnostics';
import { describeStatus, machineFor, strategyKindOf } from '../domain/strategies/index';
import type { OperatorEvent, Outcome, RouteSpec } from '../domain/strategies/effects';
import { act } from './act';
import { notificationsSettled, notifyEventHooks } from './hooks';
import { realActors } from './actors';
import { scaleRole, stopOrphans } from './fleet';
import { createRunnerContext, type JournalSink, type RunnerContext } from './context';
import { holdsTargets } from './finish';
import type { PendingTimer } from '../domain/run/events';
import { statePath } from '../domain/simulator/drive';
import { isFailing } from '../domain/strategies/failing';
import { Journal, type JournalEntry } from './journal';
import { acquireLocks } from './lock';
import { operatorEvent, takeOperatorCommands } from './operator';
import { prepareResume } from './resumePlan';
import { journalPath, newRunDir } from './runs';

export interface ExecuteOptions {
  planFile: string;
  plan: Plan;
  log: (line: string) => void;
  dryRun?: boolean;
  /** Ports to act on; tests pass doubles, the CLI leaves it to `plan.targets`. */
  ports?: Ports;
  /** Continue a run from its journal instead of starting one. */
  resume?: { runDir: string; entries: JournalEntry[]; operator: OperatorEvent[]; restoreFirst: boolean };
  /** SIGINT and SIGTERM become operator.abort (the CLI); tests leave them alone. */
  handleSignals?: boolean;
  /**
   * Stay up while the machine waits for an operator (an indefinite pause, a failure paused by
   * policy) and take commands from the run's control directory (`sendOperatorCommand`), instead
   * of stopping as paused for a later `switchyard resume`.
   */
  waitForOperator?: boolean;
  /** This run releases an earlier revision again: the run it undoes (`switchyard undo`). */
  undoOf?: string;
}

export interface RunReport {
  outcome: Outcome;
  reason: string;
  runDir: string | null;
  /** Refused before anything was done: a target is locked by another run. */
  targetBusy?: boolean;
  /** The plan key a target's refusal of the release is about (a field the API server's dry run refused). */
  refusedAt?: PlanPath;
}

const WAIT_MS = 50;
const STABLE_ONLY: RouteSpec = { weights: { stable: 100, candidate: 0 } };

/**
 * Runs a plan's strategy machine against real targets (or prints what it would do), until it
 * ends, or stops to wait for an operator (paused; `switchyard resume` goes on). Never throws for
 * a failing target: failures are the machine's `*.failed` events and end in the plan's policy.
 */
export async function executeRun(options: ExecuteOptions): Promise<RunReport> {
  const { plan } = options;
  const dryRun = options.dryRun ?? false;
  const runDir = options.resume?.runDir ?? (dryRun ? null : newRunDir(options.planFile, plan.service));
  const built = options.ports ? { ok: true as const, ports: options.ports, lockKeys: [`router:${options.ports.router.name}`] } : portsForPlan(plan, runDir ?? tmpdir());
  if (!built.ok) return { outcome: 'failed', reason: built.error, runDir };
  try {
    return await executeWith(options, built.ports, built.lockKeys, runDir);
  } finally {
    built.ports.close?.();
  }
}

async function executeWith(options: ExecuteOptions, ports: Ports, lockKeys: string[], runDir: string | null): Promise<RunReport> {
  const { plan, log } = options;
  const dryRun = options.dryRun ?? false;
  const built = { ports, lockKeys };
  const kind = strategyKindOf(plan);
  if (!options.resume && ports.preflight) {
    // The target validates the whole release first (a server-side dry run): a refusal changes nothing.
    const checked = await ports.preflight();
    if (!checked.ok) {
      const refusedAt = ports.refusedAt?.(checked.error);
      return { outcome: 'failed', reason: `${dryRun ? 'dry run: ' : ''}the target refused the release, nothing was changed: ${checked.error}`, runDir: null, ...(refusedAt ? { refusedAt } : {}) };
    }
    for (const line of checked.value) log(line);
  }
  if (dryRun || runDir === null) return dryRunPlan(options, built.ports);

  const lock = acquireLocks(built.lockKeys, { pid: process.pid, runDir, planFile: options.planFile, startedAt: new Date().toISOString() }, holdsTargets);
  if (!lock.ok) return { outcome: 'failed', reason: lock.error, runDir: null, targetBusy: true };
  const claim = ports.claim ? await ports.claim(runDir, holdsTargets) : undefined;
  if (claim && !claim.ok) {
    lock.release();
    return { outcome: 'failed', reason: claim.error, runDir: null, targetBusy: true };
  }
  let released: Promise<unknown> | undefined;
  const release = (): void => {
    lock.release();
    if (claim?.ok) released = claim.value.release();
  };
  const journal = Journal.open(journalPath(runDir));
  ports.observeWrites?.((write) => journal.append('target.write', write));
  ports.observeFleet?.((fleet) => journal.append('instances.observed', fleet));
  const startedAt = Date.now();
  const context = createRunnerContext({ plan, ports: built.ports, journal, dryRun, log, now: () => Date.now() - startedAt, route: STABLE_ONLY, nextActionId: 1 });
  try {
    let snapshot: unknown;
    let timers: PendingTimer[] = [];
    if (options.resume) {
      const prepared = prepareResume(options.resume.entries, context);
      snapshot = prepared.snapshot;
      timers = prepared.timers;
      journal.append('run.resumed', { pid: process.pid, interrupted: prepared.interrupted });
      log(`resuming ${plan.service} from ${runDir}${prepared.interrupted.length ? ` (interrupted actions: ${prepared.interrupted.join(', ')})` : ''}`);
      if (prepared.safe) built.ports.router.adoptSafe?.(prepared.safe);
      built.ports.router.adoptRoute?.(context.route);
      await stopOrphans(context, options.resume.entries);
      await reconcileInstances(context, prepared.snapshot);
      if (options.resume.restoreFirst && prepared.safe) {
        const safe = prepared.safe;
        // Abort restores the last safe routing before anything else, so users are off the candidate
        // even if what follows (scaling down) fails.
        const restored = await act(context, 'restore', safe.weights, `restore last safe routing (${safe.weights.stable}% stable)`, () => built.ports.router.restore(safe), { confirms: { weights: safe.weights, mirrorPercent: 0, headerRoutes: 0 } });
        if (restored.ok) context.route = { weights: safe.weights };
      }
    } else {
      journal.append('run.started', { planFile: resolve(options.planFile), service: plan.service, strategy: kind, version: plan.version ?? '', ...(plan.stableVersion ? { stableVersion: plan.stableVersion } : {}), ...(options.undoOf ? { undoOf: options.undoOf } : {}), pid: process.pid, lockKeys: built.lockKeys, dryRun });
      const safe = await built.ports.router.snapshot();
      if (!safe.ok) return end(context, release, { outcome: 'failed', reason: `cannot read the current routing, nothing was changed: ${safe.error}`, runDir }, options.planFile);
      journal.append('route.safe', { snapshot: safe.value });
      context.route = { weights: safe.value.weights };
    }
    const report = await drive(context, options, snapshot, timers, runDir);
    await notificationsSettled(context);
    return end(context, report.outcome === 'paused' ? () => undefined : release, { ...report, runDir }, options.planFile);
  } finally {
    journal.close();
    // Not released (paused, or failed and left for abort): the Lease stays, no longer renewed.
    if (released) await released;
    else if (claim?.ok) claim.value.keep();
  }
}

/**
 * A failed run that acted may have left traffic on the candidate and the candidate running (its
 * rollback failed): it keeps its targets locked, and says how to finish it.
 */
function end(context: RunnerContext, release: () => void, report: RunReport, planFile: string): RunReport {
  if (report.outcome === 'paused') {
    context.journal.append('run.paused', { reason: report.reason });
    release();
    return report;
  }
  const stuck = report.outcome === 'failed' && context.nextActionId > 1;
  const reason = stuck ? `${report.reason}; \`switchyard abort ${planFile}\` finishes the rollback (all traffic to stable, then the candidate stopped)` : report.reason;
  context.journal.append('outcome', { outcome: report.outcome, reason });
  if (!stuck) release();
  return { ...report, reason };
}

async function drive(context: RunnerContext, options: ExecuteOptions, snapshot: unknown, timers: PendingTimer[], runDir: string): Promise<{ outcome: Outcome; reason: string }> {
  const machine = machineFor(strategyKindOf(context.plan)).provide({ actors: realActors(context) });
  const actor = createActor(machine, { input: { plan: context.plan }, ...(snapshot ? { snapshot: snapshot as Snapshot<unknown> } : {}) });
  let lastKey = '';
  let machineError: string | undefined;
  actor.subscribe({
    next: (state) => {
      const status = describeStatus(state);
      const key = `${JSON.stringify(state.value)}#${status.stepIndex}`;
      if (key === lastKey) return;
      lastKey = key;
      // The persisted snapshot after every transition is what resume restores.
      context.journal.append('machine.state', {
        state: statePath(state.value),
        failing: isFailing(state.value),
        stepIndex: status.stepIndex,
        stepCount: status.stepCount,
        stepLabel: status.stepLabel,
        persisted: { value: state.value, snapshot: actor.getPersistedSnapshot(), timers: pendingTimers(actor) },
      });
      const step = status.stepCount > 0 ? ` · step ${Math.min(status.stepIndex + 1, status.stepCount)}/${status.stepCount} ${status.stepLabel}` : '';
      context.log(`${status.path}${step}`);
      if (context.plan.hooks?.event) notifyEventHooks(context, statePath(state.value), { phase: status.phase, step: Math.min(status.stepIndex + 1, status.stepCount), weight: state.context.route.weights.candidate });
    },
    error: (error) => (machineError = error instanceof Error ? error.message : String(error)),
  });
  const abort = (): void => {
    context.journal.append('operator', { event: 'operator.abort' });
    context.log('abort requested: restoring the last safe routing, then scaling the candidate down');
    actor.send({ type: 'operator.abort', reason: 'aborted by operator (signal)' });
  };
  if (options.handleSignals) {
    process.on('SIGINT', abort);
    process.on('SIGTERM', abort);
  }
  actor.start();
  const resumedTimers = timers.map((timer) =>
    // A persisted snapshot does not carry XState's scheduled events: re-arm them for what is
    // left of their delay, so a timed pause interrupted half-way waits only its other half.
    setTimeout(() => actor.send(timer.event as never), Math.max(0, timer.startedAt + timer.delay - Date.now())),
  );
  for (const event of options.resume?.operator ?? []) {
    context.journal.append('operator', { event: event.type });
    actor.send(event);
  }
  let announced = '';
  try {
    for (;;) {
      for (const { id, command } of takeOperatorCommands(runDir)) {
        const event = operatorEvent(command);
        context.journal.append('operator', { event: event.type, commandId: id });
        context.log(`operator: ${command}`);
        actor.send(event);
      }
      const state = actor.getSnapshot();
      if (machineError !== undefined || state.status === 'error') return { outcome: 'failed', reason: `the strategy machine failed: ${machineError ?? 'unknown error'}` };
      if (state.status === 'done' && state.output) return finishPromotion(context, state.output, options.planFile);
      if (options.waitForOperator) {
        const waiting = state.value === 'paused' ? String(state.context.failureReason ?? 'paused') : [...context.waiting][0];
        if (waiting !== undefined && waiting !== announced) context.log(`waiting for an operator (${waiting}): \`switchyard promote|retry|abort ${options.planFile}\``);
        announced = waiting ?? '';
        await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
        continue;
      }
      if (state.value === 'paused') return { outcome: 'paused', reason: `${state.context.failureReason ?? 'paused'}: run \`switchyard resume ${options.planFile} --retry|--promote\` or \`switchyard abort ${options.planFile}\`` };
      const [approval] = context.waiting;
      if (approval !== undefined) return { outcome: 'paused', reason: `waiting for an operator (${approval}): run \`switchyard resume ${options.planFile} --promote\` or \`switchyard abort ${options.planFile}\`` };
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  } finally {
    for (const timer of resumedTimers) clearTimeout(timer);
    actor.stop();
    if (options.handleSignals) {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
    }
  }
}

/**
 * A promoted release whose target still has work once the machine is done (see
 * Ports.finishPromotion). If that fails, users are on the candidate and nothing is rolled back:
 * the run pauses, and resume or abort (which finds the machine promoted) finishes it.
 */
async function finishPromotion(context: RunnerContext, output: { outcome: Outcome; reason: string }, planFile: string): Promise<{ outcome: Outcome; reason: string }> {
  if (output.outcome !== 'promoted' || context.dryRun || !context.ports.finishPromotion) return output;
  const finished = await context.ports.finishPromotion();
  if (finished.ok) {
    if (finished.value) context.log(finished.value);
    return output;
  }
  return { outcome: 'paused', reason: `promoted, but the target was not finished: ${finished.error}: run \`switchyard resume ${planFile}\`` };
}

/**
 * Instances the journal says were running may have died with the runner (or the machine): when
 * fewer candidates answer than the snapshot counts, start them again before the machine goes on,
 * so it never routes to a role that is not there.
 */
async function reconcileInstances(context: RunnerContext, snapshot: unknown): Promise<void> {
  const { instances } = context.ports;
  const wanted = (snapshot as { context?: { replicas?: { candidate?: number } } } | undefined)?.context?.replicas?.candidate;
  if (!instances.adopt || wanted === undefined || instances.members('candidate').length >= wanted) return;
  await act(context, 'scale', { role: 'candidate', replicas: wanted, reconcile: true }, `restart candidate instances lost with the runner (→ ${wanted})`, () => scaleRole(context, 'candidate', wanted));
}

/**
 * The root actor's delayed events, in a form that survives JSON. XState declares the system
 * snapshot's `_scheduledEvents` in its types (it restores delayed events from it itself); the
 * resume tests (SIGKILL during a timed pause) fail if a new XState changes it.
 */
function pendingTimers(actor: AnyActorRef): PendingTimer[] {
  return Object.values(actor.system.getSnapshot()._scheduledEvents)
    .filter((timer) => timer.source.sessionId === actor.sessionId)
    .map(({ event, delay, startedAt }) => ({ event, delay, startedAt }));
}

/**
 * A dry run: the same machine, with actors that print each action instead of doing it, on a
 * clock that fires every delay at once. Nothing is read, written or locked.
 */
async function dryRunPlan(options: ExecuteOptions, ports: Ports): Promise<RunReport> {
  const sink: JournalSink = { append: () => undefined };
  const context = createRunnerContext({ plan: options.plan, ports, journal: sink, dryRun: true, log: options.log, now: () => 0, route: STABLE_ONLY, nextActionId: 1 });
  options.log(`dry run of ${options.plan.service}: every action in order, nothing is touched`);
  const machine = machineFor(strategyKindOf(options.plan)).provide({ actors: realActors(context) });
  const clock = { setTimeout: (fn: (...args: unknown[]) => void) => setTimeout(fn, 0), clearTimeout: (id: unknown) => clearTimeout(id as NodeJS.Timeout) };
  const actor = createActor(machine, { input: { plan: options.plan }, clock });
  let last = '';
  actor.subscribe((state) => {
    const status = describeStatus(state);
    if (status.path !== last && status.stepLabel && status.path.startsWith('progressing')) options.log(`step ${status.stepIndex + 1}/${status.stepCount}: ${status.stepLabel}`);
    last = status.path;
  });
  actor.start();
  for (let waited = 0; waited < 10_000; waited += 5) {
    const state = actor.getSnapshot();
    if (state.status === 'done' && state.output) {
      actor.stop();
      return { outcome: state.output.outcome, reason: `dry run: ${state.output.reason}`, runDir: null };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  actor.stop();
  return { outcome: 'paused', reason: 'dry run stopped: the machine did not finish', runDir: null };
}
