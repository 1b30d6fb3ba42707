import * as vscode from 'vscode';
import { COMMANDS } from '../protocol/commands';
import { commandTarget } from './commandTarget';
import { compareCommand } from './compareCommand';
import type { CompareArgs } from './compareCommand';
import type { PlanDiagnostics } from './diagnostics';
import { lintCommand } from './lintCommand';
import { newPlanCommand } from './newPlan';
import type { NewPlanArgs } from './newPlan';
import type { PlanNode } from './planTree';
import { simulateCommand, simulateWithScenarioCommand } from './simulateCommand';
import type { SimulateDeps } from './simulateCommand';
import { simulateManyCommand } from './simulateManyCommand';
import type { SimulateManyArgs } from './simulateManyCommand';

/**
 * The commands that design, lint and simulate plans, which need no Node: registered alike by the
 * desktop extension (extension.ts) and the web one (webExtension.ts).
 */
export function registerDesignCommands(extensionUri: vscode.Uri, deps: SimulateDeps, diagnostics: PlanDiagnostics): vscode.Disposable[] {
  const { cache, output } = deps;
  return [
    vscode.commands.registerCommand(COMMANDS.simulatePlan, (target?: vscode.Uri | PlanNode) => {
      const { uri, scenario } = commandTarget(target);
      return simulateCommand(deps, uri, scenario);
    }),
    vscode.commands.registerCommand(COMMANDS.simulateWithScenario, (target?: vscode.Uri | PlanNode) => simulateWithScenarioCommand(deps, commandTarget(target).uri)),
    vscode.commands.registerCommand(COMMANDS.simulateManySeeds, (target?: vscode.Uri | PlanNode, args?: SimulateManyArgs) => {
      const { uri, scenario } = commandTarget(target);
      return simulateManyCommand(deps, uri, { ...(scenario === undefined ? {} : { scenario }), ...args });
    }),
    vscode.commands.registerCommand(COMMANDS.compareStrategies, (target?: vscode.Uri | PlanNode, args?: CompareArgs) => compareCommand(cache, commandTarget(target).uri, args)),
    vscode.commands.registerCommand(COMMANDS.lintPlan, (target?: vscode.Uri | PlanNode) => lintCommand(cache, diagnostics, output, commandTarget(target).uri)),
    vscode.commands.registerCommand(COMMANDS.newPlan, (args?: NewPlanArgs) => newPlanCommand(extensionUri, args)),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
  ];
}
