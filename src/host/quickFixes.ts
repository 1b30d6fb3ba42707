import * as vscode from 'vscode';
import type { ParseCache } from './parseCache';

/**
 * Offers the parser's fixes that are a plain replacement ("did you mean canary?"). The fixes are
 * read again from the parse cache: the diagnostics VS Code hands back are copies, not ours.
 */
export class PlanQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly cache: ParseCache) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!context.diagnostics.some((diagnostic) => diagnostic.source === 'switchyard')) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of this.cache.parse(document).diagnostics) {
      const replacement = diagnostic.fix?.replacement;
      if (replacement === undefined || !diagnostic.fix) continue;
      const target = new vscode.Range(document.positionAt(diagnostic.range.offset), document.positionAt(diagnostic.range.endOffset));
      if (!target.intersection(range)) continue;
      const action = new vscode.CodeAction(diagnostic.fix.message, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, target, replacement);
      action.diagnostics = context.diagnostics.filter((d) => d.source === 'switchyard' && d.range.isEqual(target));
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}
