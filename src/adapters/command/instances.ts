import type { InstancesPort, PortResult } from '../../domain/ports';
import type { CommandInstancesTarget, Plan } from '../../domain/plan/schema';
import type { Role } from '../../domain/strategies/effects';
import { execArgv, templateArgs } from './exec';

/**
 * A fleet the runner does not own, scaled by the user's script. The script says when the count
 * is reached (it exits 0), so health reports what was last asked for.
 */
export function commandInstances(target: CommandInstancesTarget, plan: Plan): InstancesPort {
  const counts: Record<Role, number> = { stable: plan.replicas, candidate: 0 };
  const scale = async (role: Role, replicas: number): Promise<PortResult> => {
    const version = role === 'candidate' ? (plan.version ?? '') : (plan.stableVersion ?? '');
    const argv = templateArgs(target.scale, { role, replicas: String(replicas), version, service: plan.service });
    const result = await execArgv(argv, { timeoutMs: target.timeout });
    if (!result.ok) return { ok: false, error: `scale command for ${role} → ${replicas}: ${result.error}` };
    counts[role] = replicas;
    return { ok: true, value: undefined };
  };
  return {
    name: `command ${target.scale[0] ?? ''}`,
    members: () => [],
    surplus: () => [],
    scaleUp: async (role, replicas) => {
      const result = await scale(role, replicas);
      return result.ok ? { ok: true, value: [] } : result;
    },
    scaleDown: async (role, replicas) => {
      const result = await scale(role, replicas);
      return result.ok ? { ok: true, value: [] } : result;
    },
    health: async (role) => ({ ok: true, value: { ready: counts[role], total: counts[role] } }),
  };
}
