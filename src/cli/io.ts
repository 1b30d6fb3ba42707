import type { Style } from './format/style';

/** Where a command writes; tests pass their own to read what a user would see. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  outStyle: Style;
  errStyle: Style;
}
