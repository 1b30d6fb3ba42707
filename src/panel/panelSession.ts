import type { Fault, FaultKind, Plan } from '../domain/plan/schema';
import { scenario as scenarioSchema } from '../domain/plan/schema';
import { chooseScenario, DEFAULT_SCENARIO_NAME } from '../domain/simulator/scenarioDefaults';
import { simulate } from '../domain/simulator/simulate';
import type { RunResult } from '../domain/simulator/types';
import { panelIntentProblem } from '../protocol/guards';
import type { HostMessage, PanelIntent } from '../protocol/messages';
import { nextStop } from '../protocol/replay';
import type { Replay } from '../protocol/replay';
import { PlaybackClock } from '../protocol/playback';
import type { PlaybackScheduler } from '../protocol/playback';
import type { InjectedFaultView } from '../protocol/view';
import { viewAt } from '../protocol/viewAt';
import type { CompareSide } from './comparison';
import { PanelComparison } from './panelComparison';
import { PanelRisk } from './panelRisk';
import { replayOf, FAULT_KINDS } from './viewModel';

// No vscode here: the panel class wires this to a webview, tests drive it with a fake scheduler.

export interface PanelSessionOptions {
  plan: Plan;
  planUri: string | null;
  scenario?: string;
  seed?: number;
  /** Virtual seconds per real second. */
  speed: number;
  /** Where playback starts, e.g. restored after a reload. */
  t?: number;
  scheduler: PlaybackScheduler;
  post(message: HostMessage): void;
  log(message: string): void;
  /** Operator verbs, report export and comparisons with other files need the editor; the panel class provides them. */
  onIntent?(intent: PanelIntent, session: PanelSession): void;
  /** Gives the host a turn between chunks of a comparison (setImmediate); tests resolve at once. */
  yieldNow?(): Promise<void>;
}

/** What a reloaded panel needs to show the same run again (webview state, see releasePanel). */
export interface PanelSessionState {
  planUri: string | null;
  scenario: string;
  seed: number;
  t: number;
  speed: number;
}

/** How long injected faults that last (metrics outage, router fault, slow boot) go on. */
const INJECTED_FAULT_MS = 120_000;
/** Ten view snapshots a second: enough for smooth motion with the webview's short transitions. */
const TICK_MS = 100;

/**
 * One panel's simulation and playback: simulates once, then answers intents by moving the
 * playback position and posting the complete view at that instant. Injecting a fault re-simulates
 * with the fault added at the current instant; the run up to then is unchanged (same seed, same
 * events), so playback continues from where the user was, on the new branch.
 */
export class PanelSession {
  run!: RunResult;
  private replay!: Replay;
  private scenario: string | undefined;
  private seed: number | undefined;
  private injected: InjectedFaultView[] = [];
  private ready = false;
  private seq = 0;
  private readonly clock: PlaybackClock;
  /** Side-by-side Monte Carlo with another plan; its view rides along in every snapshot. */
  readonly comparison: PanelComparison;
  /** The plan's bad and good scenarios over many seeds; its view rides along too. */
  readonly risk: PanelRisk;

  constructor(private readonly options: PanelSessionOptions) {
    this.scenario = options.scenario;
    this.seed = options.seed;
    this.comparison = new PanelComparison({ onChange: () => this.send(), yieldNow: options.yieldNow ?? (() => Promise.resolve()) });
    this.risk = new PanelRisk({ onChange: () => this.send(), yieldNow: options.yieldNow ?? (() => Promise.resolve()) });
    this.clock = new PlaybackClock({ scheduler: options.scheduler, tickMs: TICK_MS, speed: options.speed, endMs: 0, onChange: () => this.send() });
    this.resimulate();
    this.clock.seek(options.t ?? 0);
  }

  /** Validates and applies one message from the webview; an invalid one is logged and dropped. */
  handle(message: unknown): void {
    const problem = panelIntentProblem(message);
    if (problem !== null) {
      this.options.log(`release panel: dropped an invalid message (${problem})`);
      return;
    }
    this.apply(message as PanelIntent);
  }

  state(): PanelSessionState {
    return { planUri: this.options.planUri, scenario: this.run.scenario, seed: this.run.seed, t: this.clock.t, speed: this.clock.speed };
  }

  /** The plan with the user's injected faults added to the scenario being run. */
  get plan(): Plan {
    return withFaults(this.options.plan, this.run.scenario, this.injected);
  }

  /** Sends an error the panel shows next to the last good view. */
  showError(message: string): void {
    this.seq += 1;
    if (this.ready) this.options.post({ type: 'view/error', seq: this.seq, message });
  }

  /** Compares the shown plan (with its injected faults) with another on the shown scenario and seed. */
  compareWith(other: CompareSide, runs: number): Promise<void> {
    const mine: CompareSide = { id: 'current', label: `${this.options.plan.service} (this plan)`, plan: this.plan };
    return this.comparison.run(mine, other, this.run.scenario, this.run.seed, runs);
  }

  dispose(): void {
    this.clock.dispose();
    this.comparison.dispose();
    this.risk.dispose();
  }

  private apply(intent: PanelIntent): void {
    switch (intent.type) {
      case 'panel/ready':
        this.ready = true;
        return this.send();
      case 'playback/play':
        return this.clock.play();
      case 'playback/pause':
        return this.clock.pause();
      case 'playback/step':
        this.clock.pause();
        return this.clock.seek(nextStop(this.replay, this.clock.t, intent.direction));
      case 'playback/seek':
        return this.clock.seek(intent.t);
      case 'playback/speed':
        return this.clock.setSpeed(intent.speed);
      case 'scenario/choose':
        return this.restart(intent.name, undefined);
      case 'seed/set':
        return this.restart(this.run.scenario, intent.seed);
      case 'fault/inject':
        return this.inject(intent.kind, intent.role ?? null);
      case 'compare/clear':
        return this.comparison.clear();
      case 'compare/choose':
        // The id becomes a file the editor opens: only what the host offered, never a path the webview made up.
        if (!this.comparison.offers(intent.id)) return this.showError(`Nothing to switch to under "${intent.id}"; choose a plan from the comparison list.`);
        return this.options.onIntent ? this.options.onIntent(intent, this) : this.showError('Switching plans needs the editor.');
      case 'risk/run':
        // The plan as written: injected faults belong to the one run on screen, not to its risk.
        return void this.risk.run(this.options.plan, intent.runs);
      case 'fault/clear':
        this.injected = [];
        this.resimulate();
        return this.send();
      default:
        if (this.options.onIntent) return this.options.onIntent(intent, this);
        return this.showError(`${intent.type} needs a real run; a simulation replays a recorded run.`);
    }
  }

  private restart(scenario: string, seed: number | undefined): void {
    const choice = chooseScenario(this.options.plan, scenario);
    if (!choice.ok) return this.showError(choice.error);
    this.scenario = scenario;
    this.seed = seed;
    this.injected = [];
    this.clock.pause();
    // A comparison answers for one scenario: a new scenario or seed makes it stale.
    this.comparison.clear();
    this.resimulate();
    this.clock.seek(0);
  }

  private inject(kind: string, role: InjectedFaultView['role']): void {
    if (!FAULT_KINDS.includes(kind)) return this.showError(`unknown fault kind "${kind}"; one of ${FAULT_KINDS.join(', ')}`);
    this.injected = [...this.injected, { t: Math.round(this.clock.t), kind, role }];
    this.resimulate();
    this.send();
  }

  private resimulate(): void {
    const name = this.scenario ?? firstScenario(this.options.plan);
    const plan = withFaults(this.options.plan, name, this.injected);
    this.run = simulate(plan, { scenario: name, ...(this.seed === undefined ? {} : { seed: this.seed }) });
    this.replay = replayOf(plan, this.run, { mode: 'simulation', planUri: this.options.planUri, injectedFaults: this.injected });
    // Keep the scenario's own seed in view so "seed" shows what actually ran.
    this.seed = this.run.seed;
    this.clock.setEnd(this.replay.endMs);
  }

  private send(): void {
    if (!this.ready) return;
    this.seq += 1;
    const view = viewAt(this.replay, this.clock.t, { playing: this.clock.playing, speed: this.clock.speed });
    this.options.post({ type: 'view/snapshot', seq: this.seq, view: { ...view, comparison: this.comparison.view, risk: this.risk.view } });
  }
}

/** The plan's first scenario, or the built-in default one (chooseScenario never fails without a name). */
function firstScenario(plan: Plan): string {
  const choice = chooseScenario(plan, undefined);
  return choice.ok ? choice.name : DEFAULT_SCENARIO_NAME;
}

/**
 * The plan with faults added to one scenario. A plan without scenarios gets the built-in default
 * one under its name, so the simulator still finds it.
 */
export function withFaults(plan: Plan, scenarioName: string, injected: readonly InjectedFaultView[]): Plan {
  if (injected.length === 0) return plan;
  const base = plan.scenarios[scenarioName] ?? scenarioSchema.parse({});
  const faults: Fault[] = [...base.faults, ...injected.map(faultOf)];
  return { ...plan, scenarios: { ...plan.scenarios, [scenarioName]: { ...base, faults } } };
}

function faultOf(injected: InjectedFaultView): Fault {
  const kind = injected.kind as FaultKind;
  const fault: Fault = { at: injected.t, kind };
  if (injected.role !== null) fault.role = injected.role;
  if (kind === 'metricsOutage' || kind === 'routerFault' || kind === 'slowBoot') fault.for = INJECTED_FAULT_MS;
  return fault;
}
