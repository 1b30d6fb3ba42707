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
    const started = await instances.scaleUp(role, replicas);
    if (!started.ok) return started;
    for (const member of started.value) {
      context.journal.append({ type: 'instance.started', member });
      const added = router.addMember ? await router.addMember(member) : OK;
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
