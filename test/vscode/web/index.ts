// The extension-test entry point for VS Code for the Web: runInCodeServer.ts --web loads the
// extension as a web extension (extensionDevelopmentKind web), so it and this suite run in the
// workbench's web worker extension host, where there is no Node. Mocha's browser build, then.
import 'mocha/mocha.js';

export async function run(): Promise<void> {
  // Mocha's browser build reads location.search for a grep and location.href to trim stack traces;
  // the extension host's worker gives extensions no location.
  (globalThis as { location?: unknown }).location ??= { search: '', href: '' };
  mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 30_000, color: false });
  await import('./web.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
