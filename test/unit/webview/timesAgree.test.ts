// @vitest-environment happy-dom
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run';
import { simulate } from '../../../src/domain/simulator/simulate';
import type { Replay } from '../../../src/protocol/replay';
import { formatRunTime } from '../../../src/protocol/runTime';
import { viewAt } from '../../../src/protocol/viewAt';
import { renderReport } from '../../../src/report/renderReport';
import { createStyle } from '../../../src/text/style';
import { createEvents } from '../../../webview/views/events';
import { createOutcome } from '../../../webview/views/outcome';
import { examplePlan } from '../protocol/helpers';
import { mount, recorder, texts } from './fixtures';

// The CLI and the standalone report of the same simulation print the same time for the same
// event and figure, to the second: a rollback at 4m 46.965s reads 4m 47s in both, never 4:46 in
// the terminal and 4m 47s in the report.

const EXAMPLES = join(__dirname, '../../../examples');

function cliOutput(example: string, scenario: string): string {
  const out: string[] = [];
  const plain = createStyle(false);
  runCli(['simulate', join(EXAMPLES, `${example}.release.yaml`), '--scenario', scenario], { out: (t) => out.push(t), err: () => undefined, outStyle: plain, errStyle: plain });
  return out.join('\n');
}

/** The report's event list and figures at its end, as its page draws them. */
function reportAsDrawn(example: string, scenario: string): { events: { time: string; message: string }[]; figures: Map<string, string> } {
  const plan = examplePlan(example);
  const html = renderReport(plan, simulate(plan, { scenario }), { script: '', styles: [''] });
  const replay = JSON.parse(/<script type="application\/json" id="switchyard-replay">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as Replay;
  const view = viewAt(replay, replay.endMs, { playing: false, speed: 60 });
  const root = mount();
  createEvents(root, recorder(), { text: '', level: 'info' }, () => undefined).update(view);
  createOutcome(root).update(view);
  const times = texts(root, '.event-time');
  const events = texts(root, '.event-message').map((message, index) => ({ time: times[index] ?? '', message }));
  const figures = new Map([...root.querySelectorAll('.figure')].map((row) => [row.querySelector('dt')?.textContent ?? '', row.querySelector('dd')?.textContent ?? '']));
  return { events, figures };
}

/** The CLI timeline as (time, message) pairs. */
function cliTimeline(out: string): { time: string; message: string }[] {
  return out.split('\n').flatMap((line) => {
    const match = /^\s+(\d+(?:ms|h|m|s)(?: \d+[hms])*) {2}(.+)$/.exec(line);
    return match?.[1] && match[2] ? [{ time: match[1], message: match[2] }] : [];
  });
}

describe('times in the CLI and the report of one simulation', () => {
  const cases = [
    { example: 'canary', scenario: 'metrics-outage' },
    { example: 'rolling', scenario: 'bad-version' },
    { example: 'ab-test', scenario: 'bad-version' },
  ];

  it.each(cases)('should agree to the second for every event both show and every figure: $example $scenario', ({ example, scenario }) => {
    const out = cliOutput(example, scenario);
    const report = reportAsDrawn(example, scenario);
    const cli = cliTimeline(out);
    let compared = 0;
    const unmatched = [...report.events];
    for (const line of cli) {
      const index = unmatched.findIndex((event) => event.message === line.message);
      if (index < 0) continue;
      expect(unmatched[index]?.time, line.message).toBe(line.time);
      unmatched.splice(index, 1);
      compared += 1;
    }
    // Gates, traffic, the outcome: most of what the terminal shows is in the report's journal too.
    expect(compared).toBeGreaterThan(5);
    for (const label of ['Duration', 'Time to detect', 'Time to restore']) {
      const printed = new RegExp(`^  ${label} +(.+)$`, 'm').exec(out)?.[1];
      expect(report.figures.get(label), label).toBe(printed);
    }
  });

  it('should be a run whose times fall past the half second, where truncating and rounding differ', () => {
    const halves = cases.flatMap(({ example, scenario }) => simulate(examplePlan(example), { scenario }).events.filter((event) => event.kind !== 'machine.state' && event.t % 1000 >= 500));
    expect(halves.length).toBeGreaterThan(0);
  });

  it.each([
    { ms: 286_965, text: '4m 47s' },
    { ms: 286_499, text: '4m 46s' },
    { ms: 60_000, text: '1m' },
    { ms: 3_630_000, text: '1h 30s' },
    { ms: 500, text: '500ms' },
    { ms: 999.6, text: '1s' },
    { ms: 0, text: '0s' },
  ])('should write $ms ms as $text', ({ ms, text }) => {
    expect(formatRunTime(ms)).toBe(text);
  });
});
