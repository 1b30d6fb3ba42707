import { escapeControl, terminalSafe } from '../text/escape';
import { createStyle } from '../text/style';
import type { CliIO } from './io';

interface OutputStream {
  isTTY?: boolean;
  write(text: string): boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface TerminalStreams {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
}

/** Colour only on a terminal that wants it (https://no-color.org, TERM=dumb). */
function colourEnabled(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

/** An output stream that goes quiet once its reader is gone. */
function quietOnClose(stream: OutputStream, onClosed: () => void): (text: string) => void {
  let open = true;
  // A reader that goes away (`| head -2`) makes every later write fail with EPIPE. That must
  // never end the process: a real run in progress has to finish its release and its journal,
  // so the stream is dropped instead of the error being thrown.
  stream.on('error', () => {
    if (!open) return;
    open = false;
    onClosed();
  });
  return (text) => {
    if (open) stream.write(text);
  };
}

/**
 * The CLI's IO on the process's streams: control characters escaped, colours only on a
 * terminal, and a closed pipe ending the output, not the command. `closedNote`, when given, is
 * said once on stderr when stdout closes (a real run says its release goes on).
 */
export function terminalIO(streams: TerminalStreams, closedNote?: string): CliIO {
  const outColour = colourEnabled(streams.stdout, streams.env);
  const errColour = colourEnabled(streams.stderr, streams.env);
  const writeErr = quietOnClose(streams.stderr, () => undefined);
  const writeOut = quietOnClose(streams.stdout, () => {
    if (closedNote !== undefined) writeErr(`${terminalSafe(closedNote, false)}\n`);
  });
  return {
    out: (text) => writeOut(`${terminalSafe(text, outColour)}\n`),
    err: (text) => writeErr(`${terminalSafe(text, errColour)}\n`),
    outStyle: createStyle(outColour),
    errStyle: createStyle(errColour),
    ...(streams.stderr.isTTY ? { progress: (line: string | null) => writeErr(`\r\u001b[2K${escapeControl(line ?? '')}`) } : {}),
  };
}
