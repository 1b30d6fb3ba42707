import * as vscode from 'vscode';
import { engine } from '../bundles/loadEngine';
import { COMMANDS } from '../protocol/commands';
import type { PanelView } from '../protocol/view';
import type { RunResult } from '../domain/simulator/types';
import { PlanCodeLens } from './codeLens';
import { registerDesignCommands } from './designCommands';
import { PlanDiagnostics } from './diagnostics';
import { LiveRisk } from './liveRisk';
import { registerLazyReleasePanel } from './panelLauncher';
import { ParseCache } from './parseCache';
import { PLAN_SELECTOR } from './planFiles';
import { PlanQuickFixes } from './quickFixes';
import { RunResults } from './results';
import { PlanStatusBar } from './statusBar';

/** What the web extension returns from activate: the parts of SwitchyardApi that need no Node. */
export interface SwitchyardWebApi {
  lastRun(plan: vscode.Uri): RunResult | undefined;
  panelView(plan: vscode.Uri): PanelView | undefined;
  activationMs: number;
}

/** Commands that start processes, routers or clusters, or read journals on disk: desktop only. */
const DESKTOP_ONLY = [
  COMMANDS.runRelease,
  COMMANDS.promote,
  COMMANDS.promoteFull,
  COMMANDS.pause,
  COMMANDS.resume,
  COMMANDS.abort,
  COMMANDS.retry,
  COMMANDS.skipStep,
  COMMANDS.setMetricToken,
  COMMANDS.setHookSecret,
  COMMANDS.startPlayground,
  COMMANDS.startKubernetesPlayground,
  COMMANDS.refreshPlans,
];

/**
 * The extension in VS Code for the Web (package.json's `browser`, dist/web/extension.js, run in a
 * web worker): what needs no Node, wired as `activate` in extension.ts wires it. Diagnostics,
 * quick fixes, CodeLens with the risk lens, Simulate, Simulate with Scenario, Simulate Many Seeds,
 * Compare, Lint, New Plan, the release panel and its report. Real releases and playgrounds start
 * processes and read journals on disk: their commands say so instead of failing as unknown.
 */
export function activate(context: vscode.ExtensionContext): SwitchyardWebApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Switchyard', { log: true });
  const cache = new ParseCache();
  const results = new RunResults();
  const deps = { cache, results, output };
  const risk = new LiveRisk(cache);
  const codeLens = new PlanCodeLens(cache, results, risk);
  const diagnostics = new PlanDiagnostics(cache, output);
  context.subscriptions.push(
    output,
    results,
    diagnostics,
    codeLens,
    risk,
    new PlanStatusBar(results),
    vscode.languages.registerCodeLensProvider(PLAN_SELECTOR, codeLens),
    vscode.languages.registerCodeActionsProvider(PLAN_SELECTOR, new PlanQuickFixes(cache), { providedCodeActionKinds: PlanQuickFixes.kinds }),
    ...registerDesignCommands(context.extensionUri, deps, diagnostics),
    ...DESKTOP_ONLY.map((command) =>
      vscode.commands.registerCommand(command, () => {
        void vscode.window.showInformationMessage('Switchyard: real releases and playgrounds need VS Code on the desktop (they start processes and keep journals on disk); here you can design, lint and simulate plans.');
      }),
    ),
    registerLazyReleasePanel(context),
  );
  const activationMs = performance.now() - started;
  output.info(`activated in ${activationMs.toFixed(1)} ms (VS Code for the Web)`);
  return {
    lastRun: (plan) => results.last(plan),
    panelView: (plan) => engine().ReleasePanel.lastViewFor(plan),
    activationMs,
  };
}

export function deactivate(): void {}
