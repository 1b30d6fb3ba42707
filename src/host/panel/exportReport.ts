import * as vscode from 'vscode';
import type { Plan } from '../../domain/plan/schema';
import type { RunResult } from '../../domain/simulator/types';
import { renderReport } from '../../report/renderReport';
import { readReportAssets } from './reportAssets';

/**
 * Writes the shown run as one self-contained HTML report. Without a target it asks where (the save
 * dialog); with one (automation, tests) it writes there and only tells the user. Returns where it
 * wrote, or undefined when the user cancelled.
 */
export async function exportReport(extensionUri: vscode.Uri, plan: Plan, run: RunResult, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${run.service}-${run.scenario}.report.html`;
  const chosen = target ?? (await vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: { 'HTML report': ['html'] },
    saveLabel: 'Export Report',
  }));
  if (!chosen) return undefined;
  const html = renderReport(plan, run, await readReportAssets(extensionUri));
  await vscode.workspace.fs.writeFile(chosen, new TextEncoder().encode(html));
  const message = `Switchyard: report written to ${vscode.workspace.asRelativePath(chosen)}.`;
  // Not awaited when a caller gave the path: a script must not wait on a notification.
  const shown = vscode.window.showInformationMessage(message, 'Open in Browser').then((choice) => (choice ? vscode.env.openExternal(chosen) : false));
  if (!target) await shown;
  return chosen;
}
