import * as vscode from 'vscode';
import { COMMANDS } from '../../protocol/commands';
import { describeRecord, waitsForOperator } from '../../runner/runRecord';
import type { RunTracker } from './runTracker';

/** While a release runs or waits: strategy, step ("2/4 analysis error-rate") and weight; a click opens its plan's release panel. */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('switchyard.run', vscode.StatusBarAlignment.Left, 51);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly tracker: RunTracker) {
    this.item.name = 'Switchyard Release';
    this.subscription = tracker.onDidChange(() => this.update());
    this.update();
  }

  /** The text shown, for tests; undefined when hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private visible = false;

  private update(): void {
    const run = this.tracker.list().find((record) => record.state === 'running') ?? this.tracker.list().find((record) => record.state === 'paused');
    this.visible = run !== undefined;
    if (!run) {
      this.item.hide();
      return;
    }
    const waiting = waitsForOperator(run);
    const step = run.step ? ` · ${run.step.index}/${run.step.count} ${run.step.label}`.trimEnd() : '';
    this.item.text = `${waiting ? '$(debug-pause)' : '$(sync~spin)'} ${run.service} · ${run.strategy}${step} · ${run.candidateWeight}%`;
    this.item.tooltip = `${run.service} ${run.version}: ${describeRecord(run)}${run.reason ? `\n${run.reason}` : ''}\nClick to open the release panel.`;
    this.item.backgroundColor = waiting ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { title: 'Open Release Panel', command: COMMANDS.openReleasePanel, arguments: [vscode.Uri.file(run.planFile)] };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
