import { needsFinishing } from '../../runner/needsFinishing';
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { engine } from '../../bundles/loadEngine';
import { describeRecord } from '../../runner/runRecord';
import type { RunRecord } from '../../runner/runRecord';
import { cliPath, runnerEnv } from './runCommands';
import type { RunCommandResult, RunDeps } from './runCommands';
import { startRunner } from '../../runner/runnerProcess';

export type OperatorVerb = 'promote' | 'promoteFull' | 'pause' | 'resume' | 'abort' | 'retry' | 'skipStep';

/** A run as the plans tree hands it to a command. */
export interface RunTarget {
  kind: 'run';
  uri: vscode.Uri;
  runDir: string;
}

interface VerbSpec {
  cli: (plan: string, runDir: string) => string[];
  /** The modal's question; none for verbs that do not change traffic. */
  confirm?: (run: RunRecord) => { question: string; button: string };
}

/**
 * Each verb is the CLI's: a live runner (started with --wait) takes it over its operator
 * channel at once; a stopped one (paused, crashed) is continued by a new runner that takes it,
 * as `switchyard resume --VERB` does. Abort is live too (SIGTERM; the runner rolls back itself).
 */
const VERBS: Record<OperatorVerb, VerbSpec> = {
  promote: { cli: (p, r) => ['promote', p, '--run', r, '--yes', '--wait'], confirm: (run) => ({ question: `Promote ${run.service} to its next step?`, button: 'Promote' }) },
  promoteFull: { cli: (p, r) => ['promote-full', p, '--run', r, '--yes', '--wait'], confirm: (run) => ({ question: `Send all traffic to ${run.service} ${run.version} now, skipping the remaining steps?`, button: 'Promote Full' }) },
  pause: { cli: (p, r) => ['pause', p, '--run', r] },
  resume: { cli: (p, r) => ['resume', p, '--run', r, '--yes', '--wait'], confirm: (run) => ({ question: `Resume the release of ${run.service}?`, button: 'Resume' }) },
  retry: { cli: (p, r) => ['retry', p, '--run', r, '--yes', '--wait'], confirm: (run) => ({ question: `Retry the failed step of ${run.service}?`, button: 'Retry' }) },
  skipStep: { cli: (p, r) => ['skip-step', p, '--run', r, '--yes', '--wait'], confirm: (run) => ({ question: `Skip the current step of ${run.service}?`, button: 'Skip Step' }) },
  abort: { cli: (p, r) => ['abort', p, '--run', r], confirm: (run) => ({ question: `Abort the release of ${run.service}? Traffic goes back to the last safe routing and the new version is scaled down.`, button: 'Abort Release' }) },
};

/** Promote, Promote Full, Pause, Resume, Abort, Retry, Skip Step on a run from the tree, a plan, or the one open run. */
export async function operatorCommand(deps: RunDeps, verb: OperatorVerb, target: RunTarget | vscode.Uri | undefined, args: { confirmed?: boolean } = {}): Promise<RunCommandResult> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Switchyard: operating a release needs a trusted workspace.');
    return { status: 'refused', reason: 'untrusted workspace' };
  }
  const run = await chooseRun(deps, target, verb);
  if (!run) return { status: 'cancelled' };
  // A run that failed before its rollback completed can still be finished by abort.
  if (run.state === 'ended' && !(verb === 'abort' && needsFinishing(run.entries))) {
    void vscode.window.showWarningMessage(`Switchyard: the run of ${run.service} already ended (${run.outcome ?? 'ended'}).`);
    return { status: 'refused', reason: 'ended' };
  }
  const spec = VERBS[verb];
  const question = spec.confirm?.(run);
  const testMode = deps.extensionMode === vscode.ExtensionMode.Test;
  if (question && !(testMode && args.confirmed)) {
    const answer = await vscode.window.showWarningMessage(question.question, { modal: true, detail: `${run.service} ${run.version}: ${describeRecord(run)}` }, question.button);
    if (answer !== question.button) return { status: 'cancelled' };
  }
  deps.output.info(`operator: ${verb} ${run.service} (${run.runDir})`);
  const runner = startRunner({
    cliPath: cliPath(deps.extensionUri),
    args: spec.cli(run.planFile, run.runDir),
    cwd: dirname(run.planFile),
    logDir: deps.logDir.fsPath,
    env: await tokensFor(deps, run),
  });
  const exitCode = await deps.tracker.follow(runner, run.planFile, false);
  if (exitCode !== 0) void vscode.window.showWarningMessage(`Switchyard: ${verb} of ${run.service} did not go through (exit ${exitCode}); the output says why.`, 'Show Output').then((choice) => choice && deps.output.show(true));
  return { status: 'finished', exitCode, run: deps.tracker.latestFor(run.planFile) };
}

async function chooseRun(deps: RunDeps, target: RunTarget | vscode.Uri | undefined, verb: OperatorVerb): Promise<RunRecord | undefined> {
  const open = deps.tracker.list().filter((record) => record.state !== 'ended' || (verb === 'abort' && needsFinishing(record.entries)));
  if (target instanceof vscode.Uri) return deps.tracker.latestFor(target.fsPath) ?? noRun();
  if (target?.kind === 'run') return deps.tracker.list().find((record) => record.runDir === target.runDir) ?? noRun();
  if (open.length <= 1) return open[0] ?? noRun();
  const picked = await vscode.window.showQuickPick(open.map((record) => ({ label: `${record.service} ${record.version}`, description: describeRecord(record), record })), { placeHolder: 'Which release?' });
  return picked?.record;
}

function noRun(): undefined {
  void vscode.window.showInformationMessage('Switchyard: no open release to operate. Start one with "Switchyard: Run Release...".');
  return undefined;
}

/** A resumed runner queries the same providers and calls the same hooks: it gets the same tokens and secrets. */
async function tokensFor(deps: RunDeps, run: RunRecord): Promise<Record<string, string>> {
  try {
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(run.planFile)));
    const parsed = engine().parsePlan(source, run.planFile);
    return parsed.ok ? await runnerEnv(deps, parsed.plan) : {};
  } catch {
    return {};
  }
}
