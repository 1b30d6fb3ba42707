import * as vscode from 'vscode';
import { REPORT_MINIFIED_SCRIPT, REPORT_SCRIPT, REPORT_STYLES, withoutSourceMap } from '../../report/assetPaths';
import type { ReportAssets } from '../../report/assets';

/**
 * The built panel a report inlines, read from the extension's folder through VS Code's file
 * system, which serves it in VS Code for the Web too (the CLI reads the same files with node:fs,
 * src/report/assets.ts): the minified bundle while it is not older than dist/webview.js.
 */
export async function readReportAssets(extensionUri: vscode.Uri): Promise<ReportAssets> {
  const at = (path: readonly string[]): vscode.Uri => vscode.Uri.joinPath(extensionUri, ...path);
  const read = async (path: readonly string[]): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(at(path)));
  const script = await vscode.workspace.fs.stat(at(REPORT_SCRIPT));
  const minified = await vscode.workspace.fs.stat(at(REPORT_MINIFIED_SCRIPT)).then((stat) => stat.mtime >= script.mtime, () => false);
  return {
    script: withoutSourceMap(await read(minified ? REPORT_MINIFIED_SCRIPT : REPORT_SCRIPT)),
    styles: await Promise.all(REPORT_STYLES.map(read)),
  };
}
