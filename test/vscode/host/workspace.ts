import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './codeServer';

/** A fresh copy of the fixture workspace, so tests may create and edit plans freely. */
export function copyWorkspace(runDir: string): string {
  const workspace = join(runDir, 'workspace');
  cpSync(join(repoRoot, 'test/vscode/fixtures/workspace'), workspace, { recursive: true });
  return workspace;
}
