import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWords, toleratedWords } from '../../../src/domain/analysis/summary';
import { EMPTY_TALLY, type GateLimits } from '../../../src/domain/analysis/gateTally';
import { simulate } from '../../../src/domain/simulator/simulate';
import { replayOf } from '../../../src/panel/viewModel';
import { renderReport } from '../../../src/report/renderReport';
import { runCli } from '../../../src/cli/run';
import { createStyle } from '../../../src/text/style';
import { examplePlan } from '../protocol/helpers';

// A gate or a Flagger-style loop that carries on after a measurement or a check that did not pass
// must say why on the timeline, in the plan's own terms (failureLimit, consecutiveErrorLimit,
// threshold), or "1 of 1 measurements failed" followed by the next check reads as a bug.

const EXAMPLES = join(__dirname, '../../../examples');
const assets = { script: '', styles: [''] };

function cliTimeline(example: string, scenario: string): string {
  const out: string[] = [];
  const plain = createStyle(false);
  runCli(['simulate', join(EXAMPLES, `${example}.release.yaml`), '--scenario', scenario], { out: (t) => out.push(t), err: () => undefined, outStyle: plain, errStyle: plain });
  return out.join('\n');
}

/** The messages the panel's timeline and the report's timeline show for the same run. */
function panelAndReportMessages(example: string, scenario: string): { panel: string[]; report: string[] } {
  const plan = examplePlan(example);
  const run = simulate(plan, { scenario });
  const panel = replayOf(plan, run).events.map((event) => event.message);
  const html = renderReport(plan, run, assets);
  const json = /<script type="application\/json" id="switchyard-replay">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}';
  const report = (JSON.parse(json) as { events: { message: string }[] }).events.map((event) => event.message);
  return { panel, report };
}

/** The timeline line (without its time) that matches `pattern`, with the line after it. */
function lineAndNext(timeline: string, pattern: RegExp): { line: string; next: string } {
  const lines = timeline.split('\n').map((line) => line.replace(/^\s*\d+(?:ms|h|m|s)(?: \d+[hms])* {2}/, ''));
  const index = lines.findIndex((line) => pattern.test(line));
  return { line: lines[index] ?? '', next: lines[index + 1] ?? '' };
}

describe('why an analysis carries on', () => {
  it('should say a failed check of an A/B test is the first of its threshold, and when the next one comes', () => {
    const cli = cliTimeline('ab-test', 'bad-version');
    const { line, next } = lineAndNext(cli, /1 of 2 failed checks/);
    expect(line).toMatch(/^error-rate: 1 of 1 measurements failed \(last [\d.]+, failure when result >= 0\.05\); 1 of 2 failed checks \(threshold 2\): next check after 1m$/);
    expect(next).toMatch(/^error-rate [\d.]+ ✗$/);
    expect(cli).toMatch(/Outcome: rolled back — error-rate: 1 of 1 measurements failed \(last [\d.]+, failure when result >= 0\.05\); 2 of 2 failed checks \(threshold 2 reached\)/);
    const { panel, report } = panelAndReportMessages('ab-test', 'bad-version');
    expect(panel).toContain(line);
    expect(report).toContain(line);
  });

  it("should say a failed measurement is within the gate's failureLimit, and that the gate failed past it", () => {
    const cli = cliTimeline('canary', 'bad-version');
    const { line, next } = lineAndNext(cli, /failed measurements allowed/);
    expect(line).toMatch(/^error-rate [\d.]+ ✗ · 1 of 1 failed measurements allowed \(failureLimit 1\)$/);
    expect(next).toMatch(/^error-rate [\d.]+ ✗$/);
    expect(cli).toMatch(/error-rate: 2 of 2 measurements failed, more than failureLimit 1 \(last [\d.]+, failure when result >= 0\.05\)/);
    const { panel, report } = panelAndReportMessages('canary', 'bad-version');
    expect(panel).toContain(line);
    expect(report).toContain(line);
  });

  it('should count measurement errors against consecutiveErrorLimit while the metrics are down', () => {
    const cli = cliTimeline('canary', 'metrics-outage');
    expect(cli).toContain('error-rate metrics unavailable (metricsOutage) ! · 4 of 4 measurement errors in a row allowed (consecutiveErrorLimit 4)');
    expect(cli).toContain('error-rate: 5 measurement errors in a row, more than consecutiveErrorLimit 4 (last: metrics unavailable (metricsOutage), failure when result >= 0.05)');
  });

  const limits: GateLimits = { failureLimit: 2, inconclusiveLimit: 1, consecutiveErrorLimit: 4 };
  it.each([
    { name: 'a failed measurement', tally: { ...EMPTY_TALLY, count: 1, failed: 1 }, phase: 'failed' as const, words: '1 of 2 failed measurements allowed (failureLimit 2)' },
    { name: 'an inconclusive measurement', tally: { ...EMPTY_TALLY, count: 1, inconclusive: 1 }, phase: 'inconclusive' as const, words: '1 of 1 inconclusive measurements allowed (inconclusiveLimit 1)' },
    { name: 'a second error in a row', tally: { ...EMPTY_TALLY, errors: 3, consecutiveErrors: 2 }, phase: 'error' as const, words: '2 of 4 measurement errors in a row allowed (consecutiveErrorLimit 4)' },
    { name: 'a successful measurement says nothing', tally: { ...EMPTY_TALLY, count: 1, successful: 1 }, phase: 'successful' as const, words: undefined },
  ])('should word $name against its limit', ({ tally, phase, words }) => {
    expect(toleratedWords(tally, limits, phase)).toBe(words);
  });

  it.each([
    { name: 'the first of threshold 3', check: { failedChecks: 0, threshold: 3, intervalMs: 30_000 }, words: '1 of 3 failed checks (threshold 3): next check after 30s' },
    { name: 'the last of threshold 3', check: { failedChecks: 2, threshold: 3, intervalMs: 30_000 }, words: '3 of 3 failed checks (threshold 3 reached)' },
    { name: 'threshold 1', check: { failedChecks: 0, threshold: 1, intervalMs: 60_000 }, words: '1 of 1 failed check (threshold 1 reached)' },
  ])('should word a failed check: $name', ({ check, words }) => {
    expect(checkWords(check)).toBe(words);
  });
});
