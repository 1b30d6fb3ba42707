import type { Plan } from '../domain/plan/schema';
import type { JournalEntry } from '../runner/journal';
import { panelIntentProblem } from '../protocol/guards';
import type { HostMessage, OperatorVerb, PanelIntent } from '../protocol/messages';
import type { LiveRunState, PanelView } from '../protocol/view';
import { buildLiveView } from './liveView';

// No vscode here: the panel class wires it to a webview and to the run tracker, tests drive it directly.

/** A real run as the tracker reads it (the fields of RunRecord the panel needs). */
export interface LiveRun {
  runDir: string;
  planFile: string;
  state: LiveRunState;
  waiting: boolean;
  entries: readonly JournalEntry[];
}

export interface LiveSessionOptions {
  plan: Plan;
  planUri: string | null;
  /** The run now, re-read by the tracker's poll; undefined if it vanished. */
  run(): LiveRun | undefined;
  post(message: HostMessage): void;
  log(message: string): void;
  /** Runs the operator command (with its confirmation where traffic changes); rejects with what went wrong. */
  operate(verb: OperatorVerb, run: LiveRun): Promise<void>;
  /** The user asked for a simulation again (a scenario chosen in the panel). */
  leave?(scenario: string): void;
}

/** The run tracker as the panel sees it (src/host/runs/panelRuns.ts implements it over RunTracker). */
export interface PanelRuns {
  /** The named run, or else the plan's open run (running, paused, interrupted), or else its newest run started at or after `since` (ISO). */
  find(planFile: string, options?: { runDir?: string; since?: string }): LiveRun | undefined;
  /** Fires after the tracker's poll saw a journal or a run state change: no second poller. */
  onDidChange(listener: () => void): { dispose(): void };
  operate(verb: OperatorVerb, run: LiveRun): Promise<void>;
}

const VERB_OF = (type: string): OperatorVerb | undefined => (type.startsWith('operator/') ? (type.slice('operator/'.length) as OperatorVerb) : undefined);

/**
 * One panel following a real run: every journal change (the tracker's poll calls `refresh`)
 * posts a fresh view built from the whole journal; operator intents go to the real run. There is
 * nothing to play, seek or re-simulate, so those intents are answered with an error.
 */
export class LiveSession {
  private ready = false;
  private seq = 0;
  private fingerprint = '';
  /** The last view posted, for the extension API and the tests. */
  view: PanelView | undefined;

  constructor(private readonly options: LiveSessionOptions) {}

  get runDir(): string | undefined {
    return this.options.run()?.runDir;
  }

  get plan(): Plan {
    return this.options.plan;
  }

  handle(message: unknown): void {
    const problem = panelIntentProblem(message);
    if (problem !== null) {
      this.options.log(`release panel: dropped an invalid message (${problem})`);
      return;
    }
    const intent = message as PanelIntent;
    if (intent.type === 'panel/ready') {
      this.ready = true;
      this.fingerprint = '';
      return this.refresh();
    }
    const verb = VERB_OF(intent.type);
    if (verb) return void this.operate(verb);
    if (intent.type === 'scenario/choose' && this.options.leave) return this.options.leave(intent.name);
    this.showError(`${intent.type.replace('/', ' ')} is for simulations; this panel follows a real run as it happens.`);
  }

  /** Re-reads the run and posts a view when its journal or state changed. */
  refresh(): void {
    const run = this.options.run();
    if (!run) return;
    const fingerprint = `${run.entries.at(-1)?.seq ?? 0}:${run.state}:${run.waiting}`;
    if (fingerprint === this.fingerprint) return;
    this.fingerprint = fingerprint;
    this.view = buildLiveView(this.options.plan, run.entries, { planUri: this.options.planUri, runDir: run.runDir, state: run.state, waiting: run.waiting });
    this.send();
  }

  showError(message: string): void {
    this.seq += 1;
    if (this.ready) this.options.post({ type: 'view/error', seq: this.seq, message });
  }

  dispose(): void {
    this.ready = false;
  }

  private async operate(verb: OperatorVerb): Promise<void> {
    const run = this.options.run();
    if (!run) return this.showError('The run is gone: its journal cannot be read any more.');
    if (!(this.view?.live?.verbs ?? []).includes(verb)) return this.showError(`${verb} does not apply to this run now (${run.state}).`);
    // Not serialised: a resume drives the run to its end, and abort must stay possible meanwhile.
    try {
      await this.options.operate(verb, run);
    } catch (error) {
      this.showError(`${verb} did not go through: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.refresh();
  }

  private send(): void {
    if (!this.ready || !this.view) return;
    this.seq += 1;
    this.options.post({ type: 'view/snapshot', seq: this.seq, view: this.view });
  }
}
