import type { Page } from 'playwright-core';

/** Workbench gestures as a user makes them, with the waits the real UI needs. */

/** Ready for a user: the workbench is drawn and Switchyard's view container has been contributed. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.part.activitybar .action-item a[aria-label^="Switchyard"]').waitFor({ state: 'visible', timeout: 60_000 });
}

/**
 * F1, the command's title, Enter. A command contributed by an extension that has not activated
 * yet may be missing from the first list; closing and reopening the palette refreshes it.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      // The row that says this title, not whichever the palette ranks first ("Start Playground"
      // also matches "Start Kubernetes Playground").
      await row.click();
      return;
    } catch (error) {
      console.log(`e2e: "${title}" not in the palette yet (attempt ${attempt}); reopening it`);
      await page.keyboard.press('Escape');
      if (attempt >= 3) throw error;
    }
  }
}

/** Answers the open QuickPick (or Quick Open) by choosing the first row that shows this text. */
export async function pick(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Answers the open InputBox. */
export async function answer(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Quick Open (Ctrl+P) by file name, as a user opens a file. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await pick(page, fileName);
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible' });
}
