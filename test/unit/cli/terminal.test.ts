import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandTargetPlan } from '../../integration/support/commandPlans';
import { cli, EXAMPLES } from './helpers';

/** What a terminal would obey: C0 controls other than tab and newline, DEL, C1. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const COMMANDS = ['simulate', 'compare', 'lint', 'schema', 'run', 'promote', 'promote-full', 'pause', 'retry', 'skip-step', 'resume', 'abort', 'status', 'playground'];

let dir: string;
let commandPlan: string;
let calls: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-terminal-'));
  calls = join(dir, 'calls.log');
  commandPlan = join(dir, 'command.release.yaml');
  writeFileSync(commandPlan, commandTargetPlan({ calls }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function planFile(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('switchyard --version and --help', () => {
  it('should print the version of package.json and exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    const { code, out } = await cli('--version');
    expect(out).toBe(version);
    expect(code).toBe(0);
  });

  // `playground -h` is left to test/integration/cliTerminal.test.ts: where -h is not help, it starts servers.
  const asked = COMMANDS.flatMap((command): [string, string][] => [[command, '--help'], ...(command === 'playground' ? [] : [[command, '-h'] as [string, string]])]);
  it.each(asked)('should print the usage of %s for %s and exit 0', async (command, option) => {
    const { code, out, err } = await cli(command, option);
    expect(out).toMatch(new RegExp(`^Usage: switchyard (\\S+\\|)*${command}\\b`));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('should print the usage instead of running a release when run PLAN --yes has --help', async () => {
    const { code, out } = await cli('run', commandPlan, '--yes', '--help');
    expect(out).toMatch(/^Usage: switchyard run PLAN/);
    expect(code).toBe(0);
    expect(existsSync(calls)).toBe(false);
  });

  it("should print a command's usage for switchyard help COMMAND", async () => {
    const { code, out } = await cli('help', 'status');
    expect(out).toMatch(/^Usage: switchyard status PLAN \[--run DIR\] \[--json\]/);
    expect(code).toBe(0);
  });
});

describe('switchyard options', () => {
  it('should name an unknown option and suggest the nearest one', async () => {
    const { code, err } = await cli('simulate', join(EXAMPLES, 'canary.release.yaml'), '--sed', '3');
    expect(err).toBe('switchyard simulate: unknown option --sed; did you mean --seed?');
    expect(code).toBe(64);
  });

  it('should say a single-dash option is not one and suggest its long form', async () => {
    const { code, err } = await cli('run', commandPlan, '-y');
    expect(err).toBe('switchyard run: unknown option -y (options are spelled out, with two dashes); did you mean --yes?');
    expect(code).toBe(64);
  });

  it('should refuse a flag given a value rather than read --dry-run=false as no --dry-run', async () => {
    const { code, err } = await cli('run', commandPlan, '--dry-run=false');
    expect(err).toBe('switchyard run: --dry-run takes no value, got "--dry-run=false"');
    expect(code).toBe(64);
    expect(existsSync(calls)).toBe(false);
  });

  it('should suggest the nearest command for an unknown one', async () => {
    const { code, err } = await cli('simulat', 'plan.release.yaml');
    expect(err.split('\n')[0]).toBe('switchyard: unknown command "simulat"; did you mean "simulate"?');
    expect(code).toBe(64);
  });

  it('should read everything after -- as plan files', async () => {
    const { code, out } = await cli('lint', '--', join(EXAMPLES, 'canary.release.yaml'));
    expect(out).toMatch(/canary\.release\.yaml: ok/);
    expect(code).toBe(0);
  });
});

describe('switchyard run of a plan without targets', () => {
  it('should exit 2 with file:line:column at the top of the plan, saying a real run needs targets', async () => {
    const file = join(dir, 'canary.release.yaml');
    copyFileSync(join(EXAMPLES, 'canary.release.yaml'), file);
    const firstKey = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.startsWith('service:')) + 1;
    const { code, err } = await cli('run', file, '--yes');
    expect(err.split('\n')[0]).toBe(
      `${file}:${firstKey}:1: error: targets: a real run needs targets.router (haproxy, nginx or command) to move traffic and targets.instances (process or command) to start the new version [run.targets]`,
    );
    expect(code).toBe(2);
    expect(existsSync(join(dir, '.switchyard'))).toBe(false);
  });

  it('should point at targets: when the plan has a router but no instances', async () => {
    const file = planFile('router-only.release.yaml', 'service: demo\nstrategy:\n  recreate: {}\ntargets:\n  router:\n    command: { setWeights: ["true"] }\n');
    const { code, err } = await cli('run', file, '--dry-run');
    expect(err.split('\n').slice(0, 3)).toEqual([
      `${file}:4:1: error: targets.instances: a real run needs targets.instances (process or command) to start the new version [run.targets]`,
      '   4 | targets:',
      '       ^^^^^^^',
    ]);
    expect(code).toBe(2);
  });
});

describe('plan text at the terminal', () => {
  it('should escape ESC, BEL and CR of a plan line in the code frame, the caret under the escaped value', async () => {
    const file = planFile('esc.release.yaml', 'service: demo\nreplicas: 2\u001b[2J\u0007\r\nstrategy:\n  recreate: {}\n');
    const { code, out } = await cli('lint', file);
    expect(out).not.toMatch(RAW_CONTROL);
    const [, source, caret] = out.split('\n');
    expect(source).toBe('   2 | replicas: 2\\u001b[2J\\u0007');
    expect(caret).toBe(`${' '.repeat('   2 | replicas: '.length)}${'^'.repeat('2\\u001b[2J\\u0007'.length)}`);
    expect(code).toBe(2);
  });

  it('should keep a tab of the plan line under the caret, so the caret stays under the problem', async () => {
    const file = planFile('tab.release.yaml', 'service: demo\nreplicas: "two"\t# two\nstrategy:\n  recreate: {}\n');
    const { out } = await cli('lint', file);
    const [, source, caret] = out.split('\n');
    expect(source).toBe('   2 | replicas: "two"\t# two');
    expect(caret).toBe(`${' '.repeat('   2 | replicas: '.length)}^^^^^`);
  });

  it('should escape control characters in the names a simulation prints', async () => {
    const file = planFile(
      'names.release.yaml',
      [
        'service: "demo\\e]0;pwned\\a"',
        'replicas: 4',
        'strategy:',
        '  canary:',
        '    steps: [{ setWeight: 25 }, { analysis: { templates: ["err\\e[2Jrate"] } }, { setWeight: 50 }]',
        'analysis:',
        '  - { name: "err\\e[2Jrate", metric: errorRate, interval: 30s, count: 2, failureCondition: "result > 0.05" }',
        'scenarios:',
        '  "bad\\rversion": { seed: 1, candidate: { errorRate: 0.2 } }',
        '',
      ].join('\n'),
    );
    const { code, out } = await cli('simulate', file);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out.split('\n')[0]).toMatch(/^demo\\u001b\]0;pwned\\u0007 · canary · .* scenario bad\\rversion /);
    expect(out).toMatch(/Outcome: rolled back — err\\u001b\[2Jrate: 1 of 1 measurements failed/);
    expect(code).toBe(3);
  });

  const binaries: [string, Buffer][] = [
    ['NUL bytes', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x1b, 0x5b, 0x32, 0x4a])],
    ['invalid UTF-8', Buffer.from('service: caf\xe9\u001b[2J\n', 'latin1')],
  ];
  it.each(binaries.flatMap(([what, bytes]) => ['simulate', 'lint', 'run'].map((command) => [command, what, bytes] as const)))('should refuse %s of a file with %s as not a text file, exit 2', async (command, what, bytes) => {
    const file = planFile(`${what.replace(/\W/g, '-')}.release.yaml`, bytes);
    const { code, out, err } = await cli(command, file, ...(command === 'run' ? ['--yes'] : []));
    expect(err).toBe(`${file}: not a text file`);
    expect(out).toBe('');
    expect(code).toBe(2);
  });
});
