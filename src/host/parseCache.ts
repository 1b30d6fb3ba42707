import type * as vscode from 'vscode';
import type { ParseResult } from '../domain/plan/parse';
import { engine } from '../bundles/loadEngine';
import { isPlanUri } from './planFiles';

interface Entry {
  version: number;
  result: ParseResult;
}

/**
 * Diagnostics, CodeLens and commands all ask for the same document's plan; parsing once per
 * document version keeps typing in a 200-line plan well under the 300 ms budget.
 */
export class ParseCache {
  private readonly entries = new Map<string, Entry>();

  parse(document: vscode.TextDocument): ParseResult {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version) return cached.result;
    const text = document.getText();
    // A plan file is a plan; another YAML file holding a Rollout or a Canary is rehearsed as it is.
    const result = !isPlanUri(document.uri) && engine().detectManifests(text) ? engine().planFromManifests(text) : engine().parsePlan(text, document.fileName);
    this.entries.set(key, { version: document.version, result });
    return result;
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }
}
