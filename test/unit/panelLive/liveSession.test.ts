import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { LiveSession } from '../../../src/panel/liveSession';
import type { LiveRun } from '../../../src/panel/liveSession';
import type { HostMessage, OperatorVerb } from '../../../src/protocol/messages';
import type { JournalEntry } from '../../../src/runner/journal';
import { readJournal } from '../../../src/runner/journal';

const FIXTURES = join(__dirname, '../../fixtures/journals');
const entries = readJournal(join(FIXTURES, 'canary-bad.journal.jsonl'));
const parsed = parsePlan(readFileSync(join(FIXTURES, 'canary-bad.release.yaml'), 'utf8'), 'canary-bad.release.yaml');
if (!parsed.ok) throw new Error('fixture plan does not parse');
const plan = parsed.plan;

describe('LiveSession', () => {
  const run = (list: readonly JournalEntry[], state: LiveRun['state'] = 'running'): LiveRun => ({ runDir: '/runs/demo', planFile: '/tmp/x/canary-bad.release.yaml', state, waiting: false, entries: list });

  it('posts a view on ready and on each journal change, not on a poll that saw nothing new', () => {
    let current = run(entries.slice(0, 10));
    const posted: HostMessage[] = [];
    const session = new LiveSession({ plan, planUri: null, run: () => current, post: (message) => posted.push(message), log: () => undefined, operate: () => Promise.resolve() });
    session.refresh();
    expect(posted).toHaveLength(0);
    session.handle({ type: 'panel/ready' });
    expect(posted).toHaveLength(1);
    session.refresh();
    expect(posted).toHaveLength(1);
    current = run(entries, 'ended');
    session.refresh();
    expect(posted).toHaveLength(2);
    const last = posted.at(-1);
    expect(last?.type === 'view/snapshot' ? last.view.outcome.outcome : null).toBe('rolledBack');
  });

  it('sends allowed operator verbs to the run, refuses the others, and answers playback with an error', async () => {
    const operated: OperatorVerb[] = [];
    const posted: HostMessage[] = [];
    const session = new LiveSession({ plan, planUri: null, run: () => run(entries.slice(0, 20)), post: (message) => posted.push(message), log: () => undefined, operate: (verb) => (operated.push(verb), Promise.resolve()) });
    session.handle({ type: 'panel/ready' });
    session.handle({ type: 'operator/abort' });
    session.handle({ type: 'operator/retry' });
    session.handle({ type: 'playback/play' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(operated).toEqual(['abort']);
    const errors = posted.flatMap((message) => (message.type === 'view/error' ? [message.message] : []));
    expect(errors).toEqual([expect.stringMatching(/retry does not apply/), expect.stringMatching(/follows a real run/)]);
  });

  it('leaves for a simulation when a scenario is chosen', () => {
    const left: string[] = [];
    const session = new LiveSession({ plan, planUri: null, run: () => run(entries), post: () => undefined, log: () => undefined, operate: () => Promise.resolve(), leave: (name) => left.push(name) });
    session.handle({ type: 'scenario/choose', name: '' });
    expect(left).toEqual(['']);
  });
});
