import { describe, expect, it } from 'vitest';
import { num, numIn, shapeOf, str, unchecked } from '../../../src/protocol/validate';
import type { FigureView, SeriesPoint } from '../../../src/protocol/view';

describe('guard shapes named after their types', () => {
  it('should check every field of the type, first problem first', () => {
    const point = shapeOf<SeriesPoint>({ t: numIn(0), value: num });
    expect(point({ t: 5, value: 0.1 }, 'point')).toBeNull();
    expect(point({ t: -1, value: Number.NaN }, 'point')).toBe('point.t: expected a number >= 0');
    expect(point({ t: 1 }, 'point')).toBe('point.value: expected a finite number');
  });

  it('should let a field the guard leaves alone through, whatever it holds', () => {
    const figure = shapeOf<FigureView>({ key: str, label: str, value: str, bad: unchecked });
    expect(figure({ key: 'k', label: 'l', value: 'v', bad: 'not a boolean' }, 'figure')).toBeNull();
  });

  // `tsc --noEmit` (npm run typecheck) fails if a line marked @ts-expect-error compiles.
  it('should not compile a guard that misses a field of its type or names one it lacks', () => {
    const missing = () =>
      // @ts-expect-error `value` has no check
      shapeOf<SeriesPoint>({ t: num });
    const extra = () =>
      // @ts-expect-error SeriesPoint has no `label`
      shapeOf<SeriesPoint>({ t: num, value: num, label: str });
    // What the compiler keeps out: one lets a broken point through, the other refuses a good one.
    expect(missing()({ t: 1, value: Number.NaN }, 'point')).toBeNull();
    expect(extra()({ t: 1, value: 2 }, 'point')).toBe('point.label: expected a string');
  });
});
