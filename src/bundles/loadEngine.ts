import { join } from 'node:path';
import type * as Engine from './engine';

export type EngineModule = typeof Engine;

let loaded: EngineModule | undefined;

/**
 * dist/engine.js (see engine.ts), required on first use and kept. The path is computed, so
 * esbuild leaves this require alone and the engine stays out of extension.js.
 */
export function engine(): EngineModule {
  if (loaded) return loaded;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second bundle, loaded on first use
  loaded = require(join(__dirname, 'engine.js')) as EngineModule;
  return loaded;
}
