import { createRandom } from '../../../src/domain/simulator/random';

/**
 * Argo Rollouts canaries without a traffic router (the split is the replica ratio), as a plan
 * writes them: replicas, maxSurge, maxUnavailable and setWeight steps with short timed pauses.
 */
export interface ArgoCase {
  readonly name: string;
  readonly replicas: number;
  readonly maxSurge: number | string;
  readonly maxUnavailable: number | string;
  readonly steps: readonly ArgoStep[];
  /** The version the analysis steps judge: a bad one fails its error-rate metric and the Rollout aborts. */
  readonly version?: 'good' | 'bad';
}

/** `analysis`: an analysis step of one error-rate measurement, read from a `web` metric the test serves. */
export type ArgoStep = { readonly setWeight: number } | { readonly pause: number } | { readonly analysis: true };

const describeStep = (step: ArgoStep): string => ('setWeight' in step ? `w${step.setWeight}` : 'pause' in step ? `p${step.pause}s` : 'analysis');

export function argoCase(replicas: number, maxSurge: number | string, maxUnavailable: number | string, steps: readonly ArgoStep[], version?: 'good' | 'bad'): ArgoCase {
  const name = `${replicas} replicas, surge ${maxSurge}, unavailable ${maxUnavailable}: ${steps.map(describeStep).join(' ')}${version ? `, ${version} version` : ''}`;
  return { name, replicas, maxSurge, maxUnavailable, steps, ...(version ? { version } : {}) };
}

const SURGES: readonly (number | string)[] = [0, 1, 2, 3, '10%', '25%', '50%', '100%'];
const UNAVAILABLES: readonly (number | string)[] = [0, 1, 2, '10%', '25%', '50%'];

/**
 * `count` generated cases: replicas 1-50 (most of them small, where rounding bites), every
 * combination of surge and unavailable counts and percentages except both zero (Argo refuses it),
 * one to four setWeight steps in rising order with an occasional 1 s pause between them.
 */
export function generatedArgoCases(count: number, seed = 20261207): ArgoCase[] {
  // The simulator's own seeded generator, so the corpus is the same on every machine.
  const random = createRandom(seed);
  const next = (): number => random.next();
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const cases: ArgoCase[] = [];
  const names = new Set<string>();
  while (cases.length < count) {
    const replicas = next() < 0.7 ? 1 + Math.floor(next() * 10) : 11 + Math.floor(next() * 40);
    const maxSurge = pick(SURGES);
    const maxUnavailable = pick(UNAVAILABLES);
    if (isZero(maxSurge) && isZero(maxUnavailable)) continue;
    const weights = new Set<number>();
    const stepCount = 1 + Math.floor(next() * 4);
    while (weights.size < stepCount) weights.add(next() < 0.1 ? 100 : 1 + Math.floor(next() * 99));
    const steps: ArgoStep[] = [];
    for (const weight of [...weights].sort((a, b) => a - b)) {
      steps.push({ setWeight: weight });
      if (next() < 0.3) steps.push({ pause: 1 });
    }
    const row = argoCase(replicas, maxSurge, maxUnavailable, steps);
    if (names.has(row.name)) continue;
    names.add(row.name);
    cases.push(row);
  }
  return cases;
}

/**
 * `count` generated cases with an analysis step after the first weight, half of them judging a
 * bad version: the Rollout aborts there, and how the controller takes the canary down and the
 * stable back to full size within maxSurge and maxUnavailable is what is compared.
 */
export function generatedArgoAnalysisCases(count: number, seed = 20261209): ArgoCase[] {
  return generatedArgoCases(count, seed).map((row, index) => {
    const [first, ...rest] = row.steps;
    const steps: ArgoStep[] = [first as ArgoStep, { analysis: true }, ...rest];
    return argoCase(Math.min(row.replicas, 20), row.maxSurge, row.maxUnavailable, steps, index % 2 === 0 ? 'bad' : 'good');
  });
}

function isZero(value: number | string): boolean {
  return value === 0 || value === '0%';
}

/** Hand-picked edges first: one replica, surge only, unavailable only, weights that round to 0 or to every pod. */
export const ARGO_EDGE_CASES: readonly ArgoCase[] = [
  argoCase(1, 1, 0, [{ setWeight: 50 }]),
  argoCase(1, 0, 1, [{ setWeight: 50 }]),
  argoCase(2, 1, 0, [{ setWeight: 1 }, { setWeight: 99 }]),
  argoCase(3, '25%', 0, [{ setWeight: 33 }, { pause: 1 }, { setWeight: 67 }]),
  argoCase(5, 1, 0, [{ setWeight: 20 }, { pause: 1 }, { setWeight: 60 }, { pause: 1 }]),
  argoCase(10, '25%', '25%', [{ setWeight: 10 }, { setWeight: 50 }, { setWeight: 100 }]),
  argoCase(10, 0, 2, [{ setWeight: 30 }, { setWeight: 70 }]),
  argoCase(10, 3, 0, [{ setWeight: 5 }, { setWeight: 95 }]),
  argoCase(20, '10%', 0, [{ setWeight: 25 }, { setWeight: 75 }]),
  argoCase(50, '25%', '10%', [{ setWeight: 10 }, { setWeight: 40 }, { setWeight: 80 }]),
];
