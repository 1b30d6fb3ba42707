import { portsForPlan, type Ports } from '../adapters/factory';
import type { Plan } from '../domain/plan/schema';
import type { PortResult, RoutingSnapshot } from '../domain/ports';
import type { Weights } from '../domain/strategies/effects';
import { act } from './act';
import { runHooks } from './hooks';
import { createRunnerContext, type RunnerContext } from './context';
import type { RunReport } from './execute';
import { scaleRole, stopOrphans } from './fleet';
import { Journal, type JournalEntry } from './journal';
import { acquireLocks } from './lock';
import { prepareResume } from './resumePlan';
import { needsFinishing } from './needsFinishing';
import { isUnfinished, journalOf, journalPath } from './runs';

const STABLE: Weights = { stable: 100, candidate: 0 };

export { needsFinishing } from './needsFinishing';

/** Whether a run whose runner is gone still holds its targets: unfinished, or failed and not finished by an abort. */
export function holdsTargets(runDir: string): boolean {
  return isUnfinished(runDir) || needsFinishing(journalOf(runDir));
}

export interface FinishOptions {
  planFile: string;
  plan: Plan;
  runDir: string;
  entries: JournalEntry[];
  log: (line: string) => void;
  /** Ports to act on; tests pass doubles, the CLI leaves it to `plan.targets`. */
  ports?: Ports;
}

/**
 * `switchyard abort` of a run that ended failed: the rollback again, as a checklist. All traffic
 * to stable, verified on the router; only then the candidate drained and stopped (stopping it
 * first would fail the requests still routed to it); then the onRollback hook. Each step is
 * safe to repeat. When a step fails (the router is still down) the run stays failed, journaled
 * with what to do, and a later abort starts the checklist again.
 *
 * @example
 * const report = await finishFailedRun({ planFile, plan, runDir, entries, log: console.log });
 * // { outcome: 'aborted', reason: 'aborted after the run failed: ...' } or, router still down, { outcome: 'failed', ... }
 */
export async function finishFailedRun(options: FinishOptions): Promise<RunReport> {
  const { plan, runDir, planFile } = options;
  const built = options.ports ? { ok: true as const, ports: options.ports, lockKeys: [`router:${options.ports.router.name}`] } : portsForPlan(plan, runDir);
  if (!built.ok) return { outcome: 'failed', reason: built.error, runDir };
  const lock = acquireLocks(built.lockKeys, { pid: process.pid, runDir, planFile, startedAt: new Date().toISOString() }, holdsTargets);
  if (!lock.ok) return { outcome: 'failed', reason: lock.error, runDir, targetBusy: true };
  const claim = built.ports.claim ? await built.ports.claim(runDir, holdsTargets) : undefined;
  if (claim && !claim.ok) {
    lock.release();
    built.ports.close?.();
    return { outcome: 'failed', reason: claim.error, runDir, targetBusy: true };
  }
  const journal = Journal.open(journalPath(runDir));
  built.ports.observeWrites?.((write) => journal.append('target.write', write));
  built.ports.observeFleet?.((fleet) => journal.append('instances.observed', fleet));
  const startedAt = Date.now();
  const context = createRunnerContext({ plan, ports: built.ports, journal, dryRun: false, log: options.log, now: () => Date.now() - startedAt, route: { weights: STABLE }, nextActionId: 1 });
  let released: Promise<unknown> | undefined;
  const end = (outcome: 'aborted' | 'failed', reason: string): RunReport => {
    journal.append('outcome', { outcome, reason });
    // Failed again: the targets stay held for the next abort.
    if (outcome === 'aborted') {
      lock.release();
      if (claim?.ok) released = claim.value.release();
    }
    return { outcome, reason, runDir };
  };
  try {
    const prepared = prepareResume(options.entries, context);
    // Nothing is answered from the journal: the run failed, so what it did may not hold any more.
    context.replay.clear();
    journal.append('run.resumed', { pid: process.pid, interrupted: prepared.interrupted });
    options.log(`finishing the failed run ${runDir}: all traffic to stable, then the candidate stopped`);
    await stopOrphans(context, options.entries);
    const again = `run \`switchyard abort ${planFile}\` again once it is fixed`;
    const restored = await restoreStable(context, prepared.safe);
    if (!restored.ok) return end('failed', `the router still cannot take the rollback (${restored.error}); the candidate keeps running, since traffic may still reach it: run \`switchyard abort ${planFile}\` again once the router is back`);
    const stopped = await act(context, 'scale', { role: 'candidate', replicas: 0 }, 'scale candidate → 0', () => scaleRole(context, 'candidate', 0));
    if (!stopped.ok) return end('failed', `all traffic is back on stable, but the candidate could not be stopped: ${stopped.error}; ${again}`);
    if (plan.hooks?.onRollback) {
      const input = { hook: 'onRollback' as const, phase: 'aborted', step: 0, weight: 0 };
      const hook = await act(context, 'runHook', input, 'call onRollback hooks', () => runHooks(context, input, new AbortController().signal));
      if (!hook.ok) return end('failed', `traffic is back on stable and the candidate stopped, but ${hook.error}; ${again}`);
    }
    if (plan.hooks?.['post-rollout']) {
      // Told, never waited on for a verdict: the run is finished either way.
      const input = { hook: 'post-rollout' as const, phase: 'aborted', step: 0, weight: 0 };
      await act(context, 'runHook', input, 'call post-rollout hooks', () => runHooks(context, input, new AbortController().signal));
    }
    return end('aborted', 'aborted after the run failed: all traffic back on stable (verified on the router), the candidate stopped');
  } finally {
    journal.close();
    if (released) await released;
    else if (claim?.ok) claim.value.keep();
    built.ports.close?.();
  }
}

/** The safe routing (header routes and mirror off) with every request on stable, read back from the router. */
function restoreStable(context: RunnerContext, safe: RoutingSnapshot | undefined): Promise<PortResult> {
  const { router } = context.ports;
  const snapshot: RoutingSnapshot = { ...(safe ?? { router: '', data: null }), weights: STABLE };
  return act(context, 'restore', STABLE, `restore all traffic to stable on ${router.name}`, async () => {
    const restored = await router.restore(snapshot);
    if (!restored.ok) return restored;
    const verified = await router.verify(STABLE);
    if (verified.ok) context.route = { weights: STABLE };
    return verified;
  }, { confirms: { weights: STABLE, mirrorPercent: 0, headerRoutes: 0 } });
}
