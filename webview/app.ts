import { hostMessageProblem } from '../src/protocol/guards';
import type { HostMessage } from '../src/protocol/messages';
import type { PanelView } from '../src/protocol/view';
import type { HostBridge } from './bridge';
import { createLiveControls } from './controls';
import { clock, element } from './format';
import { createCompare } from './views/compare';
import { createControls } from './views/controls';
import { createEnvironments } from './views/environments';
import type { EventFilter } from './views/events';
import { createEvents } from './views/events';
import { createGates } from './views/gates';
import { createMetrics } from './views/metrics';
import { createOutcome } from './views/outcome';
import { createRisk } from './views/risk';
import type { PanelPart, PartContext } from './views/part';
import { createStatechart } from './views/statechart';
import { createStepTrack } from './views/stepTrack';
import { createTraffic } from './views/traffic';

/** What the webview persists across reloads: its own UI state, and where the host was, so a revived panel resumes there. */
export interface PanelUiState {
  eventFilter: EventFilter;
  session: { planUri: string | null; scenario: string; seed: number; t: number; speed: number } | null;
}

export function readUiState(value: unknown): PanelUiState {
  const fallback: PanelUiState = { eventFilter: { text: '', level: 'info' }, session: null };
  if (typeof value !== 'object' || value === null) return fallback;
  const state = value as Partial<PanelUiState>;
  const filter = state.eventFilter;
  const level = filter?.level === 'warning' || filter?.level === 'error' ? filter.level : 'info';
  return { eventFilter: { text: typeof filter?.text === 'string' ? filter.text : '', level }, session: state.session ?? null };
}

function section(parent: HTMLElement, id: string, title: string): HTMLElement {
  const node = element('section', `panel-section section-${id}`);
  const heading = element('h2', '', title);
  heading.id = `heading-${id}`;
  node.setAttribute('aria-labelledby', heading.id);
  node.append(heading);
  parent.append(node);
  return node;
}

/** The parts' names in the order createApp makes them (for per-view timings; keep in step with `parts`). */
const PART_NAMES = ['controls', 'liveControls', 'environments', 'traffic', 'stepTrack', 'gates', 'metrics', 'statechart', 'events', 'outcome', 'compare', 'risk'];

export interface PanelApp {
  /** Draws one view directly; the host path goes through messages instead. */
  render(view: PanelView): void;
  destroy(): void;
}

/**
 * The release panel: lays out the sections, creates one part per area, and draws each valid view
 * snapshot the host sends. Snapshots older than the last one drawn are dropped, so a late
 * message never moves the picture backwards.
 */
export function createApp(root: HTMLElement, bridge: HostBridge): PanelApp {
  const ui = readUiState(bridge.getState());
  const context: PartContext = { post: (intent) => bridge.post(intent) };
  const header = element('header', 'panel-header');
  const title = element('h1', 'panel-title', 'Release panel');
  const subtitle = element('p', 'panel-subtitle');
  const faults = element('p', 'panel-faults');
  header.append(title, subtitle, faults);
  const controlsRoot = element('div', 'controls-root');
  // Playback has no meaning for a real run: a live panel shows its own bar instead.
  const playbackRoot = element('div', 'playback-root');
  const liveRoot = element('div', 'live-root');
  controlsRoot.append(liveRoot, playbackRoot);
  const error = element('div', 'panel-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const grid = element('main', 'panel-grid');
  root.replaceChildren(header, controlsRoot, error, grid);

  const environments = section(grid, 'environments', 'Environments and traffic');
  const progress = section(grid, 'progress', 'Progress and gates');
  const metrics = section(grid, 'metrics', 'Metrics');
  const machine = section(grid, 'machine', 'Strategy machine');
  const events = section(grid, 'events', 'Events');
  const outcome = section(grid, 'outcome', 'Outcome');
  const compare = section(grid, 'compare', 'Compare plans');
  const risk = section(grid, 'risk', 'Risk over many runs');
  const parts: PanelPart[] = [
    createControls(playbackRoot, context),
    createLiveControls(liveRoot, context),
    createEnvironments(environments),
    createTraffic(environments),
    createStepTrack(progress),
    createGates(progress),
    createMetrics(metrics, context),
    createStatechart(machine),
    createEvents(events, context, ui.eventFilter, (filter) => {
      ui.eventFilter = filter;
      bridge.setState(ui);
    }),
    createOutcome(outcome),
    createCompare(compare, context),
    createRisk(risk, context),
  ];

  let lastSeq = 0;
  let drawn = false;
  const render = (view: PanelView): void => {
    const { session } = view;
    title.textContent = `${session.service}: ${session.strategy}`;
    const live = session.mode === 'live';
    root.classList.toggle('mode-live', live);
    playbackRoot.hidden = live;
    subtitle.textContent = live
      ? `engine ${session.engine} · real run${view.live ? ` · ${view.live.runDir}` : ''}`
      : `engine ${session.engine} · scenario ${session.scenario} · seed ${session.seed}${session.mode === 'report' ? ' · recorded run' : ''}`;
    faults.textContent = session.injectedFaults.length > 0 ? `Injected: ${session.injectedFaults.map((fault) => `${fault.kind}${fault.role ? ` on ${fault.role}` : ''} at ${clock(fault.t)}`).join(', ')}` : '';
    const timings = (globalThis as { switchyardViewTimings?: Record<string, number[]> }).switchyardViewTimings;
    if (timings) {
      // Only a bench or a profiler sets this: the time each part's update takes, by part.
      parts.forEach((part, index) => {
        const started = performance.now();
        part.update(view);
        (timings[PART_NAMES[index] ?? String(index)] ??= []).push(performance.now() - started);
      });
    } else for (const part of parts) part.update(view);
    // A report cannot simulate, so it has nothing to compare.
    compare.hidden = view.comparison === undefined;
    risk.hidden = view.risk === undefined;
    if (!drawn) {
      drawn = true;
      // One mark, once: lets a bench or a profiler find when the panel first had something to show.
      performance.mark('switchyard.firstRender');
    }
    // A live panel saves no scenario: revived, it follows the plan's open run again (releasePanel.revive).
    ui.session = { planUri: session.planUri, scenario: live ? '' : session.scenario, seed: session.seed, t: live ? 0 : view.time.t, speed: view.time.speed };
    bridge.setState(ui);
  };
  const receive = (message: unknown): void => {
    const problem = hostMessageProblem(message);
    if (problem !== null) {
      console.warn(`release panel: dropped an invalid message (${problem})`);
      return;
    }
    const valid = message as HostMessage;
    if (valid.seq <= lastSeq) return;
    lastSeq = valid.seq;
    if (valid.type === 'view/error') {
      error.textContent = valid.message;
      error.hidden = false;
      return;
    }
    error.hidden = true;
    render(valid.view);
  };
  const unsubscribe = bridge.onMessage(receive);
  bridge.post({ type: 'panel/ready' });
  return {
    render,
    destroy() {
      unsubscribe();
      for (const part of parts) part.destroy();
      root.replaceChildren();
    },
  };
}
