// Drives the real VS Code workbench in Chromium as a user would: create a plan from the command
// palette, open a plan with a mistake and see it underlined and listed in Problems, simulate a
// plan from its CodeLens and read the result. Screenshots go to test-results/e2e/.
// Usage: node out/e2e/workbench.e2e.js [--vsix switchyard-0.1.0.vsix]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../vscode/host/browser';
import { ensureHost, repoRoot, startCodeServer } from '../vscode/host/codeServer';
import { copyWorkspace } from '../vscode/host/workspace';
import { runSteps, seconds, type Step } from './steps';
import { answer, openFile, pick, runCommand, waitForWorkbench } from './workbench';

const screenshots = join(repoRoot, 'test-results/e2e');
/** `--vsix file.vsix` tests the packaged extension (npm run package) instead of the working tree. */
const vsixAt = process.argv.indexOf('--vsix');
const vsix = vsixAt > 0 ? process.argv[vsixAt + 1] : undefined;

const steps: Step<Page>[] = [
  {
    name: 'create a plan from the command palette',
    async run(page) {
      await runCommand(page, 'Switchyard: New Release Plan');
      await pick(page, 'canary');
      await pick(page, 'argo-rollouts');
      await answer(page, 'payments');
      await page.locator('.tabs-container .tab.active', { hasText: 'payments.release.yaml' }).waitFor({ state: 'visible' });
      await page.locator('.monaco-editor .view-line', { hasText: 'service: payments' }).waitFor({ state: 'visible' });
    },
  },
  {
    name: 'see the mistake underlined and listed in Problems',
    async run(page) {
      await openFile(page, 'broken.release.yaml');
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'visible' });
      await runCommand(page, 'View: Focus Problems');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'stepWeight: 200 is above 100' }).waitFor({ state: 'visible' });
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'Ln 5, Col 17' }).waitFor({ state: 'visible' });
    },
  },
  {
    name: 'simulate a plan from its CodeLens and read the result',
    async run(page) {
      await openFile(page, 'checkout.release.yaml');
      await page.locator('.monaco-editor .codelens-decoration', { hasText: /~1[3-5]m( \d+s)?, 8 steps/ }).waitFor({ state: 'visible' });
      await page.locator('.monaco-editor .codelens-decoration a', { hasText: /^\s*Simulate\s*$/ }).click();
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'checkout · canary · good-version: promoted' });
      await toast.waitFor({ state: 'visible' });
      await toast.getByRole('button', { name: 'Show Output' }).click();
      await page.locator('.part.panel .monaco-editor .view-line', { hasText: 'Outcome: promoted' }).first().waitFor({ state: 'visible' });
    },
  },
];

async function main(): Promise<number> {
  mkdirSync(screenshots, { recursive: true });
  const started = Date.now();
  const server = await startCodeServer(ensureHost(), vsix ? { vsix } : {});
  try {
    const workspace = copyWorkspace(server.runDir);
    const browser = await launchChromium(server.runDir);
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(15_000);
      console.log(`e2e: server ready after ${seconds(started)} s`);
      await page.goto(server.workbenchUrl(workspace, vsix ? undefined : { extensionDevelopmentPath: repoRoot }));
      await waitForWorkbench(page);
      console.log(`e2e: workbench and extension ready after ${seconds(started)} s`);
      const passed = await runSteps(steps, page, {
        label: 'e2e',
        page,
        screenshots,
        afterStep: (index, step) => page.screenshot({ path: join(screenshots, `${index + 1}-${step.name.split(' ').slice(0, 3).join('-')}.png`) }).then(() => undefined),
      });
      if (!passed) return 1;
      console.log(`e2e: passed in ${seconds(started)} s; screenshots in ${screenshots}`);
      return 0;
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
