import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStyle } from '../../../src/text/style';
import { runCli } from '../../../src/cli/run';

const CANARY = join(__dirname, '../../../examples/canary.release.yaml');

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const plain = createStyle(false);
  const code = runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), outStyle: plain, errStyle: plain });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('switchyard simulate, as the demo runs it', () => {
  it('should print the timeline of a bad canary and its rollback with figures, exiting 3', () => {
    const { code, out } = cli('simulate', CANARY, '--scenario', 'bad-version');
    expect(code).toBe(3);
    expect(out).toMatch(/step 3\/8 · analysis error-rate/);
    expect(out).toMatch(/rolling back/);
    expect(out).toMatch(/traffic 100% → stable/);
    expect(out).toMatch(/Outcome: rolled back — error-rate: \d of \d measurements failed/);
    for (const figure of ['Duration', 'Errors users saw', 'Lowest capacity', 'Peak instances', 'Time to detect', 'Time to restore']) {
      expect(out).toContain(figure);
    }
  });

  it('should exit 0 when the run ends as --expect says, and 7 when it does not', () => {
    expect(cli('simulate', CANARY, '--scenario', 'bad-version', '--expect', 'rolledBack').code).toBe(0);
    const wrong = cli('simulate', CANARY, '--scenario', 'good-version', '--expect', 'rolledBack');
    expect(wrong.code).toBe(7);
    expect(wrong.err).toContain('expected the run to end rolled back, but it promoted');
  });

  it('should name the scenarios a plan has when asked for one it lacks', () => {
    const { code, err } = cli('simulate', CANARY, '--scenario', 'bad-verison');
    expect(code).toBe(64);
    expect(err).toContain('no scenario "bad-verison"; this plan has "good-version", "bad-version"');
  });

  it('should print JSON a CI job can read', () => {
    const { code, out } = cli('simulate', CANARY, '--scenario', 'good-version', '--json');
    expect(code).toBe(0);
    const run = JSON.parse(out) as { outcome: string; seed: number; events: unknown[] };
    expect(run.outcome).toBe('promoted');
    expect(run.seed).toBe(7);
    expect(run.events.length).toBeGreaterThan(5);
  });

  it('should say what is missing, not crash, for a file that does not exist', () => {
    const { code, err } = cli('simulate', 'nowhere.release.yaml');
    expect(code).toBe(2);
    expect(err).toBe('cannot read nowhere.release.yaml: no such file');
  });

  it('should reject an unknown option with the list of known ones', () => {
    const { code, err } = cli('simulate', CANARY, '--sead', '3');
    expect(code).toBe(64);
    expect(err).toContain('unknown option --sead');
  });
});
