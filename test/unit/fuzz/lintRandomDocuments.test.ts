import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzzRuns, lintCleanly, simulateCleanly } from './planChecks';
import { mutatedExample, randomDocument } from './planInputs';

/*
 * Lint of documents from nothing (YAML of plan-shaped values, strings of YAML's punctuation), and
 * simulation of the edited examples that still lint: no exception, no call over the time limit,
 * no diagnostic outside the file. `npm run fuzz` runs many more cases.
 */
describe('fuzz: random documents and simulation', () => {
  it('should lint any document cleanly', () => {
    fc.assert(
      fc.property(randomDocument, (text) => {
        lintCleanly(text);
      }),
      { numRuns: fuzzRuns(4000) },
    );
  }, 600_000);

  it('should simulate every edited example that lints, in time', () => {
    fc.assert(
      fc.property(mutatedExample, (text) => {
        simulateCleanly(text);
      }),
      { numRuns: fuzzRuns(400) },
    );
  }, 600_000);
});
