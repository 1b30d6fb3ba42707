import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { Plan } from '../../../src/domain/plan/schema';

const EXAMPLES = join(__dirname, '../../../examples');

/** A bundled example plan, parsed; throws with the problems if it does not parse. */
export function examplePlan(name: string): Plan {
  const file = `${name}.release.yaml`;
  const result = parsePlan(readFileSync(join(EXAMPLES, file), 'utf8'), file);
  if (!result.ok) throw new Error(`${file}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.plan;
}

/** A scheduler whose time only moves when the test says so. */
export function fakeScheduler(): { now(): number; every(ms: number, tick: () => void): () => void; advance(ms: number): void } {
  let now = 0;
  const timers = new Set<{ ms: number; next: number; tick: () => void }>();
  return {
    now: () => now,
    every(ms, tick) {
      const timer = { ms, next: now + ms, tick };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter((timer) => timer.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.ms;
        due.tick();
      }
      now = end;
    },
  };
}
