/** ANSI styling, or plain text when it is off (pipes, NO_COLOR, the extension's output). */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plainText = (text: string) => text;

export function createStyle(enabled: boolean): Style {
  if (!enabled) return { bold: plainText, dim: plainText, red: plainText, green: plainText, yellow: plainText, cyan: plainText };
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}
