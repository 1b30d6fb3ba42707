import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzzRuns, lintCleanly } from './planChecks';
import { mutatedExample } from './planInputs';

/*
 * Lint (parse, then the timeline estimate) of the bundled examples after a few edits: deleted,
 * duplicated and swapped lines, flipped characters, an inserted or deleted `#`, huge numbers and
 * values of the wrong type. Whatever comes out, lint ends within the time limit, throws nothing
 * and every diagnostic points inside the file. `npm run fuzz` runs many more cases.
 */
describe('fuzz: lint of edited examples', () => {
  it('should end cleanly, in time, with every problem inside the file', () => {
    fc.assert(
      fc.property(mutatedExample, (text) => {
        lintCleanly(text);
      }),
      { numRuns: fuzzRuns(6000) },
    );
  }, 600_000);
});
