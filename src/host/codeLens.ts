import * as vscode from 'vscode';
import { estimateLens } from '../text/estimate';
import { riskLens } from '../text/risk';
import { outcomeWords } from '../text/run';
import { engine } from '../bundles/loadEngine';
import type { LiveRisk } from './liveRisk';
import { isPlanDocument } from './planFiles';
import type { ParseCache } from './parseCache';
import type { RunResults } from './results';
import { COMMANDS } from '../protocol/commands';

/**
 * Above the plan's first key: Simulate, Simulate with Scenario, Open Panel, Compare, Run (for a
 * plan with targets, in a trusted workspace) and the timeline estimate. With problems in the
 * file, one lens says how many instead, and opens the Problems panel.
 */
export class PlanCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly cache: ParseCache, private readonly results: RunResults, private readonly risk: LiveRisk) {
    this.subscriptions = [results.onDidChange(() => this.changed.fire()), risk.onDidChange(() => this.changed.fire())];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    // Any YAML file asks; only plans and release manifests answer.
    if (!isPlanDocument(document)) return [];
    const parsed = this.cache.parse(document);
    const range = new vscode.Range(firstKeyLine(document), 0, firstKeyLine(document), 0);
    if (!parsed.ok) {
      const count = parsed.diagnostics.filter((d) => d.severity === 'error').length;
      return [new vscode.CodeLens(range, { title: `$(error) ${count} problem${count === 1 ? '' : 's'} to fix before simulating`, command: 'workbench.actions.view.problems' })];
    }
    const last = this.results.last(document.uri);
    const estimate = estimateLens(engine().estimateTimelineDetail(parsed.plan));
    const lenses = [
      new vscode.CodeLens(range, { title: '$(play) Simulate', command: COMMANDS.simulatePlan, arguments: [document.uri], tooltip: 'Rehearse this release under virtual time' }),
      new vscode.CodeLens(range, { title: 'Simulate with Scenario...', command: COMMANDS.simulateWithScenario, arguments: [document.uri] }),
      new vscode.CodeLens(range, { title: '$(graph) Open Panel', command: COMMANDS.openReleasePanel, arguments: [document.uri], tooltip: 'Watch the release play out: environments, traffic, gates and the machine' }),
      new vscode.CodeLens(range, { title: '$(diff) Compare...', command: COMMANDS.compareStrategies, arguments: [document.uri], tooltip: 'The same scenarios under other plans or strategies, side by side' }),
    ];
    const targets = parsed.plan.targets;
    if (vscode.workspace.isTrusted && ((targets?.router && targets.instances) || targets?.kubernetes)) {
      lenses.push(new vscode.CodeLens(range, { title: '$(rocket) Run...', command: COMMANDS.runRelease, arguments: [document.uri], tooltip: 'Run this release against its targets (asks first)' }));
    }
    // A lens without a command renders as plain text: the estimate is information, not an action.
    lenses.push(new vscode.CodeLens(range, { title: `$(clock) ${estimate.title}`, tooltip: estimate.tooltip, command: '' }));
    const risk = this.risk.riskFor(document);
    const riskText = risk && riskLens(risk);
    if (riskText) lenses.push(new vscode.CodeLens(range, { title: riskText.title, tooltip: riskText.tooltip, command: COMMANDS.simulateManySeeds, arguments: [document.uri] }));
    if (last) lenses.push(new vscode.CodeLens(range, { title: `last: ${outcomeWords(last.outcome)} (${last.scenario})`, command: COMMANDS.showOutput }));
    return lenses;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** Comments at the top of a plan explain it; the lens belongs on the first line of YAML. */
function firstKeyLine(document: vscode.TextDocument): number {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text.trim();
    if (text !== '' && !text.startsWith('#')) return line;
  }
  return 0;
}
