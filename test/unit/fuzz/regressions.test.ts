import { describe, expect, it } from 'vitest';
import { lintCleanly, simulateCleanly } from './planChecks';
import { EXAMPLE_PLANS } from './planInputs';

function example(name: string): string {
  const found = EXAMPLE_PLANS.find((plan) => plan.name === name);
  if (!found) throw new Error(`no example ${name}`);
  return found.text;
}

function editLine(text: string, line: number, edit: (line: string) => string): string {
  return text
    .split('\n')
    .map((content, index) => (index === line - 1 ? edit(content) : content))
    .join('\n');
}

const AB_TEST = example('examples/ab-test.release.yaml');
const BLUE_GREEN_PLAYGROUND = example('examples/playground/blue-green.release.yaml');
const CANARY_BAD_PLAYGROUND = example('examples/playground/canary-bad.release.yaml');

/*
 * Inputs the fuzz tests (and the issue) found: each once threw, ran past the time limit or put a
 * diagnostic outside the file. Shrunk by fast-check to one or two edits of an example.
 */
describe('fuzz regressions', () => {
  it.each([
    { name: 'the first # deleted and a # typed after "abTest:" (a range ran past its line)', text: AB_TEST.replace(/^#/, '').replace('  abTest:\n', '  abTest:#\n') },
    { name: 'a CR typed at the start of line 32 (an error placed on the wrong line)', text: editLine(AB_TEST, 32, (line) => `\r${line}`) },
    { name: 'a comment ending in a lone CR, and a # inside a key', text: BLUE_GREEN_PLAYGROUND.replace('\n', '\r').replace('failureCondition: result >= 0.5', 'f#ailureCondition: result >= 0.5') },
    { name: 'a deleted # before two multi-line PromQL queries (errors two lines off)', text: CANARY_BAD_PLAYGROUND.replace(/^# /, '  ') },
    { name: 'ten million A/B iterations (36 s of estimate)', text: AB_TEST.replace('iterations: 10', 'iterations: 1e7') },
    { name: 'iterations past any array ("internal error: Invalid array length")', text: 'service: a\nstrategy: {shadow: {iterations: 6439784534769664}}\n' },
    { name: 'a scalar cut across lines', text: '-\n)\n e:' },
    { name: 'a quote left open at the end of the file', text: 'a: "unterminated' },
  ])('should lint $name cleanly', ({ text }) => {
    expect(() => lintCleanly(text)).not.toThrow();
  });

  it.each([
    { name: 'a billion replicas (minutes of simulation towards 8 GB)', text: 'service: a\nreplicas: 1000000000\nstrategy: {recreate: {}}\n' },
    { name: '100,000 replicas rolled one at a time', text: 'service: a\nreplicas: 100000\nstrategy: {rolling: {maxSurge: 1, maxUnavailable: 0}}\n' },
  ])('should simulate $name cleanly', ({ text }) => {
    expect(() => simulateCleanly(text)).not.toThrow();
  });
});
