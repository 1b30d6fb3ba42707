import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('should activate and expose its API', async () => {
    const api = await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(typeof api.listPlans, 'function');
    // The figure the issue asks for (at most 50 ms); printed, not asserted: timings vary by machine.
    console.log(`      (activation: ${api.activationMs.toFixed(1)} ms in activate; goal 50 ms)`);
  });

  it('should register every command it contributes', async () => {
    await activateExtension();
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length >= 5, `expected the contributed commands, got ${contributed.join(', ')}`);
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), []);
  });
});
