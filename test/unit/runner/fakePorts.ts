import type { Ports } from '../../../src/adapters/factory';
import type { Member, PortResult } from '../../../src/domain/ports';
import type { Role, Weights } from '../../../src/domain/strategies/effects';

export type FaultPoint =
  | 'router.setWeights'
  | 'router.verify'
  | 'router.addMember'
  | 'router.removeMember'
  | 'instances.scaleUp'
  | 'instances.scaleDown'
  | 'instances.health'
  | 'analysis.measure'
  | 'hooks.run';

/**
 * In-memory ports that record every call and fail at a chosen point: once (the first call) or
 * always. What they hold is what a real target would: weights, members per role.
 */
export function fakePorts(fault?: { at: FaultPoint; times: 'once' | 'always' }, metric = 0.001) {
  const calls: string[] = [];
  let weights: Weights = { stable: 100, candidate: 0 };
  const members: Record<Role, Member[]> = { stable: [{ id: 'stable-0', role: 'stable', host: '127.0.0.1', port: 1 }], candidate: [] };
  let failed = false;
  const call = <T>(point: FaultPoint, detail: string, value: () => T): Promise<PortResult<T>> => {
    calls.push(`${point} ${detail}`);
    if (fault?.at === point && (fault.times === 'always' || !failed)) {
      failed = true;
      return Promise.resolve({ ok: false, error: `injected failure at ${point}` });
    }
    return Promise.resolve({ ok: true, value: value() });
  };
  const ports: Ports = {
    router: {
      name: 'fake router',
      capabilities: { weights: true, headerRoutes: false, mirror: false, members: true },
      setWeights: (next) => call('router.setWeights', `${next.stable}/${next.candidate}`, () => void (weights = next)),
      verify: (expected) => call('router.verify', `${expected.stable}/${expected.candidate}`, () => undefined),
      addMember: (member) => call('router.addMember', member.id, () => undefined),
      removeMember: (member) => call('router.removeMember', member.id, () => undefined),
      snapshot: () => Promise.resolve({ ok: true, value: { router: 'fake', weights, data: null } }),
      restore: (snapshot) => call('router.setWeights', `restore ${snapshot.weights.stable}/${snapshot.weights.candidate}`, () => void (weights = snapshot.weights)),
    },
    instances: {
      name: 'fake instances',
      members: (role) => members[role],
      scaleUp: (role, replicas) =>
        call('instances.scaleUp', `${role} ${replicas}`, () => {
          const added: Member[] = [];
          for (let index = members[role].length; index < replicas; index++) added.push({ id: `${role}-${index}`, role, host: '127.0.0.1', port: 10 + index });
          members[role].push(...added);
          return added;
        }),
      surplus: (role, replicas) => members[role].slice(replicas),
      scaleDown: (role, replicas) => call('instances.scaleDown', `${role} ${replicas}`, () => members[role].splice(replicas)),
      health: (role) => call('instances.health', role, () => ({ ready: members[role].length, total: members[role].length })),
    },
    analysis: { measure: (gate) => call('analysis.measure', gate.name, () => metric) },
    hooks: {
      call: async (hook, body) => {
        const result = await call('hooks.run', `${body.hook} ${hook.command?.join(' ') ?? hook.url ?? ''}`, () => undefined);
        return result.ok ? { answer: 'yes' as const } : { answer: 'failed' as const, detail: result.error };
      },
    },
  };
  return { ports, calls, weights: () => weights, members };
}
