import * as Engine from './engine';

/**
 * The engine for VS Code for the Web: a web worker cannot require a second file from disk, so the
 * browser build (scripts/build.mjs) resolves `bundles/loadEngine` to this module, and the engine is
 * part of dist/web/extension.js.
 */
export function engine(): typeof Engine {
  return Engine;
}
