import * as vscode from 'vscode';
import type { Plan } from '../../domain/plan/schema';
import type { RunResult } from '../../domain/simulator/types';
import { loadReportAssets } from '../../report/assets';
import { renderReport } from '../../report/renderReport';

/** Asks where to save, then writes the shown run as one self-contained HTML report. */
export async function exportReport(extensionUri: vscode.Uri, plan: Plan, run: RunResult): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${run.service}-${run.scenario}.report.html`;
  const target = await vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: { 'HTML report': ['html'] },
    saveLabel: 'Export Report',
  });
  if (!target) return;
  const html = renderReport(plan, run, loadReportAssets(extensionUri.fsPath));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
  const choice = await vscode.window.showInformationMessage(`Switchyard: report written to ${vscode.workspace.asRelativePath(target)}.`, 'Open in Browser');
  if (choice) await vscode.env.openExternal(target);
}
