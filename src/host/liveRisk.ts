import * as vscode from 'vscode';
import type { RunSample } from '../domain/simulator/monteCarlo';
import type { RiskSoFar } from '../text/risk';
import { engine } from '../bundles/loadEngine';
import type { ParseCache } from './parseCache';
import { nextTurn, SEEDS_PER_SLICE } from './manySeeds';
import { readSettings } from './settings';

/** Runs per scenario after which the lens is refined; the last is the setting. */
const FIRST_ROUNDS = [100, 300];
/** An edit waits this long for the next keystroke before its runs start. */
const SETTLE_MS = 150;

interface Job {
  version: number;
  cancel: { aborted: boolean };
  timer: ReturnType<typeof setTimeout>;
}

type Side = 'bad' | 'good';


/**
 * Risk as you type: for each open plan, seeded Monte Carlo runs of its bad and good scenarios
 * (1,000 each by default, `switchyard.simulation.riskRuns`), started once an edit settles, in
 * slices that give the extension host's event loop a turn, refined after 100 and 300 runs, and
 * cancelled by the next edit. The CodeLens reads `riskFor`.
 */
export class LiveRisk implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly known = new Map<string, { version: number; risk: RiskSoFar }>();
  private readonly jobs = new Map<string, Job>();
  private readonly closing: vscode.Disposable;

  constructor(private readonly cache: ParseCache) {
    this.closing = vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri));
  }

  /**
   * What is known for the document as it is now: while its runs are under way, the figures so far
   * (or those of the version before the edit), marked not final. Starts the runs when needed.
   */
  riskFor(document: vscode.TextDocument): RiskSoFar | undefined {
    const key = document.uri.toString();
    if (readSettings(document.uri).riskRuns <= 0) return undefined;
    if (this.jobs.get(key)?.version !== document.version) this.schedule(document);
    const known = this.known.get(key);
    if (!known) return undefined;
    return known.version === document.version ? known.risk : { ...known.risk, final: false };
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.stop(key);
    const cancel = { aborted: false };
    const timer = setTimeout(() => void this.run(document, key, document.version, cancel), SETTLE_MS);
    this.jobs.set(key, { version: document.version, cancel, timer });
  }

  private async run(document: vscode.TextDocument, key: string, version: number, cancel: { aborted: boolean }): Promise<void> {
    if (document.version !== version) return;
    const parsed = this.cache.parse(document);
    if (!parsed.ok) {
      this.known.delete(key);
      this.changed.fire(document.uri);
      return;
    }
    const plan = parsed.plan;
    const sides = engine().riskScenarios(plan);
    if (!sides.bad && !sides.good) {
      this.known.delete(key);
      return;
    }
    const total = readSettings(document.uri).riskRuns;
    const samples: Record<Side, RunSample[]> = { bad: [], good: [] };
    for (const target of [...FIRST_ROUNDS.filter((runs) => runs < total), total]) {
      for (const side of ['bad', 'good'] as const) {
        const scenario = sides[side];
        if (!scenario) continue;
        const done = samples[side].length;
        const more = await engine().runSeeds(plan, scenario.name, { baseSeed: scenario.seed + done, runs: target - done, chunk: SEEDS_PER_SLICE, signal: cancel, yieldNow: nextTurn });
        if (!more || cancel.aborted) return;
        samples[side].push(...more.samples);
      }
      const risk: RiskSoFar = { final: target === total };
      for (const side of ['bad', 'good'] as const) {
        const scenario = sides[side];
        if (scenario) risk[side] = { scenario: scenario.name, summary: engine().summarizeRuns(samples[side], scenario.verdict) };
      }
      this.known.set(key, { version, risk });
      this.changed.fire(document.uri);
    }
  }

  private stop(key: string): void {
    const job = this.jobs.get(key);
    if (!job) return;
    job.cancel.aborted = true;
    clearTimeout(job.timer);
    this.jobs.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    this.stop(uri.toString());
    this.known.delete(uri.toString());
  }

  dispose(): void {
    for (const key of [...this.jobs.keys()]) this.stop(key);
    this.closing.dispose();
    this.changed.dispose();
  }
}
