import type * as vscode from 'vscode';

/** Where plans live: `*.release.yaml` anywhere, or any YAML file under a `.switchyard/` folder. */
export const PLAN_GLOBS = ['**/*.release.{yaml,yml}', '**/.switchyard/*.{yaml,yml}'] as const;

/** For CodeLens and code actions; both patterns, since plan files keep the `yaml` language id. */
export const PLAN_SELECTOR: vscode.DocumentFilter[] = PLAN_GLOBS.map((pattern) => ({ pattern }));

const PLAN_PATH = /(\.release\.ya?ml|[\\/]\.switchyard[\\/][^\\/]+\.ya?ml)$/;

/** True for documents Switchyard diagnoses: the file name decides, not the language id. */
export function isPlanUri(uri: vscode.Uri): boolean {
  return PLAN_PATH.test(uri.path);
}

export function isPlanDocument(document: vscode.TextDocument): boolean {
  return isPlanUri(document.uri);
}
