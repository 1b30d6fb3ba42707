import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { RunEventData } from '../../../src/domain/run/events';
import { simulate } from '../../../src/domain/simulator/simulate';

const EXAMPLES = resolve(__dirname, '../../../examples');
/** The kinds a simulation writes; the rest of the union is the real runner's own (run.*, action.*, instance.*, route.safe, operator). */
const SIMULATED: Record<keyof RunEventData, boolean> = {
  'machine.state': true, outcome: true, scale: true, 'traffic.set': true, 'health.ready': true, 'health.failed': true, 'instances.ready': true,
  'instances.crash': true, 'operator.approve': true, 'hook.run': true, 'fault.start': true, 'fault.end': true, 'gate.measure': true, 'gate.result': true, 'gate.warning': true,
  'run.started': false, 'run.resumed': false, 'run.paused': false, 'route.safe': false, 'action.intent': false, 'action.result': false,
  'instance.spawned': false, 'instance.started': false, 'instance.stopped': false, operator: false, 'target.write': false, 'instances.observed': false,
};

describe('the run event union', () => {
  const plans = readdirSync(EXAMPLES).filter((name) => name.endsWith('.release.yaml'));
  it.each(plans)('should type every event a simulation of %s writes', (name) => {
    const parsed = parsePlan(readFileSync(join(EXAMPLES, name), 'utf8'));
    if (!parsed.ok) throw new Error(`${name} does not parse`);
    for (const scenario of Object.keys(parsed.plan.scenarios)) {
      for (const event of simulate(parsed.plan, { scenario }).events) {
        expect(SIMULATED[event.kind], `${name} ${scenario}: ${event.kind}`).toBe(true);
        expect(typeof event.data, `${name} ${scenario}: ${event.kind} has its fields`).toBe('object');
      }
    }
  });
});
