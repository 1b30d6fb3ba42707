import type * as vscode from 'vscode';
import type { RunResult } from '../domain/simulator/types';
import type { PlanNode } from './planTree';

/**
 * What `activate` returns (`extension.exports`): read-only views of what the extension shows,
 * for other extensions and for the tests in the real VS Code host.
 */
export interface SwitchyardApi {
  /** The plans the Switchyard view lists, in its order. */
  listPlans(): Promise<Extract<PlanNode, { kind: 'plan' }>[]>;
  lastRun(plan: vscode.Uri): RunResult | undefined;
}
