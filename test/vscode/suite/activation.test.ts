import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('should activate and expose its API', async () => {
    const api = await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(typeof api.listPlans, 'function');
  });

  it('should register every command it contributes', async () => {
    await activateExtension();
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length >= 5, `expected the contributed commands, got ${contributed.join(', ')}`);
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), []);
  });
});
