import type * as vscode from 'vscode';

/** Where plans live: `*.release.yaml` anywhere, or any YAML file under a `.switchyard/` folder. */
export const PLAN_GLOBS = ['**/*.release.{yaml,yml}', '**/.switchyard/*.{yaml,yml}'] as const;

/**
 * For CodeLens and code actions: both plan patterns (plan files keep the `yaml` language id), and
 * any YAML file, which counts when it holds an Argo Rollout or a Flagger Canary (rehearsed as it is).
 */
export const PLAN_SELECTOR: vscode.DocumentFilter[] = [...PLAN_GLOBS.map((pattern) => ({ pattern })), { language: 'yaml' }];

const PLAN_PATH = /(\.release\.ya?ml|[\\/]\.switchyard[\\/][^\\/]+\.ya?ml)$/;

/** True for documents Switchyard diagnoses: the file name decides, not the language id. */
export function isPlanUri(uri: vscode.Uri): boolean {
  return PLAN_PATH.test(uri.path);
}

/** A top-level `kind: Rollout` or `kind: Canary` of Argo Rollouts or Flagger: a release the editor can rehearse as it is. */
const RELEASE_MANIFEST = /^kind:\s*["']?(Rollout|Canary)["']?\s*$/m;
const CONTROLLER_API = /^apiVersion:\s*["']?(argoproj\.io|flagger\.app)\//m;

/** Whether a YAML document holds a Rollout or a Canary (cheap: the converter confirms it). */
export function isReleaseManifest(document: vscode.TextDocument): boolean {
  if (!/\.ya?ml$/i.test(document.uri.path)) return false;
  const text = document.getText();
  return RELEASE_MANIFEST.test(text) && CONTROLLER_API.test(text);
}

/** Plan files, and YAML files holding an Argo Rollout or a Flagger Canary. */
export function isPlanDocument(document: vscode.TextDocument): boolean {
  return isPlanUri(document.uri) || isReleaseManifest(document);
}
