import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS } from '../../../src/protocol/commands';
import { activateExtension, EXTENSION_ID } from './helpers';

interface Contributes {
  commands: { command: string; enablement?: string }[];
  menus: Record<string, { command: string; when?: string }[]>;
  walkthroughs: { id: string; steps: { id: string; completionEvents?: string[] }[] }[];
}

function contributes(): Contributes {
  return (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: Contributes }).contributes;
}

const TRAFFIC_COMMANDS = [COMMANDS.runRelease, COMMANDS.promote, COMMANDS.promoteFull, COMMANDS.pause, COMMANDS.resume, COMMANDS.abort, COMMANDS.retry, COMMANDS.skipStep];

describe('contributions', () => {
  before(activateExtension);

  it('should contribute exactly the command ids the extension registers', () => {
    assert.deepEqual(contributes().commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
  });

  it('should keep real-run commands to trusted workspaces, in the palette and in every menu', () => {
    const { commands, menus } = contributes();
    for (const id of TRAFFIC_COMMANDS) {
      assert.match(commands.find((c) => c.command === id)?.enablement ?? '', /isWorkspaceTrusted/, `${id} enablement`);
      const entries = Object.values(menus).flat().filter((entry) => entry.command === id);
      assert.ok(entries.length > 0, `${id} has menu entries`);
      for (const entry of entries) assert.match(entry.when ?? '', /isWorkspaceTrusted/, `${id}: ${entry.when ?? ''}`);
    }
  });

  it('should show operator commands only while a release is open, through context keys the extension sets', () => {
    const palette = contributes().menus.commandPalette ?? [];
    const whenOf = (id: string): string => palette.find((entry) => entry.command === id)?.when ?? '';
    for (const id of [COMMANDS.promote, COMMANDS.promoteFull, COMMANDS.abort, COMMANDS.skipStep]) assert.match(whenOf(id), /switchyard\.runActive \|\| switchyard\.runPaused/, id);
    assert.match(whenOf(COMMANDS.pause), /switchyard\.runActive && !switchyard\.runPaused/);
    for (const id of [COMMANDS.resume, COMMANDS.retry]) assert.match(whenOf(id), /switchyard\.runPaused/, id);
    const known = new Set<string>(Object.values(CONTEXT_KEYS));
    const used = Object.values(contributes().menus).flat().flatMap((entry) => entry.when?.match(/switchyard\.[a-zA-Z]+/g) ?? []);
    assert.deepEqual(used.filter((key) => !known.has(key) && key !== 'switchyard.plans'), []);
  });

  it('should offer a Get Started walkthrough that creates, simulates and opens a plan, then runs one for real in the playground', () => {
    const walkthrough = contributes().walkthroughs.find((w) => w.id === 'getStarted');
    assert.deepEqual(walkthrough?.steps.map((step) => step.completionEvents?.[0]), [
      `onCommand:${COMMANDS.newPlan}`,
      `onCommand:${COMMANDS.simulatePlan}`,
      `onCommand:${COMMANDS.openReleasePanel}`,
      `onCommand:${COMMANDS.startPlayground}`,
    ]);
  });
});
