/**
 * Minimal hand-written loops doing the same arithmetic as a simulation, with nothing else: no
 * machine, no journal, no snapshots. Each bench figure is printed with its ratio to one of these,
 * so the cost of the engine's structure is visible, not just its absolute speed.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A canary's arithmetic: for each interval, split the request rate by weight, count errors with
 * noise, and take a gate measurement every `measureEvery` intervals.
 */
export function canaryBaseline(weights: readonly number[], intervalsPerStep: number, rps: number, intervalS: number, seed: number): number {
  const random = mulberry32(seed);
  let errors = 0;
  let failedMeasurements = 0;
  for (const weight of weights) {
    for (let i = 0; i < intervalsPerStep; i++) {
      const candidate = (rps * intervalS * weight) / 100;
      const stable = rps * intervalS - candidate;
      const candidateRate = 0.002 * (1 + (random() - 0.5) * 0.1);
      const stableRate = 0.002 * (1 + (random() - 0.5) * 0.1);
      errors += candidate * candidateRate + stable * stableRate;
      if (candidateRate >= 0.05) failedMeasurements++;
    }
  }
  return errors + failedMeasurements;
}

/**
 * A rolling update's arithmetic: draw a boot time per new instance, each batch waits for its
 * slowest instance, and traffic is split by ready counts each interval.
 */
export function rollingBaseline(replicas: number, batch: number, bootMinMs: number, bootMaxMs: number, intervalMs: number, seed: number): number {
  const random = mulberry32(seed);
  let t = 0;
  let errors = 0;
  for (let done = 0; done < replicas; done += batch) {
    const size = Math.min(batch, replicas - done);
    let slowest = 0;
    for (let i = 0; i < size; i++) slowest = Math.max(slowest, bootMinMs + random() * (bootMaxMs - bootMinMs));
    for (let elapsed = 0; elapsed < slowest; elapsed += intervalMs) {
      const share = done / replicas;
      errors += share * 0.002 + (1 - share) * 0.001;
    }
    t += slowest;
  }
  return t + errors;
}
