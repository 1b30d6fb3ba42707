import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** One thing a user does in the workbench, and what they should then see. */
export interface Step<World> {
  name: string;
  run(world: World): Promise<void>;
}

export const seconds = (since: number): string => ((Date.now() - since) / 1000).toFixed(1);

export interface StepOptions<World> {
  /** Prefix of every line printed ("panel-host"). */
  label: string;
  page: Page;
  screenshots: string;
  /** After each step that passed (a screenshot of it, say). */
  afterStep?: (index: number, step: Step<World>) => Promise<void>;
  /** After the failure is reported: more evidence (logs, output). */
  onFailure?: () => Promise<void>;
}

/**
 * Runs the steps in order, printing each with its time. The first that fails is printed with its
 * error, the workbench screenshot as FAILED-<first words>.png, and the run stops: returns false.
 */
export async function runSteps<World>(steps: readonly Step<World>[], world: World, options: StepOptions<World>): Promise<boolean> {
  const { label, page } = options;
  for (const [index, step] of steps.entries()) {
    const started = Date.now();
    try {
      await step.run(world);
    } catch (error) {
      await page.screenshot({ path: join(options.screenshots, `FAILED-${step.name.split(' ').slice(0, 4).join('-')}.png`) }).catch(() => {});
      console.error(`${label}: ✘ ${step.name}\n${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      await options.onFailure?.();
      return false;
    }
    await options.afterStep?.(index, step);
    console.log(`${label}: ✔ ${step.name} (${seconds(started)} s)`);
  }
  return true;
}
