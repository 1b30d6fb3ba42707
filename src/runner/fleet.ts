import { checkProcess, notSignalled } from '../adapters/process/identity';
import { stopProcess } from '../adapters/process/signals';
import { routerCan, type Member, type PortResult } from '../domain/ports';
import type { RunEvent } from '../domain/run/events';
import { lastRunner } from './journal';
import type { Role } from '../domain/strategies/effects';
import type { RunnerContext } from './context';

const OK: PortResult = { ok: true, value: undefined };

/**
 * Brings a role to `replicas`. Growing: start instances (each healthy before it counts), add
 * them to the router with no traffic, then give the role's share to all its members. Shrinking:
 * the router drains each leaving member (its share moves to the rest of its role first), and
 * only then is the process stopped, so no request is sent to an instance that is going away.
 */
export async function scaleRole(context: RunnerContext, role: Role, replicas: number): Promise<PortResult> {
  const { instances, router } = context.ports;
  if (instances.scaleTo) return instances.scaleTo(role, replicas);
  const current = instances.members(role).length;
  if (replicas >= current) {
    const spawned: Member[] = [];
    const started = await instances.scaleUp(role, replicas, (member) => {
      spawned.push(member);
      context.journal.append('instance.spawned', { member });
    });
    if (!started.ok) {
      // A start that failed left no process of its own: it exited, or the adapter stopped it.
      // Journaled as stopped, so no later command takes its pid for an instance.
      for (const member of spawned) context.journal.append('instance.stopped', { member });
      return started;
    }
    for (const member of started.value) {
      const added = routerCan(router, 'members') ? await router.addMember(member) : OK;
      // `instance.started` means "in service": healthy and known to the router. A member spawned
      // but never started is an orphan after a crash, and a resumed runner stops it.
      context.journal.append('instance.started', { member });
      if (!added.ok) return added;
    }
    return started.value.length > 0 ? router.setWeights(context.route.weights) : OK;
  }
  const surplus = instances.surplus(role, replicas);
  for (const member of surplus) {
    const removed = routerCan(router, 'members') ? await router.removeMember(member) : OK;
    if (!removed.ok) return removed;
  }
  for (const member of surplus) if (member.pid !== undefined && checkProcess(member.pid, member.identity) === 'other') context.log(`  ${member.id}: ${notSignalled(member.pid)}`);
  const stopped = await instances.scaleDown(role, replicas);
  if (!stopped.ok) return stopped;
  for (const member of stopped.value) context.journal.append('instance.stopped', { member });
  return OK;
}

/**
 * Processes a crashed runner spawned but never put in service (it died during their health
 * wait): out of the router, stopped, and journaled as stopped, so the interrupted scale starts
 * them again from nothing and no process is left that nobody tracks. A journaled pid that is
 * now another process (the runner's, an instance's) is reported and never signalled.
 */
export async function stopOrphans(context: RunnerContext, entries: readonly RunEvent[], graceMs = 2000): Promise<void> {
  const runner = lastRunner(entries);
  if (runner?.pid !== undefined && runner.pid !== process.pid && checkProcess(runner.pid, runner.identity) === 'other') {
    context.log(`  the runner that drove this run: ${notSignalled(runner.pid)}`);
  }
  for (const member of liveMembers(entries)) {
    if (member.pid === undefined || checkProcess(member.pid, member.identity) !== 'other') continue;
    // Not adopted (see the adapter's adopt): journaled as stopped, so no later command takes that pid for it.
    context.log(`  ${member.id}: ${notSignalled(member.pid)}`);
    context.journal.append('instance.stopped', { member });
  }
  const orphans = new Map<string, Member>();
  for (const entry of entries) {
    if (entry.kind === 'instance.spawned') orphans.set(entry.data.member.id, entry.data.member);
    if (entry.kind === 'instance.started' || entry.kind === 'instance.stopped') orphans.delete(entry.data.member.id);
  }
  for (const member of orphans.values()) {
    if (member.pid === undefined) continue;
    const check = checkProcess(member.pid, member.identity);
    if (check === 'other') context.log(`  ${member.id}: ${notSignalled(member.pid)}`);
    if (check === 'running') {
      // It may have reached the router just before the crash: take it out before stopping it.
      const router = context.ports.router;
      if (routerCan(router, 'members')) await router.removeMember(member);
      const outcome = await stopProcess(member.pid, graceMs, member.identity);
      context.log(
        outcome === 'other'
          ? `  ${member.id}: ${notSignalled(member.pid)}`
          : `  stopped ${member.id} (pid ${member.pid}), started by the interrupted runner and never put in service`,
      );
    }
    context.journal.append('instance.stopped', { member });
  }
}

/** Members a journal says were started and not stopped: what a resumed runner takes over. */
export function liveMembers(entries: readonly RunEvent[]): Member[] {
  const live = new Map<string, Member>();
  for (const entry of entries) {
    if (entry.kind === 'instance.started') live.set(entry.data.member.id, entry.data.member);
    if (entry.kind === 'instance.stopped') live.delete(entry.data.member.id);
  }
  return [...live.values()];
}
