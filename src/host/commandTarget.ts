import * as vscode from 'vscode';
import type { PlanNode } from './planTree';

/**
 * The plan (and scenario) a command acts on: a Uri from CodeLens, editor title and explorer
 * menus, a node from the Switchyard view.
 */
export function commandTarget(target: vscode.Uri | PlanNode | undefined): { uri: vscode.Uri | undefined; scenario: string | undefined } {
  if (target instanceof vscode.Uri) return { uri: target, scenario: undefined };
  if (target?.kind === 'scenario') return { uri: target.uri, scenario: target.name };
  return { uri: target && 'uri' in target ? target.uri : undefined, scenario: undefined };
}
