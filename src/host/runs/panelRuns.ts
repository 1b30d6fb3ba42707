import * as vscode from 'vscode';
import type { LiveRun, PanelRuns } from '../../panel/liveSession';
import { operatorCommand } from './operatorCommands';
import type { RunDeps } from './runCommands';
import { waitsForOperator } from '../../runner/runRecord';
import type { RunRecord } from '../../runner/runRecord';

/**
 * The run tracker as the release panel sees it: runs to follow, the tracker's change event (its
 * 250 ms poll of live journals; the panel polls nothing itself), and the operator commands, with
 * their confirmations, for the panel's buttons.
 */
export function panelRuns(deps: RunDeps): PanelRuns {
  const live = (record: RunRecord | undefined): LiveRun | undefined =>
    record && { runDir: record.runDir, planFile: record.planFile, state: record.state, waiting: waitsForOperator(record), entries: record.entries };
  return {
    find(planFile, options = {}) {
      const runs = deps.tracker.list();
      if (options.runDir !== undefined) return live(runs.find((record) => record.runDir === options.runDir));
      const mine = runs.filter((record) => record.planFile === planFile);
      const open = mine.find((record) => record.state !== 'ended');
      if (open || options.since === undefined) return live(open);
      const since = options.since;
      return live(mine.find((record) => record.startedAt >= since));
    },
    onDidChange: (listener) => deps.tracker.onDidChange(listener),
    async operate(verb, run) {
      const result = await operatorCommand(deps, verb, { kind: 'run', uri: vscode.Uri.file(run.planFile), runDir: run.runDir });
      if (result.status === 'refused') throw new Error(result.reason);
      if (result.status === 'finished' && result.exitCode !== 0) throw new Error(`the runner exited with ${result.exitCode}; the output says why`);
    },
  };
}
