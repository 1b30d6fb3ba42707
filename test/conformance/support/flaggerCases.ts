import { createRandom } from '../../../src/domain/simulator/random';

/**
 * Flagger canaries as a plan writes them under `engine: flagger`: replicas, a linear stepWeight
 * up to maxWeight or explicit stepWeights, at Flagger's shortest interval (10 s) so a case takes
 * about a minute.
 */
export interface FlaggerCase {
  readonly name: string;
  readonly replicas: number;
  readonly stepWeight?: number;
  readonly maxWeight?: number;
  readonly stepWeights?: readonly number[];
}

export function flaggerCase(replicas: number, steps: { stepWeight: number; maxWeight?: number } | { stepWeights: readonly number[] }): FlaggerCase {
  const what = 'stepWeights' in steps ? `stepWeights ${steps.stepWeights.join(',')}` : `stepWeight ${steps.stepWeight}${steps.maxWeight === undefined ? '' : `, maxWeight ${steps.maxWeight}`}`;
  return { name: `${replicas} replicas, ${what}`, replicas, ...steps };
}

/**
 * `count` generated cases: 1-5 replicas; half a linear stepWeight with or without maxWeight
 * (overshooting it or landing on it), half explicit stepWeights; at most six weights, so a case
 * stays within a couple of minutes of Flagger's 10 s ticks.
 */
export function generatedFlaggerCases(count: number, seed = 20261208): FlaggerCase[] {
  // The simulator's own seeded generator, so the corpus is the same on every machine.
  const random = createRandom(seed);
  const next = (): number => random.next();
  const cases: FlaggerCase[] = [];
  const names = new Set<string>();
  while (cases.length < count) {
    const replicas = 1 + Math.floor(next() * 5);
    let row: FlaggerCase;
    if (next() < 0.5) {
      const maxWeight = next() < 0.3 ? undefined : 10 + Math.floor(next() * 91);
      // A plan refuses a stepWeight above maxWeight; at most six weights.
      const stepWeight = Math.min(maxWeight ?? 100, Math.ceil((maxWeight ?? 100) / 6) + Math.floor(next() * 40));
      row = flaggerCase(replicas, maxWeight === undefined ? { stepWeight } : { stepWeight, maxWeight });
    } else {
      const weights = new Set<number>();
      const size = 1 + Math.floor(next() * 5);
      while (weights.size < size) weights.add(1 + Math.floor(next() * 99));
      row = flaggerCase(replicas, { stepWeights: [...weights].sort((a, b) => a - b) });
    }
    if (names.has(row.name)) continue;
    names.add(row.name);
    cases.push(row);
  }
  return cases;
}

export const FLAGGER_CASES: readonly FlaggerCase[] = [
  flaggerCase(1, { stepWeight: 50 }),
  flaggerCase(2, { stepWeight: 20, maxWeight: 50 }),
  flaggerCase(3, { stepWeight: 25 }),
  flaggerCase(2, { stepWeight: 30, maxWeight: 60 }),
  flaggerCase(1, { stepWeights: [10, 50] }),
  flaggerCase(2, { stepWeights: [1, 5, 25, 50] }),
  flaggerCase(4, { stepWeight: 40, maxWeight: 100 }),
  flaggerCase(3, { stepWeights: [30, 60, 90] }),
];
