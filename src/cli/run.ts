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
import { EXIT } from './exitCodes';
import type { CliIO } from './io';

const VALUE_OPTIONS = ['scenario', 'seed', 'expect', 'runs', 'report', 'out', 'workers', 'run', 'dir', 'port', 'as', 'router'];

export const HELP = `switchyard: design, rehearse and run software releases

Usage:
  switchyard simulate PLAN [--scenario S] [--seed N] [--json] [--verbose] [--quiet] [--expect OUTCOME] [--report FILE]
      one seeded run: timeline and figures; --report writes a self-contained HTML replay
  switchyard simulate PLAN --scenario S --runs N [--seed N] [--workers N] [--json]
      Monte Carlo: N runs with seeds N, N+1, ... in worker threads; outcome probabilities,
      detection (bad candidate) or false alarm (good candidate), p5/median/p95 of the figures
  switchyard compare PLAN... --scenario S [--as KIND,...|all] [--runs N] [--seed N] [--json]
      the same scenario across plans, side by side; best figure per row marked with *
  switchyard lint PLAN... [--json]
  switchyard schema
  switchyard run PLAN [--dry-run] [--yes] [--wait]
      run the plan against its targets (HAProxy, nginx, processes, Prometheus); --dry-run prints
      every action in order and touches nothing; Ctrl-C aborts (restores the safe routing);
      --wait stays up through operator pauses and takes the commands below live
  switchyard promote|promote-full|pause|retry|skip-step PLAN [--run DIR]
      an operator command to the live runner of the plan's latest run (journaled)
  switchyard resume PLAN [--promote|--promote-full|--retry|--skip-step] [--run DIR] [--yes] [--wait]
      continue a stopped run from its journal; with a live runner, release its pause
  switchyard abort PLAN [--run DIR]
  switchyard status PLAN [--run DIR] [--json]
  switchyard playground [--dir DIR] [--port BASE] [--router haproxy|nginx]
      a local HAProxy, Prometheus and two versions of a demo service on 127.0.0.1

Exit codes:
  0 promoted (or, with --expect, the run ended as expected)   2 invalid plan
  3 rolled back   4 aborted   5 failed   6 paused   7 not the --expect'ed outcome   64 usage error`;

type Command = (args: ReturnType<typeof parseArgs>, io: CliIO) => number | Promise<number>;
const COMMANDS: Record<string, Command> = { simulate: runSimulate, compare: runCompare, lint: runLint, schema: runSchema };
Object.assign(COMMANDS, { run: runRun, resume: runResume, abort: runAbort, status: runStatusCommand, playground: runPlayground });
for (const verb of ['promote', 'promote-full', 'pause', 'retry', 'skip-step']) COMMANDS[verb] = operatorCommand(verb);

/**
 * Runs one CLI invocation and returns its exit code; never throws for user mistakes. Commands
 * that run worker threads (Monte Carlo) return a promise of it.
 *
 * @example
 * await runCli(['compare', 'a.release.yaml', 'b.release.yaml', '--scenario', 'bad-version'], io); // 0
 */
export function runCli(argv: readonly string[], io: CliIO): number | Promise<number> {
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
  const usage = (error: unknown): number => {
    if (!(error instanceof UsageError)) throw error;
    io.err(`switchyard ${name}: ${error.message}`);
    return EXIT.usage;
  };
  try {
    const code = command(parseArgs(rest, VALUE_OPTIONS), io);
    return typeof code === 'number' ? code : code.catch(usage);
  } catch (error) {
    return usage(error);
  }
}
