import * as vscode from 'vscode';
import type { SwitchyardApi } from './api';
import { PlanCodeLens } from './codeLens';
import { LiveRisk } from './liveRisk';
import { COMMANDS, PLANS_VIEW } from '../protocol/commands';
import { commandTarget } from './commandTarget';
import { registerDesignCommands } from './designCommands';
import { PlanDiagnostics } from './diagnostics';
import { engine } from '../bundles/loadEngine';
import { registerLazyReleasePanel } from './panelLauncher';
import { ParseCache } from './parseCache';
import { PLAN_SELECTOR } from './planFiles';
import { PlanTree } from './planTree';
import type { PlanNode } from './planTree';
import { startPlaygroundCommand } from './playgroundCommand';
import { startKubernetesPlaygroundCommand } from './kubernetesPlaygroundCommand';
import { PlanQuickFixes } from './quickFixes';
import { RunResults } from './results';
import { hookSecretCommand } from './runs/hookSecrets';
import type { HookSecretArgs } from './runs/hookSecrets';
import { setMetricTokenCommand } from './runs/metricTokens';
import type { SetTokenArgs } from './runs/metricTokens';
import { operatorCommand } from './runs/operatorCommands';
import { panelRuns } from './runs/panelRuns';
import type { OperatorVerb, RunTarget } from './runs/operatorCommands';
import { runReleaseCommand } from './runs/runCommands';
import type { RunReleaseArgs } from './runs/runCommands';
import { RunStatusBar } from './runs/runStatusBar';
import { RunTracker } from './runs/runTracker';
import { PlanStatusBar } from './statusBar';

const OPERATOR_VERBS: readonly OperatorVerb[] = ['promote', 'promoteFull', 'pause', 'resume', 'abort', 'retry', 'skipStep'];

/** Wires the extension: registrations only; parsing and simulation happen when a plan is opened or a command runs. */
export function activate(context: vscode.ExtensionContext): SwitchyardApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Switchyard', { log: true });
  const cache = new ParseCache();
  const results = new RunResults();
  const deps = { cache, results, output };
  const tracker = new RunTracker(output);
  const runDeps = { cache, output, tracker, secrets: context.secrets, extensionUri: context.extensionUri, logDir: context.logUri, extensionMode: context.extensionMode };
  const tree = new PlanTree(results, tracker);
  const risk = new LiveRisk(cache);
  const codeLens = new PlanCodeLens(cache, results, risk);
  const diagnostics = new PlanDiagnostics(cache, output);
  const runStatusBar = new RunStatusBar(tracker);
  context.subscriptions.push(
    output,
    results,
    tracker,
    diagnostics,
    tree,
    codeLens,
    risk,
    new PlanStatusBar(results),
    runStatusBar,
    vscode.window.registerTreeDataProvider(PLANS_VIEW, tree),
    vscode.languages.registerCodeLensProvider(PLAN_SELECTOR, codeLens),
    vscode.languages.registerCodeActionsProvider(PLAN_SELECTOR, new PlanQuickFixes(cache), { providedCodeActionKinds: PlanQuickFixes.kinds }),
    ...registerDesignCommands(context.extensionUri, deps, diagnostics),
    vscode.commands.registerCommand(COMMANDS.refreshPlans, () => {
      void tracker.refresh();
      tree.refresh();
    }),
    vscode.commands.registerCommand(COMMANDS.runRelease, (target?: vscode.Uri | PlanNode, args?: RunReleaseArgs) => runReleaseCommand(runDeps, commandTarget(target).uri, args)),
    ...OPERATOR_VERBS.map((verb) =>
      vscode.commands.registerCommand(COMMANDS[verb], (target?: vscode.Uri | RunTarget, args?: { confirmed?: boolean }) => operatorCommand(runDeps, verb, target, args)),
    ),
    vscode.commands.registerCommand(COMMANDS.setMetricToken, (args?: SetTokenArgs) => {
      const document = vscode.window.activeTextEditor?.document;
      const parsed = document ? cache.parse(document) : undefined;
      return setMetricTokenCommand(context.secrets, parsed?.ok ? parsed.plan : undefined, args);
    }),
    vscode.commands.registerCommand(COMMANDS.setHookSecret, (args?: HookSecretArgs) => {
      const document = vscode.window.activeTextEditor?.document;
      const parsed = document ? cache.parse(document) : undefined;
      return hookSecretCommand(context.secrets, parsed?.ok ? parsed.plan : undefined, args);
    }),
    vscode.commands.registerCommand(COMMANDS.startPlayground, () => startPlaygroundCommand(context.extensionUri)),
    vscode.commands.registerCommand(COMMANDS.startKubernetesPlayground, () => startKubernetesPlaygroundCommand(context.extensionUri)),
    registerLazyReleasePanel(context, panelRuns(runDeps)),
  );
  const activationMs = performance.now() - started;
  output.info(`activated in ${activationMs.toFixed(1)} ms`);
  return {
    listPlans: async () => (await tree.getChildren()).filter((node) => node.kind === 'plan'),
    lastRun: (plan) => results.last(plan),
    listRuns: async () => {
      await tracker.refresh();
      return tracker.list().map(({ entries: _entries, ...record }) => record);
    },
    runStatusText: () => runStatusBar.text,
    panelView: (plan) => engine().ReleasePanel.lastViewFor(plan),
    activationMs,
  };
}

export function deactivate(): void {}
