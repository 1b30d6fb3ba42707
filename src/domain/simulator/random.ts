/**
 * Seeded randomness. Every draw in a simulation goes through one of these, never Math.random, so
 * the same seed gives the same run. Separate streams (`fork`) keep one concern's draws from
 * shifting another's: recording snapshots or adding a gate does not change boot times.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Standard normal, N(0, 1). */
  normal(): number;
  /** Poisson with mean `lambda`. */
  poisson(lambda: number): number;
  /** Successes in `n` trials of probability `p` (exact for small n, approximated for large n). */
  binomial(n: number, p: number): number;
  /** An independent stream for one concern, e.g. `fork('boot')`. */
  fork(label: string): Random;
}

/**
 * A mulberry32 generator: tiny, fast, and good enough for simulation (not for secrets).
 *
 * @example
 * const random = createRandom(42);
 * random.uniform(5000, 15000); // the same value every time for seed 42
 */
export function createRandom(seed: number): Random {
  // Held in a typed array: a closure variable above 2^30 is a boxed number, so every draw would
  // allocate. Stores wrap modulo 2^32 exactly like `>>> 0`.
  const state = new Uint32Array([seed >>> 0]);
  let spareNormal: number | undefined;
  const next = (): number => {
    state[0] = (state[0] as number) + 0x6d2b79f5;
    let t = state[0] as number;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    // Box-Muller; 1 - next() keeps the logarithm away from 0.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const poisson = (lambda: number): number => {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = next();
    while (product > limit) {
      k++;
      product *= next();
    }
    return k;
  };
  const binomial = (n: number, p: number): number => {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n <= 30) {
      let successes = 0;
      for (let i = 0; i < n; i++) if (next() < p) successes++;
      return successes;
    }
    const mean = n * p;
    if (mean < 15 && p < 0.05) return Math.min(n, poisson(mean));
    const drawn = Math.round(mean + Math.sqrt(mean * (1 - p)) * normal());
    return Math.min(n, Math.max(0, drawn));
  };
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal,
    poisson,
    binomial,
    fork: (label) => createRandom(mixSeed(seed, label)),
  };
}

/** FNV-1a over the label, mixed with the seed: a stable seed per stream. */
function mixSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
