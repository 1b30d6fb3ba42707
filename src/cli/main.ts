import { styleForStream } from './format/style';
import { EXIT } from './exitCodes';
import type { CliIO } from './io';
import { runCli } from './run';

const io: CliIO = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
  outStyle: styleForStream(process.stdout, process.env),
  errStyle: styleForStream(process.stderr, process.env),
  ...(process.stderr.isTTY ? { progress: (line: string | null) => process.stderr.write(`\r\u001b[2K${line ?? ''}`) } : {}),
};

function internalError(error: unknown): void {
  // A bug, not a user mistake: say so plainly; the stack only when asked for.
  io.err(`switchyard: internal error: ${(error as Error).message}\nPlease report it with the plan that caused it.`);
  if (process.env.SWITCHYARD_DEBUG) io.err(String((error as Error).stack));
  process.exitCode = EXIT.internalError;
}

try {
  const code = runCli(process.argv.slice(2), io);
  if (typeof code === 'number') process.exitCode = code;
  else code.then((value) => (process.exitCode = value), internalError);
} catch (error) {
  internalError(error);
}
