import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli, EXAMPLES } from './helpers';
import { writePlan } from './tempPlans';

/** A plan whose pull request raised the first weight past 100 % (line 6) and gave the gate an interval that is no duration (line 12). */
const WEAKENED = ['service: checkout', 'replicas: 4', 'strategy:', '  canary:', '    steps:', '      - setWeight: 120', '      - analysis:', '          templates: [error-rate]', 'analysis:', '  - name: error-rate', '    metric: errorRate', '    interval: soon', '    count: 2', '    successCondition: result < 0.01', ''].join('\n');

/** The README's GitHub Actions workflow, parsed: the steps a team copies. */
function readmeWorkflow(): { name?: string; run?: string }[] {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const block = /```yaml\n(# \.github\/workflows\/release-plans\.yml\n[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README has no GitHub Actions workflow for release plans');
  const workflow = parse(block) as { jobs: { plans: { steps: { name?: string; run?: string }[] } } };
  return workflow.jobs.plans.steps;
}

/** A step's `npx switchyard ...` as the CLI's arguments, with the repository's plans standing for `$(git ls-files ...)`. */
function commandOf(run: string, plans: string[]): string[] {
  const command = run.replace(/\s*>.*$/, '');
  const words = command.replace(/\$\(git ls-files '\*\.release\.yaml'\)/, '\u0000').split(/\s+/);
  expect(words.slice(0, 2)).toEqual(['npx', 'switchyard']);
  return words.slice(2).flatMap((word) => (word === '\u0000' ? plans : [word]));
}

describe('lint and simulate in CI pipelines', () => {
  it('should annotate the plan\'s lines from the README workflow\'s lint step (--format github)', async () => {
    const plan = writePlan('checkout.release.yaml', WEAKENED);
    const step = readmeWorkflow().find((s) => s.run?.includes('--format github'));
    const { code, out } = await cli(...commandOf(step?.run ?? '', [plan]));
    expect(code).toBe(2);
    const annotations = out.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toEqual([
      `::error file=${plan.replaceAll(':', '%3A')},line=6,col=20,endLine=6,endColumn=23,title=switchyard schema.tooBig::strategy.canary.steps[0].setWeight: 120 is above 100`,
      expect.stringMatching(/^::error file=[^,]+,line=12,col=15,endLine=12,endColumn=19,title=switchyard [\w.]+::analysis\[0\]\.interval: .*duration/),
    ]);
    expect(out.split('\n').at(-1)).toBe(`${plan}: 2 errors, 0 warnings`);
  });

  it('should write one SARIF log with each problem at its region from the README workflow\'s SARIF step', async () => {
    const plan = writePlan('checkout.release.yaml', WEAKENED);
    const step = readmeWorkflow().find((s) => s.run?.includes('--format sarif'));
    const { out } = await cli(...commandOf(step?.run ?? '', [plan, join(EXAMPLES, 'canary.release.yaml')]));
    const log = JSON.parse(out) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run?.tool.driver.name).toBe('switchyard');
    expect(run?.results.map((result) => [result.level, result.locations[0]?.physicalLocation.artifactLocation.uri, result.locations[0]?.physicalLocation.region.startLine])).toEqual([
      ['error', plan, 6],
      ['error', plan, 12],
    ]);
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toContain('schema.tooBig');
  });

  it('should fail the README workflow\'s simulation step, as JUnit, when the bad version is no longer caught', async () => {
    const step = readmeWorkflow().find((s) => s.run?.includes('--junit'));
    const weakened = readFileSync(join(EXAMPLES, 'canary.release.yaml'), 'utf8').replace('successCondition: result < 0.01', 'successCondition: result < 0.5').replace('failureCondition: result >= 0.05', 'failureCondition: result >= 0.5');
    const plan = writePlan('checkout.release.yaml', weakened);
    const args = commandOf(step?.run ?? '', []).map((word) => (word === 'plans/checkout.release.yaml' ? plan : word === 'switchyard-junit.xml' ? join(plan, '..', 'switchyard-junit.xml') : word));
    const { code } = await cli(...args);
    expect(code).toBe(7);
    const xml = readFileSync(join(plan, '..', 'switchyard-junit.xml'), 'utf8');
    expect(xml).toContain('tests="1" failures="1"');
    expect(xml).toMatch(/<testcase classname="[^"]*checkout\.release\.yaml" name="bad-version, seed 7: ends rolled back" time="\d+\.\d{3}">/);
    expect(xml).toContain('<failure message="expected the run to end rolled back, but it promoted" type="unexpectedOutcome">');

    const kept = writePlan('checkout.release.yaml', readFileSync(join(EXAMPLES, 'canary.release.yaml'), 'utf8'));
    const passing = await cli(...args.map((word) => (word === plan ? kept : word === join(plan, '..', 'switchyard-junit.xml') ? join(kept, '..', 'junit.xml') : word)));
    expect(passing.code).toBe(0);
    expect(readFileSync(join(kept, '..', 'junit.xml'), 'utf8')).toContain('tests="1" failures="0"');
    expect(existsSync(join(kept, '..', 'switchyard-junit.xml'))).toBe(false);
  });

  it('should refuse an unknown format and --junit with --runs, saying what works', async () => {
    const plan = join(EXAMPLES, 'canary.release.yaml');
    expect((await cli('lint', plan, '--format', 'xml')).err).toBe('switchyard lint: --format must be one of text, json, github, sarif, got "xml"');
    expect((await cli('simulate', plan, '--runs', '5', '--junit', 'x.xml')).err).toBe('switchyard simulate: --junit reports one run; with --runs use --json, or --expect OUTCOME --at-least P for the exit code');
  });
});
