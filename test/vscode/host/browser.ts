import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Debian's Chromium; playwright-core downloads no browser of its own. */
export const CHROMIUM = process.env.SWITCHYARD_CHROMIUM ?? '/usr/bin/chromium';

/**
 * A fresh headless Chromium profile inside the run directory. Playwright owns --user-data-dir
 * (launchPersistentContext), so it is not among the arguments.
 */
export async function launchChromium(runDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(runDir, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
