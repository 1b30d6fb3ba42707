import type { AnalysisGate } from '../plan/schema';
import type { Role } from '../strategies/effects';
import type { Random } from './random';
import type { BehaviourNow, Flows } from './traffic';
import type { RoleMetrics } from './types';

const ROLES: readonly Role[] = ['stable', 'candidate'];

/** Cumulative counters of one role since the start of the run. */
export interface RoleCounters {
  /** Live requests routed to the role, failed ones included. */
  liveRequests: number;
  liveErrors: number;
  /** Live, mirrored and probe requests: what the role's own metrics (and so its gates) see. */
  requests: number;
  errors: number;
  answered: number;
  p50Weighted: number;
  p99Weighted: number;
}

export type SimulatedMetric = AnalysisGate['metric'];

/** A metric read over a window: a value, or why there is none. */
export type Reading = { ok: true; value: number } | { ok: false; message: string };

/**
 * The run's counters. Windows are differences of cumulative counters, so a gate measuring every
 * 60 s and a snapshot every 5 s read the same data without keeping per-interval history.
 *
 * @example
 * const start = metrics.mark('candidate');
 * // ... 60 virtual seconds of traffic ...
 * readMetric('errorRate', start, metrics.mark('candidate'), 60_000); // { ok: true, value: 0.0011 }
 */
export class Metrics {
  readonly roles: Record<Role, RoleCounters> = { stable: emptyCounters(), candidate: emptyCounters() };
  requests = 0;
  requestsToCandidate = 0;
  requestsMirrored = 0;
  userErrors = 0;

  add(flows: Flows, behaviour: Record<Role, BehaviourNow>): void {
    for (const role of ROLES) {
      const flow = flows[role];
      const counters = this.roles[role];
      counters.liveRequests += flow.liveRequests;
      counters.liveErrors += flow.liveErrors;
      counters.requests += flow.liveRequests + flow.mirroredRequests + flow.probeRequests;
      counters.errors += flow.liveErrors + flow.mirroredErrors + flow.probeErrors;
      counters.answered += flow.answered;
      counters.p50Weighted += flow.answered * behaviour[role].latencyP50;
      counters.p99Weighted += flow.answered * behaviour[role].latencyP99;
      this.requests += flow.liveRequests;
      this.userErrors += flow.liveErrors;
      this.requestsMirrored += flow.mirroredRequests;
    }
    this.requestsToCandidate += flows.candidate.liveRequests;
  }

  /** A copy of the role's counters now, to difference later. */
  mark(role: Role): RoleCounters {
    return { ...this.roles[role] };
  }
}

/**
 * The true value of a metric over a window (no noise): what happened, not what was measured.
 *
 * @example
 * readMetric('requestRate', before, after, 60_000); // { ok: true, value: 20 } at 20 rps
 */
export function readMetric(metric: SimulatedMetric, from: RoleCounters, to: RoleCounters, windowMs: number): Reading {
  const requests = to.requests - from.requests;
  if (metric === 'requestRate') return { ok: true, value: windowMs > 0 ? (requests * 1000) / windowMs : 0 };
  if (requests <= 0) return { ok: false, message: 'no traffic reached this version in the window' };
  if (metric === 'errorRate') return { ok: true, value: (to.errors - from.errors) / requests };
  const answered = to.answered - from.answered;
  if (answered <= 0) return { ok: false, message: 'no instance answered in the window' };
  const weighted = metric === 'latencyP50' ? to.p50Weighted - from.p50Weighted : to.p99Weighted - from.p99Weighted;
  return { ok: true, value: weighted / answered };
}

/**
 * A reading as a metrics backend reports it: relative noise (scenario.traffic.noise) on the value.
 *
 * @example
 * addNoise(0.01, 0.05, random); // e.g. 0.0104
 */
export function addNoise(value: number, noise: number, random: Random): number {
  if (noise <= 0 || value === 0) return value;
  return Math.max(0, value * (1 + noise * random.normal()));
}

/** Per-role figures for a snapshot, over the window between two marks. */
export function roleMetrics(from: RoleCounters, to: RoleCounters, windowMs: number): RoleMetrics {
  const live = to.liveRequests - from.liveRequests;
  const requests = to.requests - from.requests;
  const answered = to.answered - from.answered;
  return {
    rps: windowMs > 0 ? (live * 1000) / windowMs : 0,
    errorRate: requests > 0 ? (to.errors - from.errors) / requests : 0,
    latencyP50: answered > 0 ? (to.p50Weighted - from.p50Weighted) / answered : 0,
    latencyP99: answered > 0 ? (to.p99Weighted - from.p99Weighted) / answered : 0,
  };
}

function emptyCounters(): RoleCounters {
  return { liveRequests: 0, liveErrors: 0, requests: 0, errors: 0, answered: 0, p50Weighted: 0, p99Weighted: 0 };
}
