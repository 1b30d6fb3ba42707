// The extension-test entry point for Restricted Mode: the same fixture workspace, opened untrusted
// (npm run test:vscode runs it after the main suite, with workspace trust on).
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'switchyard-restricted', mocha);
  await import('./restricted.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
