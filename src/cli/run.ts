import { parseArgs, UsageError } from './args';
import { runLint } from './commands/lint';
import { runSchema } from './commands/schema';
import { runSimulate } from './commands/simulate';
import { EXIT } from './exitCodes';
import type { CliIO } from './io';

const VALUE_OPTIONS = ['scenario', 'seed', 'expect', 'runs', 'report', 'out'];

export const HELP = `switchyard: design, rehearse and run software releases

Usage:
  switchyard simulate PLAN [--scenario S] [--seed N] [--json] [--verbose] [--quiet] [--expect OUTCOME]
  switchyard lint PLAN... [--json]
  switchyard schema

Exit codes:
  0 promoted (or, with --expect, the run ended as expected)   2 invalid plan
  3 rolled back   4 aborted   5 failed   6 paused   7 not the --expect'ed outcome   64 usage error`;

type Command = (args: ReturnType<typeof parseArgs>, io: CliIO) => number;
const COMMANDS: Record<string, Command> = { simulate: runSimulate, lint: runLint, schema: runSchema };

/** Runs one CLI invocation and returns its exit code; never throws for user mistakes. */
export function runCli(argv: readonly string[], io: CliIO): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name === undefined ? EXIT.usage : EXIT.promoted;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.err(`switchyard: unknown command "${name}"\n\n${HELP}`);
    return EXIT.usage;
  }
  try {
    return command(parseArgs(rest, VALUE_OPTIONS), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`switchyard ${name}: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}
