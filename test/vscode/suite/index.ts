// The extension-test entry point both launchers load (code-server and @vscode/test-electron):
// VS Code calls run() inside the extension host and ends the session with its result.
import Mocha from 'mocha';

/**
 * The test files are bundled into this one file, so mocha cannot load them by path: emitting
 * pre-require puts describe/it on the global object, then each module registers its tests.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'switchyard-suite', mocha);
  await import('./activation.test');
  await import('./diagnostics.test');
  await import('./simulate.test');
  await import('./risk.test');
  await import('./views.test');
  await import('./newPlan.test');
  await import('./panel.test');
  await import('./contributions.test');
  await import('./analysisCommands.test');
  await import('./runRelease.test');
  await import('./panelLive.test');
  // After the run tests, which expect the workspace to start without journals.
  await import('./hookSecrets.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
