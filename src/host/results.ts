import * as vscode from 'vscode';
import type { RunResult } from '../domain/simulator/types';

/** The last simulation of each plan file, so the tree, status bar and CodeLens can show it. */
export class RunResults implements vscode.Disposable {
  private readonly byPlan = new Map<string, RunResult>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  record(plan: vscode.Uri, run: RunResult): void {
    this.byPlan.set(plan.toString(), run);
    this.changed.fire(plan);
  }

  last(plan: vscode.Uri): RunResult | undefined {
    return this.byPlan.get(plan.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}
