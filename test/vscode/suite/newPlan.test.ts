import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, resetEditors, switchyardDiagnostics, waitFor } from './helpers';

describe('new release plan', () => {
  before(activateExtension);
  after(resetEditors);

  it('should write a commented starter plan that has no problems', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('switchyard.newPlan', { strategy: 'canary', engine: 'argo-rollouts', service: 'payments' });
    if (!uri) throw new Error('New Release Plan returned no file');
    assert.ok(uri.path.endsWith('/payments.release.yaml'), uri.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(text, /^# payments: a canary release with argo-rollouts semantics/);
    assert.match(text, /^service: payments$/m);
    assert.match(text, /^engine: argo-rollouts$/m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    // Opened and diagnosed: no problems, so the diagnostics stay empty after the first pass.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(switchyardDiagnostics(uri).map((d) => d.message), []);
    await waitFor(async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).length, (n) => n > 0, 'CodeLens on the new plan');
  });
});
