import * as vscode from 'vscode';
import { ALTERNATIVE_KINDS, planAlternatives, planAs, planTextAs, type AlternativeKind, type PlanAlternative } from '../../domain/plan/asStrategy';
import type { Plan } from '../../domain/plan/schema';
import type { CompareOptionView } from '../../protocol/comparison';

/** Compare options that rehearse the panel's own plan under another strategy: ids `as:<kind>`. */
const PREFIX = 'as:';

export function isAlternativeId(id: string): boolean {
  return id.startsWith(PREFIX);
}

export function alternativeOptions(plan: Plan): CompareOptionView[] {
  return planAlternatives(plan).map((alternative) => ({
    id: `${PREFIX}${alternative.kind}`,
    label: `this plan as ${alternative.kind}`,
    description: ['strategy', 'same gates and scenarios', ...alternative.notes].join(' · '),
  }));
}

export function alternativeFor(plan: Plan, id: string): PlanAlternative | string {
  const kind = ALTERNATIVE_KINDS.find((candidate) => `${PREFIX}${candidate}` === id);
  if (!kind) return `No strategy "${id.slice(PREFIX.length)}" to compare with.`;
  const alternative = planAs(plan, kind);
  return alternative.ok ? alternative.value : `This plan cannot be rehearsed ${alternative.reason}.`;
}

/**
 * "Switch to this plan as rolling": a new, unsaved plan file beside the original, its text the
 * original's (comments kept) with the strategy (and engine, when it had to change) replaced.
 */
export async function openAlternative(planUri: vscode.Uri, alternative: PlanAlternative): Promise<vscode.Uri> {
  const source = (await vscode.workspace.openTextDocument(planUri)).getText();
  const target = untitledBeside(planUri, alternative.kind);
  const document = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
  await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, document.lineCount, 0), planTextAs(source, fileName(planUri), alternative)));
  return target;
}

function untitledBeside(planUri: vscode.Uri, kind: AlternativeKind): vscode.Uri {
  const name = fileName(planUri).replace(/\.release\.ya?ml$|\.ya?ml$/, '');
  return vscode.Uri.joinPath(planUri, '..', `${name}-as-${kind}.release.yaml`).with({ scheme: 'untitled' });
}

/** The last segment of a URI's path, as node's basename would give it, without node:path (VS Code for the Web). */
function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
