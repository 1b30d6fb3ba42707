import { problem } from './context';
import type { Rule } from './context';

/** Which of the plan's routers can do what a release asks beyond weights. */
const CAN = {
  haproxy: { headerRoutes: true, mirror: false },
  nginx: { headerRoutes: true, mirror: true },
  command: { headerRoutes: false, mirror: false },
} as const;

/**
 * Header routes (A/B, setHeaderRoute) and mirroring (shadow, setMirrorRoute) need a router that
 * can do them: said before the run starts, at the router, rather than by a failed step mid-run.
 */
export const routerCanRoute: Rule = (context) => {
  const router = context.plan.targets?.router;
  const kind = router && (Object.keys(CAN) as (keyof typeof CAN)[]).find((name) => router[name] !== undefined);
  if (!kind) return [];
  const { strategy } = context.plan;
  const steps = strategy.canary?.steps ?? [];
  const needsMirror = strategy.shadow !== undefined || steps.some((step) => step.setMirrorRoute !== undefined);
  const needsHeaders = strategy.abTest !== undefined || steps.some((step) => step.setHeaderRoute !== undefined);
  const what = strategy.shadow ? 'a shadow release mirrors traffic' : 'setMirrorRoute mirrors traffic';
  return [
    ...(needsMirror && !CAN[kind].mirror ? [problem(context, 'error', 'plan.routerCannotMirror', ['targets', 'router', kind], `${what}, which ${kind} cannot do; use the nginx router (its mirror directive)`, { target: 'key' })] : []),
    ...(needsHeaders && !CAN[kind].headerRoutes
      ? [problem(context, 'error', 'plan.routerCannotRouteHeaders', ['targets', 'router', kind], `${strategy.abTest ? 'an A/B test routes' : 'setHeaderRoute routes'} by header or cookie, which a command router cannot do; use the haproxy or nginx router`, { target: 'key' })]
      : []),
  ];
};
