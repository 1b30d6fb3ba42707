import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, resetEditors, waitFor, workspaceUri } from './helpers';

function releasePanelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('switchyard.releasePanel'));
}

describe('release panel', () => {
  before(activateExtension);
  after(resetEditors);

  it('should open the panel for a plan from the command, titled after its service', async () => {
    await vscode.commands.executeCommand('switchyard.openReleasePanel', workspaceUri('checkout.release.yaml'), 'bad-version');
    // Tabs reach the extension host from the workbench a moment after the panel is created.
    await waitFor(() => releasePanelTabs().length, (count) => count > 0, 'a release panel tab', 3000);
    assert.equal(releasePanelTabs().length, 1, 'one release panel tab');
    // The title follows the plan once it is read; tab labels reach the extension host a moment later.
    const deadline = Date.now() + 3000;
    while (!/checkout/.test(releasePanelTabs()[0]?.label ?? '') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(releasePanelTabs()[0]?.label ?? '', /Release: checkout/);
  });

  it('should reuse the open panel instead of opening a second one', async () => {
    await vscode.commands.executeCommand('switchyard.openReleasePanel', workspaceUri('checkout.release.yaml'));
    // A second tab, were one opened, would show up within this time.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(releasePanelTabs().length, 1);
  });

  it('should offer Open Panel above the plan', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceUri('checkout.release.yaml'));
    assert.ok(lenses.some((lens) => lens.command?.command === 'switchyard.openReleasePanel'));
  });

  it('should open the panel for an Argo Rollout in a plain YAML file, rehearsed as it is', async () => {
    const api = await activateExtension();
    const uri = workspaceUri('rollout.yaml');
    await vscode.commands.executeCommand('switchyard.openReleasePanel', uri, 'bad-version');
    const view = await waitFor(() => api.panelView(uri), (found) => found !== undefined, 'the panel view of rollout.yaml', 5000);
    assert.equal(view?.session.engine, 'argo-rollouts');
    assert.equal(view?.session.scenario, 'bad-version');
  });
});
