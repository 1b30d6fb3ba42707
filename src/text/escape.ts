/**
 * Text from a plan file (or a file name, or a script's output) is shown, never obeyed: a
 * terminal treats ESC, CR, BEL and the other C0 and C1 controls as commands (move the cursor,
 * retitle the window, clear the screen), and bidirectional overrides reorder what is read.
 * Each one is written out as a JSON-style escape, so `--json` output stays valid JSON.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with every control character escaped, except those in `keep`.
 *
 * @example
 * escapeControl('a\u001b[2Jb\n');        // 'a\\u001b[2Jb\\n'
 * escapeControl('key:\tvalue', '\t');   // 'key:\tvalue'
 */
export function escapeControl(text: string, keep = ''): string {
  return text.replace(UNSAFE, (char) => (keep.includes(char) ? char : (NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)));
}

/** What `style.ts` writes around styled text: the only escape sequences we send. */
const OUR_STYLE = /(\u001b\[(?:1|2|22|31|32|33|36|39)m)/;

/**
 * Output as it may reach a terminal: lines and tabs as they are, our own colours when `styled`
 * (the stream is a terminal), every other control character escaped. The last line of defence,
 * for text that reached the output without passing `escapeControl`.
 *
 * @example
 * terminalSafe('\u001b[31mred\u001b[39m \u001b]0;title\u0007', true); // '\u001b[31mred\u001b[39m \\u001b]0;title\\u0007'
 */
export function terminalSafe(text: string, styled: boolean): string {
  return text
    .split(OUR_STYLE)
    .map((part, i) => (styled && i % 2 === 1 ? part : escapeControl(part, '\n\t')))
    .join('');
}
