import type { Plan } from '../../../src/domain/plan/schema';
import type { RoutingMode } from '../../../src/domain/simulator/router';
import { World } from '../../../src/domain/simulator/world';

/** A world for the plan's first scenario, with the stable fleet up, and a way to run its queue. */
export function worldFor(plan: Plan, routing: RoutingMode = 'weighted', seed = 1): World {
  const scenario = Object.values(plan.scenarios)[0];
  if (!scenario) throw new Error('plan fixture without scenario');
  const world = new World({ plan, scenario, seed, intervalMs: 5000, recordSnapshots: true, routing });
  world.seed('stable', plan.replicas);
  return world;
}

/** Pop and fire events up to `until` (virtual ms), advancing the model as the engine does. */
export function runUntil(world: World, until: number): void {
  for (let time = world.queue.peekTime(); time !== undefined && time <= until; time = world.queue.peekTime()) {
    const event = world.queue.pop();
    if (!event) break;
    world.advanceTo(event.time);
    event.fire();
  }
  world.advanceTo(until);
}
