import * as vscode from 'vscode';
import type { Diagnostic as PlanDiagnostic } from '../domain/plan/diagnostics';
import type { ParseCache } from './parseCache';
import { isPlanDocument } from './planFiles';

/** Long enough to skip most keystrokes of a word, short enough to feel immediate. */
export const DIAGNOSTICS_DEBOUNCE_MS = 200;

const SEVERITY: Record<PlanDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Keeps the Problems panel in step with every open plan, as the user types. */
export class PlanDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('switchyard');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly cache: ParseCache, private readonly output: vscode.LogOutputChannel) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.update(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
    );
    // Documents opened before activation (the file that triggered it, restored editors), right
    // after activate returns: parsing loads the engine bundle, which activation need not wait for.
    const initial = setTimeout(() => {
      for (const document of vscode.workspace.textDocuments) this.update(document);
    }, 0);
    this.subscriptions.push({ dispose: () => clearTimeout(initial) });
  }

  schedule(document: vscode.TextDocument): void {
    if (!isPlanDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!document.isClosed) this.update(document);
    }, DIAGNOSTICS_DEBOUNCE_MS));
  }

  update(document: vscode.TextDocument): void {
    if (!isPlanDocument(document)) return;
    const started = performance.now();
    const result = this.cache.parse(document);
    this.collection.set(document.uri, result.diagnostics.map((diagnostic) => toEditorDiagnostic(document, diagnostic)));
    this.output.trace(`diagnosed ${vscode.workspace.asRelativePath(document.uri)} v${document.version} in ${(performance.now() - started).toFixed(1)} ms: ${result.diagnostics.length} problem(s)`);
  }

  private clear(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.cache.forget(uri);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}

/** Offsets, not line/column: VS Code and the parser agree on UTF-16 offsets, so CRLF and tabs map exactly. */
export function toEditorDiagnostic(document: vscode.TextDocument, diagnostic: PlanDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(diagnostic.range.offset), document.positionAt(diagnostic.range.endOffset));
  const message = diagnostic.fix ? `${diagnostic.message}\n${diagnostic.fix.message}` : diagnostic.message;
  const editorDiagnostic = new vscode.Diagnostic(range, message, SEVERITY[diagnostic.severity]);
  editorDiagnostic.source = 'switchyard';
  editorDiagnostic.code = diagnostic.code;
  return editorDiagnostic;
}
