import { join } from 'node:path';
import { createStyle } from '../../../src/text/style';
import { runCli } from '../../../src/cli/run';

export const EXAMPLES = join(__dirname, '../../../examples');

/** Runs the CLI in-process with plain styles (Monte Carlo runs in this thread: no dist/worker.js next to src) and returns what a user sees. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const plain = createStyle(false);
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), outStyle: plain, errStyle: plain });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
