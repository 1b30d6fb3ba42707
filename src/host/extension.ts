import * as vscode from 'vscode';
import type { SwitchyardApi } from './api';
import { PlanCodeLens } from './codeLens';
import { COMMANDS, PLANS_VIEW } from './commandIds';
import { PlanDiagnostics } from './diagnostics';
import { newPlanCommand } from './newPlan';
import type { NewPlanArgs } from './newPlan';
import { ParseCache } from './parseCache';
import { PLAN_SELECTOR } from './planFiles';
import { PlanTree } from './planTree';
import type { PlanNode } from './planTree';
import { PlanQuickFixes } from './quickFixes';
import { RunResults } from './results';
import { simulateCommand, simulateWithScenarioCommand } from './simulateCommand';
import { PlanStatusBar } from './statusBar';
import { registerReleasePanel } from './panel/releasePanel';

/** Wires the extension: registrations only; parsing and simulation happen when a plan is opened or a command runs. */
export function activate(context: vscode.ExtensionContext): SwitchyardApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Switchyard', { log: true });
  const cache = new ParseCache();
  const results = new RunResults();
  const deps = { cache, results, output };
  const tree = new PlanTree(results);
  const codeLens = new PlanCodeLens(cache, results);
  context.subscriptions.push(
    output,
    results,
    new PlanDiagnostics(cache, output),
    tree,
    codeLens,
    new PlanStatusBar(results),
    vscode.window.registerTreeDataProvider(PLANS_VIEW, tree),
    vscode.languages.registerCodeLensProvider(PLAN_SELECTOR, codeLens),
    vscode.languages.registerCodeActionsProvider(PLAN_SELECTOR, new PlanQuickFixes(cache), { providedCodeActionKinds: PlanQuickFixes.kinds }),
    vscode.commands.registerCommand(COMMANDS.simulatePlan, (target?: vscode.Uri | PlanNode) => {
      const { uri, scenario } = commandTarget(target);
      return simulateCommand(deps, uri, scenario);
    }),
    vscode.commands.registerCommand(COMMANDS.simulateWithScenario, (target?: vscode.Uri | PlanNode) => simulateWithScenarioCommand(deps, commandTarget(target).uri)),
    vscode.commands.registerCommand(COMMANDS.newPlan, (args?: NewPlanArgs) => newPlanCommand(context.extensionUri, args)),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.refreshPlans, () => tree.refresh()),
    registerReleasePanel(context),
  );
  output.debug(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  return {
    listPlans: async () => (await tree.getChildren()).filter((node) => node.kind === 'plan'),
    lastRun: (plan) => results.last(plan),
  };
}

export function deactivate(): void {}

/** Commands get a Uri from CodeLens, editor title and explorer menus, and a tree node from the Switchyard view. */
function commandTarget(target: vscode.Uri | PlanNode | undefined): { uri: vscode.Uri | undefined; scenario: string | undefined } {
  if (target instanceof vscode.Uri) return { uri: target, scenario: undefined };
  if (target?.kind === 'scenario') return { uri: target.uri, scenario: target.name };
  return { uri: target?.uri, scenario: undefined };
}
