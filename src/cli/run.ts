import { parseArgs, UsageError } from './args';
import { runCompare } from './commands/compare';
import { runLint } from './commands/lint';
import { runSchema } from './commands/schema';
import { runSimulate } from './commands/simulate';
import { runAbort } from './commands/abort';
import { runPlayground } from './commands/playground';
import { operatorCommand, runResume } from './commands/resume';
import { runRun } from './commands/run';
import { runStatusCommand } from './commands/status';
import { runTune } from './commands/tune';
import { runExport } from './commands/export';
import { runUndo } from './commands/undo';
// Bundled at build time: the CLI prints the version it was built from, wherever it is installed.
import { version } from '../../package.json';
import { suggest } from '../domain/plan/suggest';
import { EXIT } from './exitCodes';
import { escapeControl } from '../text/escape';
import type { CliIO } from './io';
import { COMMAND_NAMES, commandHelp, HELP, OPERATOR_VERBS } from './usage';

const VALUE_OPTIONS = ['scenario', 'seed', 'expect', 'runs', 'report', 'out', 'workers', 'run', 'dir', 'port', 'as', 'router', 'at-least', 'good', 'min-detection', 'max-false-alarm', 'budget', 'bound', 'format', 'junit', 'to'];

type Command = (args: ReturnType<typeof parseArgs>, io: CliIO) => number | Promise<number>;
const COMMANDS: Record<string, Command> = { simulate: runSimulate, compare: runCompare, tune: runTune, export: runExport, lint: runLint, schema: runSchema };
Object.assign(COMMANDS, { undo: runUndo, run: runRun, resume: runResume, abort: runAbort, status: runStatusCommand, playground: runPlayground });
for (const verb of OPERATOR_VERBS) COMMANDS[verb] = operatorCommand(verb);

/**
 * Runs one CLI invocation and returns its exit code; never throws for user mistakes. Commands
 * that run worker threads (Monte Carlo) return a promise of it.
 *
 * @example
 * await runCli(['compare', 'a.release.yaml', 'b.release.yaml', '--scenario', 'bad-version'], io); // 0
 */
export function runCli(argv: readonly string[], io: CliIO): number | Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(HELP);
    return name === undefined ? EXIT.usage : EXIT.promoted;
  }
  if (name === '--version' || name === '-v' || name === '-V') {
    io.out(version);
    return EXIT.promoted;
  }
  if (name === 'help') return printHelp(rest[0], io);
  const command = COMMANDS[name];
  if (command === undefined) return unknownCommand(name, io);
  // Asked for help, a command does nothing else: `run PLAN --yes --help` must not start a release.
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (options.includes('--help') || options.includes('-h')) return printHelp(name, io);
  const usage = (error: unknown): number => {
    if (!(error instanceof UsageError)) throw error;
    io.err(`switchyard ${name}: ${escapeControl(error.message)}`);
    return EXIT.usage;
  };
  try {
    const code = command(parseArgs(rest, VALUE_OPTIONS), io);
    return typeof code === 'number' ? code : code.catch(usage);
  } catch (error) {
    return usage(error);
  }
}

function printHelp(name: string | undefined, io: CliIO): number {
  if (name === undefined) {
    io.out(HELP);
    return EXIT.promoted;
  }
  const help = commandHelp(name);
  if (help === undefined) return unknownCommand(name, io);
  io.out(help);
  return EXIT.promoted;
}

function unknownCommand(name: string, io: CliIO): number {
  const near = suggest(name, COMMAND_NAMES);
  io.err(`switchyard: unknown command "${escapeControl(name)}"${near ? `; did you mean "${near}"?` : ''}`);
  io.err(`the commands: ${COMMAND_NAMES.join(', ')}; \`switchyard --help\` says what each does`);
  return EXIT.usage;
}

const RELEASE_COMMANDS = new Set(['run', 'undo', 'resume', 'abort', ...OPERATOR_VERBS]);

/**
 * What stderr says when stdout closes under a command that changes live traffic: its output
 * stops, the release does not.
 */
export function closedOutputNote(argv: readonly string[]): string | undefined {
  const [name, ...rest] = argv;
  if (name === undefined || !RELEASE_COMMANDS.has(name) || rest.includes('--dry-run')) return undefined;
  const plan = rest.find((arg) => !arg.startsWith('-')) ?? 'PLAN';
  return `switchyard ${name}: standard output closed; the release goes on, its journal records every step (\`switchyard status ${plan}\` shows it)`;
}
