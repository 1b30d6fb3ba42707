import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './support/cli';
import { commandTargetPlan } from './support/commandPlans';

const EXAMPLES = join(__dirname, '../../examples');
/** What a terminal would obey: C0 controls other than tab and newline, DEL, C1. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-pipes-'));
  env = { ...process.env, NO_COLOR: '1', SWITCHYARD_STATE_DIR: join(dir, 'runs'), SWITCHYARD_LOCK_DIR: join(dir, 'locks') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** What was read before the pipes were closed. */
  read: string;
  /** stderr, when it was left open. */
  stderr: string;
}

/**
 * The CLI with its output into pipes this test closes once it has read `lines` lines of stdout,
 * as `| head -N` does; with `closeStderr`, stderr goes too, as `2>&1 | head -N` would.
 */
function closedEarly(args: string[], lines: number, closeStderr = false, cwd = dir): Promise<Ended> {
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let read = '';
  let stderr = '';
  const close = (): void => {
    child.stdout.destroy();
    if (closeStderr) child.stderr.destroy();
  };
  child.stdout.on('data', (chunk: Buffer) => {
    read += chunk.toString();
    if (read.split('\n').length > lines) close();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (lines === 0) close();
  const timeout = setTimeout(() => child.kill('SIGINT'), 30_000);
  return new Promise((done) =>
    child.once('exit', (code, signal) => {
      clearTimeout(timeout);
      done({ code, signal, read, stderr });
    }),
  );
}

/** The journal entries of the one run under `runs/` whose folder starts with `service`. */
function journalOf(service: string): { type: string; outcome?: string }[] {
  const runs = readdirSync(join(dir, 'runs')).filter((name) => name.startsWith(`${service}-`));
  expect(runs).toHaveLength(1);
  return readFileSync(join(dir, 'runs', runs[0] ?? '', 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; outcome?: string });
}

function writeCommandPlan(service: string): { file: string; calls: string } {
  const file = join(dir, `${service}.release.yaml`);
  const calls = join(dir, `${service}.calls`);
  writeFileSync(file, commandTargetPlan({ calls, service }));
  return { file, calls };
}

describe('switchyard run with its output closed early', () => {
  it('should finish the release and its journal when stdout closes (run PLAN --yes | head -2)', async () => {
    const { file, calls } = writeCommandPlan('stdout-closed');
    const ended = await closedEarly(['run', file, '--yes'], 2);
    expect(ended.read.split('\n').length).toBeGreaterThan(2);
    expect(ended.stderr).toBe(`switchyard run: standard output closed; the release goes on, its journal records every step (\`switchyard status ${file}\` shows it)\n`);
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(journalOf('stdout-closed').at(-1)).toMatchObject({ kind: 'outcome', data: { outcome: 'promoted' } });
    expect(readFileSync(calls, 'utf8').trim().split('\n').slice(-2)).toEqual(['weights 0/100', 'scale stable 0']);
  });

  it('should finish the release when stdout and stderr both close (run PLAN --yes 2>&1 | head -2)', async () => {
    const { file } = writeCommandPlan('both-closed');
    const ended = await closedEarly(['run', file, '--yes'], 2, true);
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(journalOf('both-closed').at(-1)).toMatchObject({ kind: 'outcome', data: { outcome: 'promoted' } });
  });
});

describe('switchyard with a closed output pipe', () => {
  const CANARY = join(EXAMPLES, 'canary.release.yaml');
  // Closed before the CLI writes anything (`| true`), so every write of theirs meets a closed pipe.
  it.each([
    { name: 'simulate', args: ['simulate', CANARY, '--scenario', 'bad-version'], code: 3 },
    { name: 'simulate --runs', args: ['simulate', CANARY, '--scenario', 'bad-version', '--runs', '20'], code: 0 },
    { name: 'lint', args: ['lint', CANARY], code: 0 },
    { name: 'schema', args: ['schema'], code: 0 },
    { name: '--help', args: ['--help'], code: 0 },
  ])('should end $name quietly with its own exit code ($code) when nothing reads its output', async ({ args, code }) => {
    const ended = await closedEarly(args, 0);
    expect(ended.stderr).toBe('');
    expect(ended).toMatchObject({ code, signal: null });
  });
});

describe('switchyard output at the terminal', () => {
  it('should escape control characters of an argument echoed in an error', async () => {
    const ended = await closedEarly(['simulate', join(EXAMPLES, 'canary.release.yaml'), '--scenario', 'bad\u001b]0;pwned\u0007\rversion'], Infinity);
    expect(ended.stderr).not.toMatch(RAW_CONTROL);
    expect(ended.stderr).toMatch(/no scenario "bad\\u001b\]0;pwned\\u0007\\rversion"/);
    expect(ended.code).toBe(64);
  });

  it('should print the usage of playground for -h and start nothing', async () => {
    const cwd = mkdtempSync(join(dir, 'playground-'));
    const ended = await closedEarly(['playground', '-h'], Infinity, false, cwd);
    expect(ended.read).toMatch(/^Usage: switchyard playground /);
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(readdirSync(cwd)).toEqual([]);
  });
});
