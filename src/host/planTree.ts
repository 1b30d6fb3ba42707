import * as vscode from 'vscode';
import { outcomeWords, summarizeRun } from '../text/run';
import type { StrategyKind } from '../domain/plan/schema';
import { engine } from '../bundles/loadEngine';
import { PLAN_GLOBS } from './planFiles';
import type { RunResults } from './results';
import { needsFinishing } from '../runner/needsFinishing';
import { describeRecord } from '../runner/runRecord';
import type { RunTracker } from './runs/runTracker';

/** Tree elements are plain data; commands invoked from the tree receive them as their argument. */
export type PlanNode =
  | { kind: 'plan'; uri: vscode.Uri; service: string | undefined; strategy: StrategyKind | undefined; problems: number; scenarios: string[] }
  | { kind: 'scenario'; uri: vscode.Uri; name: string }
  | { kind: 'runs' }
  | { kind: 'run'; uri: vscode.Uri; runDir: string };

const STRATEGY_ICONS: Record<StrategyKind, string> = {
  blueGreen: 'arrow-swap',
  rolling: 'sync',
  canary: 'pulse',
  abTest: 'split-horizontal',
  shadow: 'mirror',
  recreate: 'debug-restart',
};

const RUN_ICONS: Record<string, string> = { running: 'sync~spin', paused: 'debug-pause', interrupted: 'warning', ended: 'history' };

/** The Switchyard view: every plan in the workspace, its strategy and last result, and its scenarios. */
export class PlanTree implements vscode.TreeDataProvider<PlanNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PlanNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly results: RunResults, private readonly runs: RunTracker) {
    for (const glob of PLAN_GLOBS) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      this.subscriptions.push(watcher, watcher.onDidCreate(() => this.refresh()), watcher.onDidDelete(() => this.refresh()), watcher.onDidChange(() => this.refresh()));
    }
    this.subscriptions.push(results.onDidChange(() => this.refresh()), runs.onDidChange(() => this.refresh()), vscode.workspace.onDidSaveTextDocument(() => this.refresh()));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(element?: PlanNode): Promise<PlanNode[]> {
    if (element?.kind === 'plan') {
      return element.scenarios.map((name) => ({ kind: 'scenario', uri: element.uri, name }));
    }
    if (element?.kind === 'runs') return this.runs.list().map((record) => ({ kind: 'run', uri: vscode.Uri.file(record.planFile), runDir: record.runDir }));
    if (element) return [];
    const found = await Promise.all(PLAN_GLOBS.map((glob) => vscode.workspace.findFiles(glob, '**/node_modules/**')));
    const uris = [...new Map(found.flat().map((uri) => [uri.toString(), uri])).values()];
    const nodes = await Promise.all(uris.map((uri) => readPlanNode(uri)));
    const plans: PlanNode[] = nodes.sort((a, b) => a.uri.path.localeCompare(b.uri.path));
    return this.runs.list().length > 0 ? [{ kind: 'runs' }, ...plans] : plans;
  }

  getTreeItem(node: PlanNode): vscode.TreeItem {
    if (node.kind === 'runs' || node.kind === 'run') return this.runItem(node);
    if (node.kind === 'scenario') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('symbol-event');
      item.contextValue = 'scenario';
      item.tooltip = `Simulate scenario ${node.name}`;
      return item;
    }
    const fileName = vscode.workspace.asRelativePath(node.uri);
    const item = new vscode.TreeItem(node.service ?? fileName, node.scenarios.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const last = this.results.last(node.uri);
    const state = node.problems > 0 ? `${node.problems} problem${node.problems === 1 ? '' : 's'}` : last ? outcomeWords(last.outcome) : 'not simulated';
    item.description = `${node.strategy ?? 'no strategy'} · ${state}`;
    item.tooltip = new vscode.MarkdownString(`**${node.service ?? fileName}** (${fileName})\n\n${last ? summarizeRun(last) : 'Not simulated yet.'}`);
    item.iconPath = new vscode.ThemeIcon(node.problems > 0 ? 'warning' : node.strategy ? STRATEGY_ICONS[node.strategy] : 'file');
    item.resourceUri = node.uri;
    item.contextValue = 'plan';
    item.command = { title: 'Open Plan', command: 'vscode.open', arguments: [node.uri] };
    return item;
  }

  private runItem(node: Extract<PlanNode, { kind: 'runs' | 'run' }>): vscode.TreeItem {
    if (node.kind === 'runs') {
      const open = this.runs.list().filter((record) => record.state !== 'ended').length;
      const item = new vscode.TreeItem('Releases', vscode.TreeItemCollapsibleState.Expanded);
      item.description = open > 0 ? `${open} open` : 'recent';
      item.iconPath = new vscode.ThemeIcon('rocket');
      item.contextValue = 'runs';
      return item;
    }
    const record = this.runs.list().find((candidate) => candidate.runDir === node.runDir);
    const item = new vscode.TreeItem(record ? `${record.service} ${record.version}` : node.runDir, vscode.TreeItemCollapsibleState.None);
    if (!record) return item;
    item.description = describeRecord(record);
    item.tooltip = new vscode.MarkdownString(`**${record.service} ${record.version}** (${record.strategy})\n\n${describeRecord(record)}\n\n${record.reason ?? ''}\n\nStarted ${record.startedAt}; journal: \`${record.runDir}/journal.jsonl\``);
    item.iconPath = new vscode.ThemeIcon(RUN_ICONS[record.state] ?? 'circle-outline');
    // A failed run whose rollback did not complete still offers Abort, which finishes it.
    item.contextValue = record.state === 'ended' && needsFinishing(record.entries) ? 'run.unfinished' : `run.${record.state}`;
    item.command = { title: 'Show Journal', command: 'vscode.open', arguments: [vscode.Uri.file(`${record.runDir}/journal.jsonl`)] };
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

async function readPlanNode(uri: vscode.Uri): Promise<Extract<PlanNode, { kind: 'plan' }>> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const { parsePlan, strategyKindOf } = engine();
  const parsed = parsePlan(text, uri.path);
  if (!parsed.ok) {
    const service = /^service:\s*(\S+)/m.exec(text)?.[1];
    return { kind: 'plan', uri, service, strategy: undefined, problems: parsed.diagnostics.filter((d) => d.severity === 'error').length, scenarios: [] };
  }
  return { kind: 'plan', uri, service: parsed.plan.service, strategy: strategyKindOf(parsed.plan), problems: 0, scenarios: Object.keys(parsed.plan.scenarios) };
}
