import type { Style } from '../text/style';

/** Where a command writes; tests pass their own to read what a user would see. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  outStyle: Style;
  errStyle: Style;
  /**
   * Redraws a one-line status (a progress bar) in place; `null` clears it. Only present when
   * stderr is a terminal, so pipes and CI logs never see it.
   */
  progress?: (line: string | null) => void;
}
