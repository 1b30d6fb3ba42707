import * as vscode from 'vscode';
import { parsePlan } from '../domain/plan/parse';
import { simulate } from '../domain/simulator/simulate';
import { formatHeader, formatSummary, formatTimeline } from '../cli/format/run';
import { createStyle } from '../cli/format/style';

/** Wires the extension; nothing runs until a command is invoked. */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Switchyard', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('switchyard.simulatePlan', (uri?: vscode.Uri) => simulateDocument(uri, output)),
  );
}

export function deactivate(): void {}

async function simulateDocument(uri: vscode.Uri | undefined, output: vscode.LogOutputChannel): Promise<void> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showWarningMessage('Switchyard: open a release plan (*.release.yaml) to simulate it.');
    return;
  }
  const parsed = parsePlan(document.getText(), document.fileName);
  if (!parsed.ok) {
    const first = parsed.diagnostics[0];
    void vscode.window.showErrorMessage(`Switchyard: the plan has ${parsed.diagnostics.length} problem(s)${first ? `; first: line ${first.range.start.line}: ${first.message}` : ''}`);
    return;
  }
  const run = simulate(parsed.plan, {});
  const plain = createStyle(false);
  output.info([formatHeader(run, vscode.workspace.asRelativePath(document.uri), plain), formatTimeline(run.events, plain, false), formatSummary(run, plain)].join('\n\n'));
  output.show(true);
}
