import { readdirSync } from 'node:fs';

/** The key under which the global setup hands the run's private temp folder to each test file. */
export const TEMP_ROOT_KEY = 'switchyardTempRoot';

declare module 'vitest' {
  export interface ProvidedContext {
    switchyardTempRoot: string;
  }
}

/** What the project's code and tests name their temp folders (mkdtemp prefixes). */
export const OURS = /^switchyard-/;

/** Folders and files named like ours directly under `root`. */
export function ourEntries(root: string): string[] {
  try {
    return readdirSync(root).filter((name) => OURS.test(name));
  } catch {
    return [];
  }
}
