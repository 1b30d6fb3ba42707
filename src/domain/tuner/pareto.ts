/**
 * The candidates no other candidate beats on both figures (lower is better on each), in order
 * of the first figure. A tie on both keeps the first.
 *
 * @example
 * paretoFront([{ a: 1, b: 5 }, { a: 2, b: 2 }, { a: 3, b: 3 }], (c) => [c.a, c.b]); // [{ a: 1, b: 5 }, { a: 2, b: 2 }]
 */
export function paretoFront<T>(items: readonly T[], figures: (item: T) => readonly [number, number]): T[] {
  const sorted = [...items].sort((x, y) => {
    const [xa, xb] = figures(x);
    const [ya, yb] = figures(y);
    return xa - ya || xb - yb;
  });
  const front: T[] = [];
  let bestSecond = Number.POSITIVE_INFINITY;
  for (const item of sorted) {
    const [, second] = figures(item);
    if (second < bestSecond) {
      front.push(item);
      bestSecond = second;
    }
  }
  return front;
}
