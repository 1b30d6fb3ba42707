import type { HookBody, HookReply } from './hooks/points';
import type { AnalysisGate, HeaderMatch, Hook } from './plan/schema';
import type { Role, RouteSpec, Weights } from './strategies/effects';

/**
 * The interfaces a real run needs, one per kind of target. Narrow on purpose (a router sets and
 * verifies weights, it does not know about releases), so an adapter is small and a test double
 * is a few lines. Every call that can meet a broken target returns a value, never throws: the
 * runner turns `{ ok: false }` into the machine's `<effect>.failed`, and the plan's policy
 * decides what happens next.
 */

/** A call's result: a value, or an error a user can act on ("where and what to do"). */
export type PortResult<T = undefined> = { ok: true; value: T } | { ok: false; error: string };

/**
 * What tells one process from a later one given the same pid: the boot it ran in and when it
 * started (clock ticks since boot, /proc/PID/stat field 22). Absent where the system has no /proc.
 */
export interface ProcessIdentity {
  bootId: string;
  startTicks: number;
}

/** One instance a router can send traffic to. */
export interface Member {
  /** Stable identifier, e.g. "candidate-0". */
  id: string;
  role: Role;
  host: string;
  port: number;
  /** The process id when the runner started it; absent for instances it found running. */
  pid?: number;
  /** Recorded when the runner started it: a pid whose identity differs is never signalled. */
  identity?: ProcessIdentity;
}

/**
 * What a router had in effect, opaque to the runner but plain JSON, so it goes into the journal
 * and a later process (resume, abort) can restore it.
 */
export interface RoutingSnapshot {
  router: string;
  weights: Weights;
  data: unknown;
}

/**
 * What a router can do beyond setting weights, each with the methods it brings. Which router has
 * which is declared once, in src/domain/targets/capabilities.ts: the plan rules read that table,
 * each adapter states its row, and the types below give a router exactly the methods of the
 * capabilities it declares, so the runner reads the declaration instead of probing for methods.
 */
export interface RouterCapabilityMethods {
  headerRoutes: {
    /** Requests matching any route go to the candidate (A/B). */
    setHeaderRoutes(routes: HeaderMatch[]): Promise<PortResult>;
  };
  mirror: {
    /** Copy a share of traffic to the candidate (shadow). */
    setMirror(percent: number): Promise<PortResult>;
  };
  members: {
    /** Adds an instance with no traffic; it gets its role's share on the next setWeights. */
    addMember(member: Member): Promise<PortResult>;
    /** Drains an instance (no new requests, running ones finish), then removes it. */
    removeMember(member: Member): Promise<PortResult>;
  };
}

export type RouterCapability = keyof RouterCapabilityMethods;

/** Every router sets weights; the rest it can do or not. */
export type RouterCapabilities = { readonly weights: true } & { readonly [K in RouterCapability]: boolean };

/** What every router does. */
interface RouterBasics {
  /** For messages and the lock: "haproxy /run/app.sock backend app". */
  readonly name: string;
  /** Percent of traffic per role; done when the router has accepted the change. */
  setWeights(weights: Weights): Promise<PortResult>;
  /** Reads back what is in effect; an error when it differs from `weights`. */
  verify(weights: Weights): Promise<PortResult>;
  snapshot(): Promise<PortResult<RoutingSnapshot>>;
  restore(snapshot: RoutingSnapshot): Promise<PortResult>;
  /**
   * A resumed run hands over the routing its journal recorded as safe when it started, for a
   * router that restores "as found" at the end: what it finds now is the release's own split.
   */
  adoptSafe?(snapshot: RoutingSnapshot): void;
  /**
   * A resumed run hands over the route its journal last confirmed (weights, header routes,
   * mirror), for a router that writes the whole route each time: the next change keeps what the
   * dead runner had set up.
   */
  adoptRoute?(route: RouteSpec): void;
}

/** One capability's share of a router: declared with its methods, or declared off with none of them. */
type CapabilityPart<K extends RouterCapability, Has extends boolean> = Has extends true
  ? { readonly capabilities: { readonly [P in K]: true } } & RouterCapabilityMethods[K]
  : { readonly capabilities: { readonly [P in K]: false } } & { readonly [M in keyof RouterCapabilityMethods[K]]?: undefined };

/**
 * Intersects the parts, each boxed in a tuple first: unboxed, a part that is itself a union (a
 * capability declared `boolean`) would be intersected with itself and vanish.
 */
type AllParts<Boxed> = (Boxed extends unknown ? (part: Boxed) => void : never) extends (part: infer Parts extends readonly [unknown]) => void ? Parts[0] : never;

/**
 * A router that declares capabilities `C`: it has the methods of those it declares and none of
 * the others' (a router whose `capabilities.mirror` is true has `setMirror`, one whose is false
 * has no `setMirror`), so the declaration and the methods cannot drift apart.
 *
 * @example
 * const router = { name: 'weights only', capabilities: { weights: true, headerRoutes: false, mirror: false, members: false }, setWeights, verify, snapshot, restore } satisfies RouterPortOf<typeof ROUTER_CAPABILITIES.command>;
 */
export type RouterPortOf<C extends RouterCapabilities> = RouterBasics & { readonly capabilities: C } & AllParts<{ [K in RouterCapability]: [CapabilityPart<K, C[K]>] }[RouterCapability]>;

/** Any router: one variant per combination of capabilities, each with its methods. */
export type RouterPort = RouterPortOf<RouterCapabilities>;

/**
 * Whether a router declares a capability; when it does, its methods are there to call.
 *
 * @example
 * if (routerCan(router, 'mirror')) await router.setMirror(10);
 */
export function routerCan<K extends RouterCapability>(router: RouterPort, capability: K): router is RouterPort & RouterCapabilityMethods[K] {
  return router.capabilities[capability];
}

/** Instances of one role, as the instances adapter reports them. */
export interface InstanceHealth {
  ready: number;
  total: number;
  /** Instances that can never become ready (their process exited), each with why: a wait for them fails at once. */
  lost?: string[];
}

export interface InstancesPort {
  readonly name: string;
  /** Instances of a role the router should know about right now. */
  members(role: Role): Member[];
  /**
   * Starts instances up to `replicas`; each answers its health path before it counts.
   * `onSpawned` is called with each process as soon as it exists, before the health wait, so
   * the runner journals its pid and a crash during the wait leaves no untracked process.
   */
  scaleUp(role: Role, replicas: number, onSpawned?: (member: Member) => void): Promise<PortResult<Member[]>>;
  /** The members that go when the role shrinks to `replicas`, newest first (to drain in the router). */
  surplus(role: Role, replicas: number): Member[];
  /** Shrinks the role to `replicas`: graceful stop (SIGTERM, SIGKILL after a grace period). */
  scaleDown(role: Role, replicas: number): Promise<PortResult<Member[]>>;
  health(role: Role): Promise<PortResult<InstanceHealth>>;
  /** Takes over instances a previous runner process started (resume after a crash). */
  adopt?(members: Member[]): void;
  /**
   * A workload that scales itself (a Kubernetes Deployment, whose controller replaces pods in its
   * own order): the runner asks for the role's size and this does the rest, in place of
   * scaleUp/surplus/scaleDown, with no members for a router to add.
   */
  scaleTo?(role: Role, replicas: number): Promise<PortResult>;
  /**
   * Waits, from the workload's own events, until `replicas` of the role are available as its
   * controller counts them (minReadySeconds included); fails at `deadlineMs` or as soon as the
   * controller reports the rollout stalled.
   */
  awaitAvailable?(role: Role, replicas: number, deadlineMs: number, signal: AbortSignal): Promise<PortResult>;
}

export interface AnalysisPort {
  /** One measurement of a gate for a version: a number, or why there is none. */
  measure(gate: AnalysisGate, version: string): Promise<PortResult<number>>;
}

/**
 * Calls one hook: an HTTP request with the body as JSON, or a command with it in SWITCHYARD_HOOK_*
 * variables; with its retries. What the answer means at its point is the runner's (runner/hooks.ts).
 */
export interface HookPort {
  call(hook: Hook, body: HookBody): Promise<HookReply>;
}
