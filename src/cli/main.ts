import { styleForStream } from './format/style';
import { EXIT } from './exitCodes';
import { runCli } from './run';

const io = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
  outStyle: styleForStream(process.stdout, process.env),
  errStyle: styleForStream(process.stderr, process.env),
};

try {
  process.exitCode = runCli(process.argv.slice(2), io);
} catch (error) {
  // A bug, not a user mistake: say so plainly; the stack only when asked for.
  io.err(`switchyard: internal error: ${(error as Error).message}\nPlease report it with the plan that caused it.`);
  if (process.env.SWITCHYARD_DEBUG) io.err(String((error as Error).stack));
  process.exitCode = EXIT.internalError;
}
