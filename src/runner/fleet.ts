import { isAlive, stopProcess } from '../adapters/process/signals';
import type { Member, PortResult } from '../domain/ports';
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
  const current = instances.members(role).length;
  if (replicas >= current) {
    const started = await instances.scaleUp(role, replicas, (member) => context.journal.append({ type: 'instance.spawned', member }));
    if (!started.ok) return started;
    for (const member of started.value) {
      const added = router.addMember ? await router.addMember(member) : OK;
      // `instance.started` means "in service": healthy and known to the router. A member spawned
      // but never started is an orphan after a crash, and a resumed runner stops it.
      context.journal.append({ type: 'instance.started', member });
      if (!added.ok) return added;
    }
    return started.value.length > 0 ? router.setWeights(context.route.weights) : OK;
  }
  for (const member of instances.surplus(role, replicas)) {
    const removed = router.removeMember ? await router.removeMember(member) : OK;
    if (!removed.ok) return removed;
  }
  const stopped = await instances.scaleDown(role, replicas);
  if (!stopped.ok) return stopped;
  for (const member of stopped.value) context.journal.append({ type: 'instance.stopped', member });
  return OK;
}

/**
 * Processes a crashed runner spawned but never put in service (it died during their health
 * wait): out of the router, stopped, and journaled as stopped, so the interrupted scale starts
 * them again from nothing and no process is left that nobody tracks.
 */
export async function stopOrphans(context: RunnerContext, entries: readonly { type: string; member?: Member }[], graceMs = 2000): Promise<void> {
  const orphans = new Map<string, Member>();
  for (const entry of entries) {
    if (!entry.member) continue;
    if (entry.type === 'instance.spawned') orphans.set(entry.member.id, entry.member);
    if (entry.type === 'instance.started' || entry.type === 'instance.stopped') orphans.delete(entry.member.id);
  }
  for (const member of orphans.values()) {
    if (member.pid === undefined) continue;
    if (isAlive(member.pid)) {
      // It may have reached the router just before the crash: take it out before stopping it.
      await context.ports.router.removeMember?.(member);
      await stopProcess(member.pid, graceMs);
      context.log(`  stopped ${member.id} (pid ${member.pid}), started by the interrupted runner and never put in service`);
    }
    context.journal.append({ type: 'instance.stopped', member });
  }
}

/** Members a journal says were started and not stopped: what a resumed runner takes over. */
export function liveMembers(entries: readonly { type: string; member?: Member }[]): Member[] {
  const live = new Map<string, Member>();
  for (const entry of entries) {
    if (!entry.member) continue;
    if (entry.type === 'instance.started') live.set(entry.member.id, entry.member);
    if (entry.type === 'instance.stopped') live.delete(entry.member.id);
  }
  return [...live.values()];
}
