/** One rolling update from v1 to v2, run on the real cluster and in the simulator. */
export interface ConformanceCase {
  readonly name: string;
  readonly replicas: number;
  readonly maxSurge: number | string;
  readonly maxUnavailable: number | string;
  /** spec.minReadySeconds, and the plan's checks.minReadySeconds. */
  readonly minReadySeconds?: number;
  /** Each pod's readiness delay in ms (kwok's pod-ready delay; the scenario's boot time). */
  readonly readyMs?: number;
  /** v2's pods run but never become Ready: the controller stalls. */
  readonly bad?: boolean;
}

const row = (replicas: number, maxSurge: number | string, maxUnavailable: number | string, extra: Partial<ConformanceCase> = {}): ConformanceCase => {
  const tail = [
    extra.minReadySeconds ? `minReady ${extra.minReadySeconds}s` : '',
    extra.readyMs !== undefined ? `ready ${extra.readyMs}ms` : '',
    extra.bad ? 'bad version' : '',
  ].filter(Boolean);
  return { name: `${replicas} replicas, surge ${maxSurge}, unavailable ${maxUnavailable}${tail.length ? `, ${tail.join(', ')}` : ''}`, replicas, maxSurge, maxUnavailable, ...extra };
};

/**
 * The table: replicas 1-50; maxSurge and maxUnavailable as counts and percentages, 0 on either
 * side, rounding edges (surge rounds up, unavailable down, a percentage that floors to 0, values
 * above replicas); minReadySeconds; a few readiness delays; and bad versions, where the controller
 * stalls. Large replica counts use percentages so a case takes a few waves, not fifty.
 */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  // One replica.
  row(1, 1, 0),
  row(1, 0, 1),
  row(1, '25%', '25%'),
  row(1, '100%', 0),
  // Two and three.
  row(2, 1, 0),
  row(2, 0, 1),
  row(2, 1, 1),
  row(2, '50%', 0),
  row(3, 1, 0),
  row(3, 0, 1),
  row(3, 1, 1),
  row(3, 2, 0),
  row(3, 0, 2),
  row(3, 3, 0),
  row(3, 0, 3),
  row(3, '50%', '50%'),
  row(3, 0, 5),
  row(3, 5, 0),
  // Four to ten.
  row(4, '25%', '25%'),
  row(4, '50%', 0),
  row(4, 0, '50%'),
  row(4, '100%', 0),
  row(4, 0, '100%'),
  row(5, 2, 1),
  row(5, '30%', '30%'),
  row(5, 0, '40%'),
  row(5, '20%', 0),
  row(6, 1, 2),
  row(6, 3, 3),
  row(7, '35%', 0),
  row(7, '33%', '66%'),
  row(8, '25%', '25%'),
  row(9, '10%', '90%'),
  row(10, '25%', '25%'),
  row(10, 3, 2),
  row(10, 2, 3),
  row(10, '50%', '50%'),
  row(10, '0%', '30%'),
  row(10, '30%', '0%'),
  row(10, '10%', '1%'),
  // Larger fleets, by percentages.
  row(16, '25%', '25%'),
  row(20, '25%', '25%'),
  row(20, '20%', '10%'),
  row(20, 5, 0),
  row(20, 0, 5),
  row(25, '30%', '10%'),
  row(33, '33%', '33%'),
  row(50, '25%', '25%'),
  row(50, 10, 5),
  row(50, '100%', 0),
  // minReadySeconds: a pod counts as available only once Ready that long.
  row(3, 1, 0, { minReadySeconds: 1 }),
  row(4, 0, 1, { minReadySeconds: 1 }),
  row(5, '25%', '25%', { minReadySeconds: 1 }),
  row(10, 2, 2, { minReadySeconds: 1 }),
  // Readiness delays.
  row(4, 1, 1, { readyMs: 300 }),
  row(6, '50%', 0, { readyMs: 800 }),
  row(5, 1, 2, { readyMs: 1000 }),
  // Bad versions: v2's pods never become Ready, so the controller stalls.
  row(1, 0, 1, { bad: true }),
  row(3, 1, 0, { bad: true }),
  row(3, 0, 1, { bad: true }),
  row(4, '100%', 0, { bad: true }),
  row(5, 2, 2, { bad: true }),
  row(6, 0, '50%', { bad: true }),
  row(10, '25%', '25%', { bad: true }),
  row(20, '30%', '20%', { bad: true, minReadySeconds: 1 }),
];
