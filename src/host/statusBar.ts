import * as vscode from 'vscode';
import { outcomeWords, summarizeRun } from '../text/run';
import { COMMANDS } from '../protocol/commands';
import { isPlanDocument } from './planFiles';
import type { RunResults } from './results';

/**
 * While a plan is the active editor: its last simulation, or an offer to simulate it. Real runs
 * will take this item over when they exist (strategy, step, weight).
 */
export class PlanStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('switchyard.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly results: RunResults) {
    this.item.name = 'Switchyard';
    this.subscriptions = [vscode.window.onDidChangeActiveTextEditor(() => this.update()), results.onDidChange(() => this.update())];
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isPlanDocument(document)) {
      this.item.hide();
      return;
    }
    const last = this.results.last(document.uri);
    if (last) {
      this.item.text = `$(debug-alt) ${last.strategy}: ${outcomeWords(last.outcome)}`;
      this.item.tooltip = `${summarizeRun(last)}\nClick for the journal.`;
      this.item.command = COMMANDS.showOutput;
    } else {
      this.item.text = '$(debug-alt) Simulate';
      this.item.tooltip = 'Switchyard: simulate this release plan';
      this.item.command = { title: 'Simulate Plan', command: COMMANDS.simulatePlan, arguments: [document.uri] };
    }
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
