import { EXIT } from './exitCodes';
import { closedOutputNote, runCli } from './run';
import { terminalIO } from './terminal';

const argv = process.argv.slice(2);
const io = terminalIO({ stdout: process.stdout, stderr: process.stderr, env: process.env }, closedOutputNote(argv));

function internalError(error: unknown): void {
  // A bug, not a user mistake: say so plainly; the stack only when asked for.
  io.err(`switchyard: internal error: ${(error as Error).message}\nPlease report it with the plan that caused it.`);
  if (process.env.SWITCHYARD_DEBUG) io.err(String((error as Error).stack));
  process.exitCode = EXIT.internalError;
}

try {
  const code = runCli(argv, io);
  if (typeof code === 'number') process.exitCode = code;
  else code.then((value) => (process.exitCode = value), internalError);
} catch (error) {
  internalError(error);
}
