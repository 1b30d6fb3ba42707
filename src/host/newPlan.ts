import * as vscode from 'vscode';
import type { EngineSemantics, StrategyKind } from '../domain/plan/schema';
import { SERVICE_NAME, starterPlan, TEMPLATE_FILES } from '../text/starterPlan';
import type { StarterChoice } from '../text/starterPlan';
import { engine } from '../bundles/loadEngine';

const STRATEGY_DETAILS: Record<StrategyKind, string> = {
  canary: 'Move traffic to the new version in steps, with metric gates between them',
  blueGreen: 'Start the new version beside the old one, then switch all traffic at once',
  rolling: 'Replace instances in batches, within a surge and unavailability budget',
  abTest: 'Send a segment of users (header, cookie) to the new version and compare',
  shadow: 'Mirror live traffic to the new version; users only see the old one',
  recreate: 'Stop the old version, then start the new one (downtime, no mixed versions)',
};

const ENGINE_DETAILS: Record<EngineSemantics, string> = {
  fleet: 'Instances behind a router: VMs, processes, containers',
  kubernetes: 'The Deployment controller (RollingUpdate, Recreate)',
  'argo-rollouts': 'Argo Rollouts canary and blue-green',
  flagger: 'Flagger: traffic moved per analysis interval',
};

/** Arguments skip the questions, for the walkthrough and tests; any missing one is asked. */
export type NewPlanArgs = Partial<StarterChoice> & { folder?: vscode.Uri };

/** New Release Plan: strategy, engine and service by QuickPick, then a commented starter file. */
export async function newPlanCommand(extensionUri: vscode.Uri, args: NewPlanArgs = {}): Promise<vscode.Uri | undefined> {
  const strategy = args.strategy ?? (await pickStrategy());
  if (!strategy) return undefined;
  const example = await readExample(extensionUri, strategy);
  const semantics = args.engine ?? (await pickEngine(example, strategy));
  if (!semantics) return undefined;
  const service = args.service ?? (await askService());
  if (!service) return undefined;
  const folder = args.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const text = starterPlan(example, { strategy, engine: semantics, service });
  if (!folder) {
    // No folder to write to: an untitled editor still gets completion once saved with the right name.
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(document);
    return document.uri;
  }
  const target = vscode.Uri.joinPath(folder, `${service}.release.yaml`);
  if (await exists(target)) {
    const overwrite = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(target)} exists. Replace it?`, { modal: true }, 'Replace');
    if (overwrite !== 'Replace') return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(target);
  return target;
}

async function pickStrategy(): Promise<StrategyKind | undefined> {
  const items = engine().STRATEGY_KINDS.map((kind) => ({ label: kind, detail: STRATEGY_DETAILS[kind] }));
  return (await vscode.window.showQuickPick(items, { title: 'New Release Plan (1/3)', placeHolder: 'Strategy' }))?.label;
}

/** Only engines whose semantics can run the strategy: the parser is the one place that knows. */
async function pickEngine(example: string, strategy: StrategyKind): Promise<EngineSemantics | undefined> {
  const { engineSemantics, parsePlan } = engine();
  const able = engineSemantics.options.filter((semantics) => parsePlan(starterPlan(example, { strategy, engine: semantics, service: 'probe' })).ok);
  const items = able.map((semantics) => ({ label: semantics, detail: ENGINE_DETAILS[semantics] }));
  return (await vscode.window.showQuickPick(items, { title: 'New Release Plan (2/3)', placeHolder: `Engine semantics for a ${strategy} release` }))?.label;
}

async function askService(): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'New Release Plan (3/3)',
    prompt: 'Service name',
    placeHolder: 'checkout',
    validateInput: (value) => (SERVICE_NAME.test(value) ? undefined : 'Lower-case letters, digits and dashes, like "checkout" or "payments-api"'),
  });
}

async function readExample(extensionUri: vscode.Uri, strategy: StrategyKind): Promise<string> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'examples', TEMPLATE_FILES[strategy]));
  return new TextDecoder().decode(bytes);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
