import { COMMANDS } from '../../protocol/commands';
import * as vscode from 'vscode';
import { parsePlan, type ParseResult } from '../../domain/plan/parse';
import { detectManifests } from '../../domain/manifests/detect';
import { planFromManifests } from '../../domain/manifests/convert';
import { isPlanUri } from '../planFiles';
import type { Plan } from '../../domain/plan/schema';
import type { CompareOptionView } from '../../protocol/comparison';
import type { HostMessage, PanelIntent } from '../../protocol/messages';
import type { PanelView } from '../../protocol/view';
import { escapeHtml, pageHtml } from '../../panel/html';
import { PanelSession } from '../../panel/panelSession';
import type { PanelSessionState } from '../../panel/panelSession';
import { LiveSession } from '../../panel/liveSession';
import type { PanelRuns } from '../../panel/liveSession';
import { readSettings } from '../settings';
import { exportReport } from './exportReport';
import { alternativeFor, alternativeOptions, isAlternativeId, openAlternative } from './strategyAlternatives';

export const RELEASE_PANEL_VIEW_TYPE = 'switchyard.releasePanel';
export const OPEN_RELEASE_PANEL_COMMAND = COMMANDS.openReleasePanel;
/** (planUri, target path or Uri): writes the open panel's report there without asking. */
export const EXPORT_RELEASE_REPORT_COMMAND = 'switchyard.exportReleaseReport';

/**
 * The release panel: one webview per plan, showing a simulation that plays, scrubs and branches,
 * or (live mode) a real run of the plan as its journal grows. Simulation and playback live in
 * PanelSession, following a real run in LiveSession; this class connects them to VS Code and
 * switches between them on the same webview.
 */
export class ReleasePanel {
  private static readonly panels = new Map<string, ReleasePanel>();
  /** The run tracker, handed over by the extension when it loads the panel (panelLauncher). */
  private static runs: PanelRuns | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private session: PanelSession | LiveSession | undefined;
  private plan: Plan | undefined;
  /** Panel-wide sequence: each session counts from zero, the webview drops anything not newer. */
  private seq = 0;
  private webviewReady = false;
  private lastView: PanelView | undefined;
  private readonly openedAt = new Date().toISOString();
  /** A run the user left for a simulation: not followed again on its own. */
  private left: string | undefined;

  static connectRuns(runs: PanelRuns): void {
    ReleasePanel.runs = runs;
  }

  /** The last view the plan's open panel sent to its webview (extension API, tests). */
  static lastViewFor(planUri: vscode.Uri): PanelView | undefined {
    return ReleasePanel.panels.get(planUri.toString())?.lastView;
  }

  /**
   * Shows the plan's panel, creating it if needed; with a scenario, switches to that simulation.
   * Without one, a run (the one named, or the plan's open run) is followed live.
   */
  static async createOrShow(context: vscode.ExtensionContext, planUri: vscode.Uri, scenario?: string, runDir?: string): Promise<void> {
    const existing = ReleasePanel.panels.get(planUri.toString());
    if (existing) {
      existing.panel.reveal();
      if (scenario !== undefined) {
        if (existing.session instanceof LiveSession) existing.simulate({ scenario });
        else existing.session?.handle({ type: 'scenario/choose', name: scenario } satisfies PanelIntent);
        return;
      }
      const run = ReleasePanel.runs?.find(planUri.fsPath, runDir === undefined ? {} : { runDir });
      if (run && !(existing.session instanceof LiveSession && existing.session.runDir === run.runDir)) existing.follow(run.runDir);
      return;
    }
    const panel = vscode.window.createWebviewPanel(RELEASE_PANEL_VIEW_TYPE, 'Release panel', vscode.ViewColumn.Beside, ReleasePanel.webviewOptions(context));
    await new ReleasePanel(panel, context, planUri).start(scenario === undefined ? {} : { scenario }, scenario === undefined ? (runDir ?? true) : undefined);
  }

  /** Restores a panel after a window reload, at the scenario, seed and time the webview saved. */
  static async revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, state: unknown): Promise<void> {
    const saved = savedSession(state);
    if (!saved?.planUri) {
      panel.webview.html = messagePage('Open a release plan and run “Switchyard: Open Release Panel” again.');
      return;
    }
    panel.webview.options = ReleasePanel.webviewOptions(context);
    // A panel that followed a real run saved no scenario: it follows the plan's open run again, if any.
    const live = saved.scenario === '';
    await new ReleasePanel(panel, context, vscode.Uri.parse(saved.planUri)).start(live ? {} : { scenario: saved.scenario, seed: saved.seed, t: saved.t, speed: saved.speed }, live ? true : undefined);
  }

  private static webviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media')],
    };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly planUri: vscode.Uri,
  ) {
    ReleasePanel.panels.set(planUri.toString(), this);
    this.disposables.push(panel.onDidDispose(() => this.dispose()));
  }

  dispose(): void {
    ReleasePanel.panels.delete(this.planUri.toString());
    this.session?.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }

  /** `run`: a run directory to follow, or true for the plan's open run if there is one. */
  private async start(restore: Partial<Omit<PanelSessionState, 'planUri'>>, run?: string | true): Promise<void> {
    // Listen before setting the HTML: the webview's first message is panel/ready. The page loads
    // while the plan is read and simulated; the session answers panel/ready once it exists.
    this.disposables.push(this.panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)));
    this.panel.webview.html = await this.html();
    const plan = await this.loadPlan();
    if (!plan) return;
    this.plan = plan;
    this.panel.title = `Release: ${plan.service}`;
    const found = run === undefined ? undefined : ReleasePanel.runs?.find(this.planUri.fsPath, run === true ? {} : { runDir: run });
    if (found) this.follow(found.runDir);
    else this.simulate(restore);
    if (ReleasePanel.runs) this.disposables.push(ReleasePanel.runs.onDidChange(() => this.runsChanged()));
  }

  private receive(message: unknown): void {
    if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'panel/ready') this.webviewReady = true;
    this.session?.handle(message);
  }

  /** Every post goes out with the panel's own sequence, so a new session's first view is not dropped as old. */
  private post(message: HostMessage): void {
    this.seq += 1;
    if (message.type === 'view/snapshot') this.lastView = message.view;
    void this.panel.webview.postMessage({ ...message, seq: this.seq });
  }

  /** The tracker saw a change: the followed run moves on; a run of this plan started since the panel opened is followed. */
  private runsChanged(): void {
    if (this.session instanceof LiveSession) {
      // A newer run of the plan (started from the palette while the last one's outcome shows) takes over.
      const open = ReleasePanel.runs?.find(this.planUri.fsPath);
      if (open && open.runDir !== this.session.runDir && open.runDir !== this.left) return this.follow(open.runDir);
      return this.session.refresh();
    }
    const run = ReleasePanel.runs?.find(this.planUri.fsPath, { since: this.openedAt });
    if (run && run.runDir !== this.left) this.follow(run.runDir);
  }

  /** Switches the panel to follow a real run (live mode). */
  private follow(runDir: string): void {
    const runs = ReleasePanel.runs;
    const plan = this.plan;
    if (!runs || !plan) return;
    this.session?.dispose();
    const session = new LiveSession({
      plan,
      planUri: this.planUri.toString(),
      run: () => runs.find(this.planUri.fsPath, { runDir }),
      post: (message) => this.post(message),
      log: (message) => console.warn(message),
      operate: (verb, run) => runs.operate(verb, run),
      leave: (scenario) => {
        this.left = runDir;
        this.simulate(scenario === '' ? {} : { scenario });
      },
    });
    this.session = session;
    this.panel.title = `Release: ${plan.service} (live)`;
    if (this.webviewReady) session.handle({ type: 'panel/ready' } satisfies PanelIntent);
  }

  /** Switches the panel to a simulation of the plan (the default mode). */
  private simulate(restore: Partial<Omit<PanelSessionState, 'planUri'>>): void {
    const plan = this.plan;
    if (!plan) return;
    this.session?.dispose();
    const settings = readSettings(this.planUri);
    const seed = restore.seed ?? settings.seed;
    this.panel.title = `Release: ${plan.service}`;
    const session = new PanelSession({
      plan,
      planUri: this.planUri.toString(),
      ...(restore.scenario === undefined ? {} : { scenario: restore.scenario }),
      ...(seed === undefined ? {} : { seed }),
      speed: restore.speed ?? settings.simulationSpeed,
      ...(restore.t === undefined ? {} : { t: restore.t }),
      scheduler: { now: () => performance.now(), every: (ms, tick) => { const timer = setInterval(tick, ms); return () => clearInterval(timer); } },
      yieldNow: nextTurn,
      post: (message: HostMessage) => this.post(message),
      log: (message) => console.warn(message),
      onIntent: (intent, current) => this.onIntent(intent, current),
    });
    this.session = session;
    if (this.webviewReady) session.handle({ type: 'panel/ready' } satisfies PanelIntent);
    void compareOptions(this.planUri).then((options) => session.comparison.setOptions([...alternativeOptions(session.plan), ...options]));
  }

  /** Writes the shown run's report; with a target, without asking (switchyard.exportReleaseReport). */
  static async exportFor(context: vscode.ExtensionContext, planUri: vscode.Uri, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const session = ReleasePanel.panels.get(planUri.toString())?.session;
    if (!session) throw new Error(`no release panel is open for ${planUri.fsPath}`);
    if (session instanceof LiveSession) throw new Error(`the release panel of ${planUri.fsPath} follows a real run; its journal is the record (${session.runDir ?? 'gone'}/journal.jsonl)`);
    return exportReport(context.extensionUri, session.plan, session.run, target);
  }

  private async loadPlan(): Promise<Plan | undefined> {
    let source: string;
    try {
      // The editor's text when the plan is open (unsaved edits included, no file read), else the file.
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === this.planUri.toString());
      source = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(this.planUri));
    } catch (error) {
      this.showProblem(`Cannot read ${this.planUri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const parsed = parseAny(source, this.planUri);
    if (parsed.ok) return parsed.plan;
    const first = parsed.diagnostics[0];
    this.showProblem(`The plan has ${parsed.diagnostics.length} problem(s)${first ? `; first, line ${first.range.start.line}: ${first.message}` : ''}. Fix them and open the panel again.`);
    return undefined;
  }

  private onIntent(intent: PanelIntent, session: PanelSession): void {
    if (intent.type === 'compare/run') {
      void this.compare(intent.with, intent.runs, session);
      return;
    }
    if (intent.type === 'compare/choose') {
      void this.choose(intent.id, session);
      return;
    }
    if (intent.type === 'report/export') {
      void exportReport(this.context.extensionUri, session.plan, session.run).catch((error: unknown) => session.showError(`Could not write the report: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    session.showError(`${intent.type.replace('/', ' ')} acts on a real run; this panel shows a simulation. Run the release (Switchyard: Run Release...) and the panel follows it live.`);
  }

  private async compare(id: string, runs: number, session: PanelSession): Promise<void> {
    const option = session.comparison.view.options.find((candidate) => candidate.id === id);
    if (!option) return session.comparison.fail(`Nothing to compare with under "${id}"; choose a plan from the list.`);
    if (isAlternativeId(id)) {
      const alternative = alternativeFor(session.plan, id);
      if (typeof alternative === 'string') return session.comparison.fail(alternative);
      return session.compareWith({ id, label: option.label, plan: alternative.plan }, runs);
    }
    const plan = await readPlan(vscode.Uri.parse(id));
    if (typeof plan === 'string') return session.comparison.fail(plan);
    await session.compareWith({ id, label: option.label, plan }, runs);
  }

  /** The compared plan becomes the one in front: its file beside, its panel on the same scenario. */
  private async choose(id: string, session: PanelSession): Promise<void> {
    if (isAlternativeId(id)) {
      const alternative = alternativeFor(session.plan, id);
      if (typeof alternative === 'string') return session.showError(alternative);
      await openAlternative(this.planUri, alternative);
      return;
    }
    const uri = vscode.Uri.parse(id);
    const plan = await readPlan(uri);
    if (typeof plan === 'string') return session.showError(plan);
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: false });
    const scenario = session.run.scenario;
    await ReleasePanel.createOrShow(this.context, uri, scenario in plan.scenarios ? scenario : undefined);
  }

  private showProblem(message: string): void {
    this.panel.webview.html = messagePage(message);
  }

  private async html(): Promise<string> {
    const { webview } = this.panel;
    const nonce = makeNonce();
    const styles = await panelStyles(this.context.extensionUri);
    const asset = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...path)).toString();
    return pageHtml({
      title: 'Release panel',
      csp: `default-src 'none'; img-src ${webview.cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src ${webview.cspSource}`,
      // Inline, under the nonce: a stylesheet fetched through the webview's resource loader holds the first paint back by a round trip.
      styles: `<style nonce="${nonce}">${styles}</style>`,
      scripts: `<script nonce="${nonce}" src="${escapeHtml(asset('dist', 'webview.js'))}"></script>`,
      // Painted before the script runs; the app replaces it with the same header, filled in.
      body: '<div id="app" class="panel-app"><header class="panel-header"><h1 class="panel-title">Release panel</h1><p class="panel-subtitle">Simulating the plan…</p></header></div>',
    });
  }
}

let cachedStyles: string | undefined;

/** Read through the workspace file system, which also serves the extension's files in VS Code for the Web. */
async function panelStyles(extensionUri: vscode.Uri): Promise<string> {
  cachedStyles ??= new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'panel', 'panel.css'))).replace(/<\/style/gi, '<\\/style');
  return cachedStyles;
}

/** 16 random bytes from Web Crypto (in Node 20 and in a browser's worker alike), base64. */
function makeNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** A turn of the event loop between chunks of work: setImmediate in Node, a timer in a web worker. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** A plan file as a plan; another YAML file holding a Rollout or a Canary as the plan that rehearses it. */
function parseAny(source: string, uri: vscode.Uri): ParseResult {
  return !isPlanUri(uri) && detectManifests(source) ? planFromManifests(source) : parsePlan(source, uri.fsPath);
}

/** A plan file read and parsed, or what is wrong with it in words. */
async function readPlan(uri: vscode.Uri): Promise<Plan | string> {
  try {
    const parsed = parseAny(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), uri);
    return parsed.ok ? parsed.plan : `${vscode.workspace.asRelativePath(uri)} has ${parsed.diagnostics.length} problem(s); fix them to compare with it.`;
  } catch (error) {
    return `Cannot read ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Every other plan in the workspace, as something to compare with. */
async function compareOptions(planUri: vscode.Uri): Promise<CompareOptionView[]> {
  const files = await vscode.workspace.findFiles('{**/*.release.yaml,**/*.release.yml,**/.switchyard/*.yaml}', '**/node_modules/**', 100);
  return files
    .filter((uri) => uri.toString() !== planUri.toString())
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((uri) => ({ id: uri.toString(), label: uri.path.split('/').pop() ?? uri.path, description: `plan file · ${vscode.workspace.asRelativePath(uri)}` }));
}

function messagePage(message: string): string {
  return pageHtml({ title: 'Release panel', csp: "default-src 'none'", styles: '', scripts: '', body: `<p>${escapeHtml(message)}</p>` });
}

function savedSession(state: unknown): PanelSessionState | undefined {
  if (typeof state !== 'object' || state === null || !('session' in state)) return undefined;
  const session = (state as { session: unknown }).session;
  if (typeof session !== 'object' || session === null) return undefined;
  const { planUri, scenario, seed, t, speed } = session as Record<string, unknown>;
  if (typeof planUri !== 'string' || typeof scenario !== 'string' || typeof seed !== 'number' || typeof t !== 'number' || typeof speed !== 'number') return undefined;
  return { planUri, scenario, seed, t, speed };
}

/**
 * Registers the Open Release Panel command and the serializer that restores panels after a
 * reload. Call from activate; package.json must contribute the command and the
 * `onWebviewPanel:switchyard.releasePanel` activation event.
 *
 * @example
 * context.subscriptions.push(registerReleasePanel(context));
 */
export function registerReleasePanel(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(OPEN_RELEASE_PANEL_COMMAND, async (target?: vscode.Uri | { uri?: vscode.Uri; kind?: string; name?: string }, scenario?: string) => {
      const { uri, name } = commandTarget(target, scenario);
      if (!uri) {
        void vscode.window.showWarningMessage('Switchyard: open a release plan (*.release.yaml) to show its release panel.');
        return;
      }
      await ReleasePanel.createOrShow(context, uri, name);
    }),
    // Not in the palette: for scripts and tests that export without the save dialog.
    vscode.commands.registerCommand(EXPORT_RELEASE_REPORT_COMMAND, (planUri: vscode.Uri, target?: vscode.Uri | string) =>
      ReleasePanel.exportFor(context, planUri, typeof target === 'string' ? vscode.Uri.file(target) : target),
    ),
    vscode.window.registerWebviewPanelSerializer(RELEASE_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => ReleasePanel.revive(panel, context, state),
    }),
  );
}

/** CodeLens and menus pass a Uri (and maybe a scenario); the plans tree passes its node ({ uri, kind, name }). */
function commandTarget(target: vscode.Uri | { uri?: vscode.Uri; kind?: string; name?: string } | undefined, scenario: string | undefined): { uri: vscode.Uri | undefined; name: string | undefined } {
  if (target instanceof vscode.Uri) return { uri: target, name: scenario };
  if (target?.uri) return { uri: target.uri, name: target.kind === 'scenario' ? target.name : scenario };
  const document = vscode.window.activeTextEditor?.document;
  const isPlan = document && (/\.release\.ya?ml$/.test(document.fileName) || /[\\/]\.switchyard[\\/][^\\/]+\.ya?ml$/.test(document.fileName));
  return { uri: isPlan ? document.uri : undefined, name: scenario };
}
