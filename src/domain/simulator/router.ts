import type { RouteSpec, Role, Weights } from '../strategies/effects';
import type { RoutingMode } from '../strategies/profiles';

// How live traffic is split is the strategy's (its profile's `routing`). Under `weighted` a role
// given weight with nothing ready behind it fails its share.
export type { RoutingMode };

/** Share of users an A/B header route matches when the scenario does not say. */
export const DEFAULT_HEADER_SHARE = 0.5;

/** Fractions of live traffic per role, 0..1, summing to 1. */
export type Shares = Record<Role, number>;

/**
 * The router's applied state. It only changes when the simulator's setTraffic effect completes.
 *
 * @example
 * const router = new Router('weighted');
 * router.apply({ weights: { stable: 80, candidate: 20 } });
 * router.liveShares(10, 2); // { stable: 0.8, candidate: 0.2 }
 */
export class Router {
  private weights: Weights = { stable: 100, candidate: 0 };
  private headerRoutes = false;
  private mirror = 0;

  constructor(
    readonly mode: RoutingMode,
    private readonly headerShare = DEFAULT_HEADER_SHARE,
  ) {}

  apply(spec: RouteSpec): void {
    this.weights = { stable: spec.weights.stable, candidate: spec.weights.candidate };
    this.headerRoutes = (spec.headerRoutes?.length ?? 0) > 0;
    this.mirror = spec.mirrorPercent ?? 0;
  }

  /** Where live requests go, given how many instances of each role are ready. */
  liveShares(readyStable: number, readyCandidate: number): Shares {
    return this.liveSharesInto(readyStable, readyCandidate, { stable: 1, candidate: 0 });
  }

  /** `liveShares` written into `out`, so the traffic loop reuses one pair. */
  liveSharesInto(readyStable: number, readyCandidate: number, out: Shares): Shares {
    if (this.mode === 'readyCount') {
      const total = readyStable + readyCandidate;
      // Nothing ready anywhere: every request fails; count it against stable, the service users know.
      out.stable = total === 0 ? 1 : readyStable / total;
      out.candidate = total === 0 ? 0 : readyCandidate / total;
      return out;
    }
    const matched = this.headerRoutes ? this.headerShare : 0;
    const candidate = matched + (1 - matched) * (this.weights.candidate / 100);
    out.stable = 1 - candidate;
    out.candidate = candidate;
    return out;
  }

  /** The candidate's part of `liveShares`, without building the pair (called after every event). */
  candidateShare(readyStable: number, readyCandidate: number): number {
    if (this.mode === 'readyCount') {
      const total = readyStable + readyCandidate;
      return total === 0 ? 0 : readyCandidate / total;
    }
    const matched = this.headerRoutes ? this.headerShare : 0;
    return matched + (1 - matched) * (this.weights.candidate / 100);
  }

  /** Fraction of live traffic copied to the candidate (its responses are dropped). */
  mirrorShare(): number {
    return this.mode === 'weighted' ? this.mirror / 100 : 0;
  }

  mirrorPercent(): number {
    return this.mode === 'weighted' ? this.mirror : 0;
  }
}
