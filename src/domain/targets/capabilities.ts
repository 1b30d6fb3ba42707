import type { Targets } from '../plan/schema';
import type { RouterCapabilities, RouterPortOf } from '../ports';

/** A router a plan can name under `targets.router`. */
export type RouterKind = keyof NonNullable<Targets['router']>;

/**
 * What each router can do beyond weights, stated once. The plan rules read it (a shadow release on
 * HAProxy is an error at the router, before anything runs), each adapter states its row as its
 * `capabilities` and is typed `RouterFor<kind>`, so it must have exactly the methods of the row,
 * and the runner reads the router's `capabilities` before it calls them.
 *
 * @example
 * ROUTER_CAPABILITIES.nginx.mirror;   // true: nginx's mirror directive
 * ROUTER_CAPABILITIES.haproxy.mirror; // false
 */
export const ROUTER_CAPABILITIES = {
  haproxy: { weights: true, headerRoutes: true, mirror: false, members: true },
  nginx: { weights: true, headerRoutes: true, mirror: true, members: true },
  command: { weights: true, headerRoutes: false, mirror: false, members: false },
} as const satisfies Record<RouterKind, RouterCapabilities>;

export const ROUTER_KINDS = Object.keys(ROUTER_CAPABILITIES) as RouterKind[];

/** The port a router of this kind provides: its declared capabilities and their methods. */
export type RouterFor<K extends RouterKind> = RouterPortOf<(typeof ROUTER_CAPABILITIES)[K]>;

