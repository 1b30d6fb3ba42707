import type { PortResult, RoutingSnapshot } from '../../domain/ports';
import type { CommandRouterTarget } from '../../domain/plan/schema';
import type { Weights } from '../../domain/strategies/effects';
import { ROUTER_CAPABILITIES, type RouterFor } from '../../domain/targets/capabilities';
import { execArgv, templateArgs } from './exec';

/**
 * A router driven by the user's own script, for anything we have no adapter for. The script
 * cannot be read back, so `verify` trusts the last successful call and `snapshot` is the last
 * weights set: restoring replays them.
 */
export function commandRouter(target: CommandRouterTarget): RouterFor<'command'> {
  let current: Weights = { stable: 100, candidate: 0 };
  const setWeights = async (weights: Weights): Promise<PortResult> => {
    const argv = templateArgs(target.setWeights, { stable: String(weights.stable), candidate: String(weights.candidate) });
    const result = await execArgv(argv, { timeoutMs: target.timeout });
    if (!result.ok) return { ok: false, error: `router command failed: ${result.error}` };
    current = weights;
    return { ok: true, value: undefined };
  };
  return {
    name: `command ${target.setWeights[0] ?? ''}`,
    capabilities: ROUTER_CAPABILITIES.command,
    setWeights,
    verify: async (weights) =>
      weights.stable === current.stable && weights.candidate === current.candidate
        ? { ok: true, value: undefined }
        : { ok: false, error: `router command last set ${current.stable}/${current.candidate}, not ${weights.stable}/${weights.candidate}` },
    snapshot: async (): Promise<PortResult<RoutingSnapshot>> => ({ ok: true, value: { router: 'command', weights: current, data: null } }),
    restore: (snapshot) => setWeights(snapshot.weights),
  };
}
