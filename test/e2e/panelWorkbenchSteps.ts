import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Types into the open quick input and clicks the row whose label is exactly `label`. */
export async function quickInputRow(page: Page, typed: string, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(typed);
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: exact }).first().click();
}

/** Waits until the quick input's text ends with `suffix` (the workbench's own document, not the webview's). */
export async function waitForQuickInputValue(page: Page, suffix: string): Promise<void> {
  await page.waitForFunction((end) => document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value.endsWith(end) === true, suffix);
}

/**
 * Gestures on the release panel inside the real workbench. The panel's DOM is two iframes deep
 * (the webview host frame, then VS Code's active frame); every wait is on a DOM condition, never a
 * sleep, so a loaded machine only makes the test slower, not flaky.
 */

/** The release panel's document: VS Code's webview frame, then its active content frame. */
export function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
}

export async function text(locator: Locator): Promise<string> {
  return ((await locator.first().textContent()) ?? '').trim();
}

/** The error rate the error-rate gate measured, as numbers (e.g. "✗ 17.75%" -> 0.1775). */
export async function gateMeasurements(frame: FrameLocator, gate: string): Promise<{ value: number; failed: boolean }[]> {
  const items = frame.locator('li.gate', { has: frame.locator('.gate-name', { hasText: `${gate} (` }) }).locator('li.measurement');
  const rows = await items.evaluateAll((nodes) => nodes.map((node) => ({ text: node.textContent ?? '', failed: node.classList.contains('phase-failed') })));
  return rows.map((row) => ({ value: Number(/(-?\d+(?:\.\d+)?)%/.exec(row.text)?.[1] ?? 'NaN') / 100, failed: row.failed }));
}

/** The candidate's share of traffic read from the traffic caption ("stable 90% (180 rps) · canary 10% (20 rps)"). */
export async function candidateWeight(frame: FrameLocator): Promise<number> {
  const caption = await text(frame.locator('.traffic-caption'));
  const match = /canary (\d+(?:\.\d+)?)%/.exec(caption);
  if (!match?.[1]) throw new Error(`no canary weight in ${JSON.stringify(caption)}`);
  return Number(match[1]);
}

/**
 * Steps back through the journal until the strategy machine leaves the failure path: the instant
 * just before the rollback began. Each press waits for the exact instant (data-t) to move, so none is lost.
 */
export async function stepBackBeforeRollback(frame: FrameLocator): Promise<string> {
  const active = frame.locator('g.state.active text');
  const time = frame.locator('output.time');
  for (let presses = 0; presses < 20; presses++) {
    const state = await text(active);
    if (state !== 'rolledBack' && state !== 'rollingBack') return state;
    const before = await time.getAttribute('data-t');
    await frame.getByRole('button', { name: 'Step back' }).click();
    await frame.locator(`output.time:not([data-t="${before ?? ''}"])`).waitFor();
  }
  throw new Error('still rolling back after 20 steps back');
}

/** When the panel's document painted, in wall-clock ms (epoch), read from its own performance timeline. */
export interface PanelPaint {
  /** The webview document started loading. */
  origin: number;
  firstContentfulPaint: number | undefined;
  /** The first snapshot rendered in full (the app's `switchyard.firstRender` mark). */
  firstRender: number | undefined;
}

export async function panelPaint(page: Page): Promise<PanelPaint> {
  const element = await page.frameLocator('iframe.webview.ready').first().locator('iframe#active-frame').elementHandle();
  const frame = await element?.contentFrame();
  if (!frame) throw new Error('no release panel frame');
  return frame.evaluate(() => {
    const at = (entry: PerformanceEntry | undefined): number | undefined => (entry ? performance.timeOrigin + entry.startTime : undefined);
    return {
      origin: performance.timeOrigin,
      firstContentfulPaint: at(performance.getEntriesByName('first-contentful-paint')[0]),
      firstRender: at(performance.getEntriesByName('switchyard.firstRender')[0]),
    };
  });
}

/** The release panel whose title says `title` ("catalog: rolling"), when more than one is open. */
export async function panelFrameTitled(page: Page, title: string): Promise<FrameLocator> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const count = await page.locator('iframe.webview.ready').count();
    for (let index = 0; index < count; index++) {
      const frame = page.frameLocator('iframe.webview.ready').nth(index).frameLocator('iframe#active-frame');
      if ((await frame.locator('.panel-title', { hasText: title }).count()) > 0) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no release panel titled "${title}"`);
}
