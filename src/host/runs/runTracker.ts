import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { CONTEXT_KEYS } from '../../protocol/commands';
import { formatJournalEntry, readRunRecord, waitsForOperator } from '../../runner/runRecord';
import type { RunRecord } from '../../runner/runRecord';
import type { RunnerProcess } from '../../runner/runnerProcess';

const JOURNAL_GLOB = '**/.switchyard/runs/*/journal.jsonl';
/** How often a live run's journal and log are read: fast enough for a status bar, cheap for the disk. */
const POLL_MS = 250;
const RECENT_RUNS = 10;

interface Driver {
  process: RunnerProcess;
  planFile: string;
  dryRun: boolean;
  offset: number;
  partial: string;
}

/**
 * Every real run of the workspace's plans, read from the journals under `.switchyard/runs/`, so
 * runs started by the CLI or by an earlier window show too. New journal entries of live runs go
 * to the output channel as they are written; the context keys follow the runs.
 */
export class RunTracker implements vscode.Disposable {
  private readonly records = new Map<string, RunRecord>();
  private readonly streamed = new Map<string, number>();
  private readonly drivers = new Set<Driver>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly startedAt = new Date().toISOString();
  private timer: ReturnType<typeof setInterval> | undefined;
  private fingerprint = '';

  constructor(private readonly output: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(JOURNAL_GLOB);
    const seen = (uri: vscode.Uri): void => this.update(dirname(uri.fsPath));
    this.subscriptions.push(watcher, watcher.onDidCreate(seen), watcher.onDidChange(seen));
    void this.refresh();
  }

  /** Newest first: live and paused runs, then the most recent ended ones. */
  list(): RunRecord[] {
    const all = [...this.records.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    const open = all.filter((record) => record.state !== 'ended');
    return [...open, ...all.filter((record) => record.state === 'ended').slice(0, RECENT_RUNS)];
  }

  latestFor(planFile: string): RunRecord | undefined {
    return this.list().find((record) => record.planFile === planFile);
  }

  /** A runner process for this plan is alive (a run, a resume, an abort). */
  isDriving(planFile: string): boolean {
    return [...this.drivers].some((driver) => driver.planFile === planFile && !driver.dryRun);
  }

  async refresh(): Promise<void> {
    const journals = await vscode.workspace.findFiles(JOURNAL_GLOB, '**/node_modules/**');
    for (const uri of journals) this.update(dirname(uri.fsPath), false);
    this.settle();
  }

  /** Follows a runner process: its output to the channel, its run in the tree, until it exits. */
  async follow(runner: RunnerProcess, planFile: string, dryRun: boolean): Promise<number | null> {
    const driver: Driver = { process: runner, planFile, dryRun, offset: 0, partial: '' };
    this.drivers.add(driver);
    this.settle();
    const code = await runner.exited;
    this.tail(driver);
    if (driver.partial) this.output.info(`[runner] ${driver.partial}`);
    this.drivers.delete(driver);
    await this.refresh();
    return code;
  }

  private update(runDir: string, settle = true): void {
    const record = readRunRecord(runDir);
    if (!record) return;
    this.records.set(runDir, record);
    const last = record.entries.at(-1)?.seq ?? 0;
    if (!this.streamed.has(runDir)) {
      // Stream the whole journal of a run that is new or live; of an old one, only what comes next.
      const fresh = record.startedAt >= this.startedAt || record.state === 'running';
      this.streamed.set(runDir, fresh ? 0 : last);
    }
    const from = this.streamed.get(runDir) ?? last;
    for (const entry of record.entries) if (entry.seq > from) this.output.info(`[journal ${record.service}] ${formatJournalEntry(entry)}`);
    this.streamed.set(runDir, last);
    if (settle) this.settle();
  }

  private poll(): void {
    for (const driver of this.drivers) this.tail(driver);
    for (const record of [...this.records.values()]) if (record.state !== 'ended') this.update(record.runDir, false);
    // A run just started has no record until its journal appears.
    if (this.drivers.size > 0) void this.refresh();
    else this.settle();
  }

  private tail(driver: Driver): void {
    let size: number;
    try {
      size = statSync(driver.process.logFile).size;
    } catch {
      return;
    }
    if (size <= driver.offset) return;
    const buffer = Buffer.alloc(size - driver.offset);
    const fd = openSync(driver.process.logFile, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, driver.offset);
    } finally {
      closeSync(fd);
    }
    driver.offset = size;
    const lines = (driver.partial + buffer.toString('utf8')).split('\n');
    driver.partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') this.output.info(`[runner] ${line}`);
  }

  /** Context keys, the poll timer and the change event, after any update. */
  private settle(): void {
    const records = [...this.records.values()];
    const live = records.some((record) => record.state === 'running') || [...this.drivers].some((driver) => !driver.dryRun);
    const paused = records.some((record) => waitsForOperator(record) && (record.state === 'running' || !this.isDriving(record.planFile)));
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.runActive, live);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.runPaused, paused);
    const polling = live || this.drivers.size > 0;
    if (polling && !this.timer) this.timer = setInterval(() => this.poll(), POLL_MS);
    if (!polling && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    const fingerprint = records.map((r) => `${r.runDir}:${r.state}:${r.entries.at(-1)?.seq ?? 0}`).join('|') + `#${this.drivers.size}`;
    if (fingerprint !== this.fingerprint) {
      this.fingerprint = fingerprint;
      this.changed.fire();
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
