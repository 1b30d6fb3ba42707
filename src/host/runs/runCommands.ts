import * as vscode from 'vscode';
import type { Plan } from '../../domain/plan/schema';
import type { ParseCache } from '../parseCache';
import { planDocument, validPlan } from '../simulateCommand';
import { describeTargets } from '../../text/describeTargets';
import { hookSecretEnv } from './hookSecrets';
import { metricTokenEnv } from './metricTokens';
import { describeRecord } from '../../runner/runRecord';
import type { RunRecord } from '../../runner/runRecord';
import { startRunner } from '../../runner/runnerProcess';
import type { RunTracker } from './runTracker';

export interface RunDeps {
  cache: ParseCache;
  output: vscode.LogOutputChannel;
  tracker: RunTracker;
  secrets: vscode.SecretStorage;
  extensionUri: vscode.Uri;
  logDir: vscode.Uri;
  /** Test mode lets the suite skip the questions; a user always gets them. */
  extensionMode: vscode.ExtensionMode;
}

export type RunCommandResult =
  | { status: 'refused'; reason: string }
  | { status: 'cancelled' }
  | { status: 'finished'; exitCode: number | null; run: RunRecord | undefined };

/** For the walkthrough and the tests: skip the QuickPick; `confirmed` is honoured in test mode only. */
export interface RunReleaseArgs {
  mode?: 'run' | 'dryRun';
  confirmed?: boolean;
}

const refuse = (reason: string): RunCommandResult => {
  void vscode.window.showErrorMessage(`Switchyard: ${reason}`);
  return { status: 'refused', reason };
};

export function cliPath(extensionUri: vscode.Uri): string {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
}

/**
 * Run Release...: a real run (or a dry run) of the plan against its targets. Needs a trusted
 * workspace, a plan with targets, and the user's explicit yes to a modal naming the service, the
 * version and every target. The runner is a separate process (see src/runner/runnerProcess.ts).
 */
export async function runReleaseCommand(deps: RunDeps, uri: vscode.Uri | undefined, args: RunReleaseArgs = {}): Promise<RunCommandResult> {
  // The when-clause hides the command in untrusted workspaces; this holds for CodeLens, keybindings and other extensions too.
  if (!vscode.workspace.isTrusted) return refuse('real releases need a trusted workspace. Simulation stays available; trust the workspace to run releases.');
  const document = await planDocument(uri);
  if (!document) return refuse('open a release plan (*.release.yaml) to run it.');
  const plan = validPlan(document, deps.cache);
  if (!plan) return { status: 'refused', reason: 'the plan has problems' };
  if (!plan.targets?.kubernetes && (!plan.targets?.router || !plan.targets.instances)) return refuse(`${plan.service} has no targets to act on: add targets.router and targets.instances, or targets.kubernetes, to run it for real (simulation needs neither).`);
  const planFile = document.uri.fsPath;
  if (deps.tracker.isDriving(planFile) || deps.tracker.latestFor(planFile)?.state === 'running') return refuse(`${plan.service} is being released already: use Promote, Pause or Abort on that run.`);
  const testMode = deps.extensionMode === vscode.ExtensionMode.Test;
  const mode = args.mode ?? (await pickMode(plan));
  if (!mode) return { status: 'cancelled' };
  const targets = describeTargets(plan);
  if (mode === 'run' && !(testMode && args.confirmed) && !(await confirmRelease(plan, targets))) return { status: 'cancelled' };
  if (document.isDirty) await document.save();

  const version = plan.version ?? 'new version';
  deps.output.info(`${mode === 'dryRun' ? 'Dry run' : 'Run Release'}: ${plan.service} ${version} · router: ${targets.router} · instances: ${targets.instances} · analysis: ${targets.analysis}`);
  if (mode === 'dryRun') deps.output.show(true);
  const runner = startRunner({
    cliPath: cliPath(deps.extensionUri),
    args: mode === 'dryRun' ? ['run', planFile, '--dry-run'] : ['run', planFile, '--yes', '--wait'],
    cwd: vscode.Uri.joinPath(document.uri, '..').fsPath,
    logDir: deps.logDir.fsPath,
    env: mode === 'dryRun' ? {} : await runnerEnv(deps, plan),
  });
  const exitCode = await deps.tracker.follow(runner, planFile, mode === 'dryRun');
  const run = mode === 'dryRun' ? undefined : deps.tracker.latestFor(planFile);
  const summary = mode === 'dryRun' ? `dry run of ${plan.service} finished (exit ${exitCode}); every action is in the output` : run ? `${plan.service} ${version}: ${describeRecord(run)}${run.reason ? `: ${run.reason}` : ''}` : `the runner exited with ${exitCode}`;
  const good = exitCode === 0;
  void (good ? vscode.window.showInformationMessage : vscode.window.showWarningMessage)(`Switchyard: ${summary}`, 'Show Output').then((choice) => choice && deps.output.show(true));
  return { status: 'finished', exitCode, run };
}

/** What the runner needs from SecretStorage: the plan's metric tokens and hook secrets (names only in the output). */
export async function runnerEnv(deps: Pick<RunDeps, 'secrets' | 'output'>, plan: Plan): Promise<Record<string, string>> {
  const hooks = await hookSecretEnv(deps.secrets, plan);
  if (hooks.missing.length > 0) deps.output.warn(`${plan.service}: no value for ${hooks.missing.map((name) => `\${secret:${name}}`).join(', ')}: its hooks fail until "Switchyard: Set Hook Secret..." stores ${hooks.missing.length === 1 ? 'it' : 'them'}`);
  return { ...(await metricTokenEnv(deps.secrets, plan)), ...hooks.env };
}

async function pickMode(plan: Plan): Promise<'run' | 'dryRun' | undefined> {
  const items: (vscode.QuickPickItem & { mode: 'run' | 'dryRun' })[] = [
    { label: '$(rocket) Run release', detail: `Act on the targets: move live traffic to ${plan.version ?? 'the new version'} step by step`, mode: 'run' },
    { label: '$(list-ordered) Dry run', detail: 'Print every action in order to the output; touch nothing', mode: 'dryRun' },
  ];
  return (await vscode.window.showQuickPick(items, { title: `Run Release: ${plan.service}`, placeHolder: 'Run for real, or see what it would do' }))?.mode;
}

async function confirmRelease(plan: Plan, targets: ReturnType<typeof describeTargets>): Promise<boolean> {
  const detail = [
    `Service: ${plan.service}`,
    `Version: ${plan.stableVersion ? `${plan.stableVersion} → ` : ''}${plan.version ?? '(not set)'}`,
    `Router: ${targets.router}`,
    `Instances: ${targets.instances}`,
    `Analysis: ${targets.analysis}`,
    '',
    'This changes live traffic. Abort restores the last safe routing.',
  ].join('\n');
  const answer = await vscode.window.showWarningMessage(`Release ${plan.service} ${plan.version ?? ''} to live traffic?`, { modal: true, detail }, 'Run Release');
  return answer === 'Run Release';
}
