import type { Role } from '../strategies/effects';
import type { Random } from './random';
import type { Shares } from './router';

/** How a role behaves at one instant, faults and degradation included. */
export interface BehaviourNow {
  errorRate: number;
  latencyP50: number;
  latencyP99: number;
}

/** Requests of one role in one stretch of time. Mirrored requests never reach users. */
export interface RoleFlow {
  liveRequests: number;
  liveErrors: number;
  mirroredRequests: number;
  mirroredErrors: number;
  /** Test requests to an environment with no live or mirrored traffic (a blue-green preview). */
  probeRequests: number;
  probeErrors: number;
  /** Requests an instance answered (live, mirrored or probe), the weight of the latency figures. */
  answered: number;
}

export interface FlowInput {
  durationMs: number;
  rps: number;
  /** Test traffic for a role that is ready but gets neither live nor mirrored requests. */
  previewRps: number;
  shares: Shares;
  mirrorShare: number;
  ready: Record<Role, number>;
  behaviour: Record<Role, BehaviourNow>;
}

export type Flows = Record<Role, RoleFlow>;

/**
 * Traffic of one stretch of time during which routing and readiness do not change, as aggregates:
 * never one draw per request. A role that has a share but no ready instance fails that share.
 *
 * @example
 * flowTraffic({ durationMs: 5000, rps: 100, shares: { stable: 0.8, candidate: 0.2 }, mirrorShare: 0,
 *   ready: { stable: 8, candidate: 2 }, behaviour }, random);
 * // stable: 400 live requests, candidate: 100, errors drawn from each role's error rate
 */
export function flowTraffic(input: FlowInput, random: Random): Flows {
  return flowTrafficInto(input, random, { stable: emptyFlow(), candidate: emptyFlow() });
}

/**
 * `flowTraffic` into flows the caller owns and reuses: the world flows traffic hundreds of times a
 * run, and Monte Carlo runs it a thousand times, so the stretch allocates nothing. Same draws in
 * the same order as `flowTraffic`.
 *
 * @example
 * const scratch = { stable: emptyFlow(), candidate: emptyFlow() };
 * flowTrafficInto(input, random, scratch).candidate.liveRequests; // 100
 */
export function flowTrafficInto(input: FlowInput, random: Random, out: Flows): Flows {
  const total = (input.rps * input.durationMs) / 1000;
  roleFlow(input, 'stable', total, 0, random, out.stable);
  roleFlow(input, 'candidate', total, input.mirrorShare, random, out.candidate);
  return out;
}

/** A zero flow, to fill with `flowTrafficInto`. */
export function emptyFlow(): RoleFlow {
  return { liveRequests: 0, liveErrors: 0, mirroredRequests: 0, mirroredErrors: 0, probeRequests: 0, probeErrors: 0, answered: 0 };
}

function roleFlow(input: FlowInput, role: Role, total: number, mirrorShare: number, random: Random, out: RoleFlow): void {
  const live = total * input.shares[role];
  const serving = input.ready[role] > 0;
  const errorRate = serving ? input.behaviour[role].errorRate : 1;
  const mirrored = serving ? total * mirrorShare : 0;
  const probes = serving && live === 0 && mirrored === 0 ? (input.previewRps * input.durationMs) / 1000 : 0;
  // Draw order (live, mirrored, probe) is part of a run's identity: keep it.
  out.liveRequests = live;
  out.liveErrors = drawErrors(live, errorRate, random);
  out.mirroredRequests = mirrored;
  out.mirroredErrors = drawErrors(mirrored, errorRate, random);
  out.probeRequests = probes;
  out.probeErrors = drawErrors(probes, errorRate, random);
  out.answered = serving ? live + mirrored + probes : 0;
}

/** Failed requests among `requests` at `rate`: Poisson for rare errors, normal for many. */
function drawErrors(requests: number, rate: number, random: Random): number {
  if (requests <= 0 || rate <= 0) return 0;
  if (rate >= 1) return requests;
  const mean = requests * rate;
  if (mean < 30) return Math.min(requests, random.poisson(mean));
  return Math.min(requests, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - rate)) * random.normal())));
}
