import * as vscode from 'vscode';
import { COMMANDS } from '../protocol/commands';
import { engine } from '../bundles/loadEngine';
import type { PanelRuns } from '../panel/liveSession';
import { isPlanDocument } from './planFiles';

/** The panel's view type and export command (src/host/panel/releasePanel.ts), spelled here so importing them does not load the panel. */
const RELEASE_PANEL_VIEW_TYPE = 'switchyard.releasePanel';
const EXPORT_RELEASE_REPORT_COMMAND = 'switchyard.exportReleaseReport';

type PanelTarget = vscode.Uri | { uri?: vscode.Uri; kind?: string; name?: string; runDir?: string } | undefined;

/**
 * Open Release Panel, Export Release Report and the serializer that restores panels after a
 * reload, registered in activate as `registerReleasePanel` does (keep the two in step), but the panel module (and the simulator behind it) is
 * only loaded when a panel opens or is restored, which keeps it out of extension.js.
 */
export function registerLazyReleasePanel(context: vscode.ExtensionContext, runs?: PanelRuns): vscode.Disposable {
  /** The panel module, told where the real runs are (it follows them live). */
  const panelModule = (): ReturnType<typeof engine>['ReleasePanel'] => {
    const { ReleasePanel } = engine();
    if (runs) ReleasePanel.connectRuns(runs);
    return ReleasePanel;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.openReleasePanel, async (target?: PanelTarget, scenario?: string) => {
      const { uri, name } = panelTarget(target, scenario);
      if (!uri) {
        void vscode.window.showWarningMessage('Switchyard: open a release plan (*.release.yaml) to show its release panel.');
        return;
      }
      // A run from the Releases tree is followed live; so is the plan's open run.
      const runDir = target && !(target instanceof vscode.Uri) && target.kind === 'run' ? target.runDir : undefined;
      await panelModule().createOrShow(context, uri, name, runDir);
    }),
    // Not in the palette: for scripts and tests that export without the save dialog.
    vscode.commands.registerCommand(EXPORT_RELEASE_REPORT_COMMAND, (planUri: vscode.Uri, target?: vscode.Uri | string) =>
      engine().ReleasePanel.exportFor(context, planUri, typeof target === 'string' ? vscode.Uri.file(target) : target),
    ),
    vscode.window.registerWebviewPanelSerializer(RELEASE_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => panelModule().revive(panel, context, state),
    }),
  );
}

/** CodeLens and menus pass a Uri (and maybe a scenario); the plans tree passes its node. */
function panelTarget(target: PanelTarget, scenario: string | undefined): { uri: vscode.Uri | undefined; name: string | undefined } {
  if (target instanceof vscode.Uri) return { uri: target, name: scenario };
  if (target?.uri) return { uri: target.uri, name: target.kind === 'scenario' ? target.name : scenario };
  const document = vscode.window.activeTextEditor?.document;
  return { uri: document && isPlanDocument(document) ? document.uri : undefined, name: scenario };
}
