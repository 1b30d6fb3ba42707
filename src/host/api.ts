import type * as vscode from 'vscode';
import type { RunResult } from '../domain/simulator/types';
import type { PanelView } from '../protocol/view';
import type { PlanNode } from './planTree';
import type { RunRecord } from '../runner/runRecord';

/**
 * What `activate` returns (`extension.exports`): read-only views of what the extension shows,
 * for other extensions and for the tests in the real VS Code host.
 */
export interface SwitchyardApi {
  /** The plans the Switchyard view lists, in its order. */
  listPlans(): Promise<Extract<PlanNode, { kind: 'plan' }>[]>;
  lastRun(plan: vscode.Uri): RunResult | undefined;
  /** Real runs the view lists (open ones first), re-read from their journals. */
  listRuns(): Promise<Omit<RunRecord, 'entries'>[]>;
  /** The active-run status bar text, when it shows. */
  runStatusText(): string | undefined;
  /**
   * The last view the plan's release panel sent to its webview, if one is open: a simulation at
   * its playback instant, or (session.mode 'live') the real run it follows.
   */
  panelView(plan: vscode.Uri): PanelView | undefined;
  /** How long activate took, in milliseconds. */
  activationMs: number;
}
