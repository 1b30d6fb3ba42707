import { scenario as scenarioSchema } from '../domain/plan/schema';
import type { CompareOptionView, ComparisonView } from '../protocol/comparison';
import { idleComparison } from '../protocol/comparison';
import type { CompareSide } from './comparison';
import { compareOnScenario } from './comparison';

export interface PanelComparisonOptions {
  /** Called whenever the comparison's view changes (progress, result, error). */
  onChange(): void;
  yieldNow(): Promise<void>;
}

/**
 * The comparison part of one panel: what it can be compared with, and at most one comparison at a
 * time. A new request or clear() cancels the one running, so a late result never overwrites a
 * newer question.
 */
export class PanelComparison {
  view: ComparisonView = idleComparison();
  private generation = 0;

  constructor(private readonly options: PanelComparisonOptions) {}

  /** Whether `id` is one of the options this panel offered (what compare/run and compare/choose may name). */
  offers(id: string): boolean {
    return this.view.options.some((option) => option.id === id);
  }

  setOptions(options: CompareOptionView[]): void {
    this.view = { ...this.view, options };
    this.options.onChange();
  }

  clear(): void {
    this.generation += 1;
    this.view = idleComparison(this.view.options);
    this.options.onChange();
  }

  fail(message: string): void {
    this.generation += 1;
    this.view = { ...idleComparison(this.view.options), status: 'error', message };
    this.options.onChange();
  }

  /** Runs `mine` (the shown plan, with its injected faults) and `other` on the shown scenario. */
  async run(mine: CompareSide, other: CompareSide, scenarioName: string, baseSeed: number, runs: number): Promise<void> {
    const generation = ++this.generation;
    const scenario = mine.plan.scenarios[scenarioName] ?? scenarioSchema.parse({});
    const started = `${runs} runs each of ${mine.label} and ${other.label} on ${scenarioName}, seeds ${baseSeed}–${baseSeed + runs - 1}`;
    this.view = { options: this.view.options, status: 'running', scenario: scenarioName, runs, done: 0, message: started, columns: [] };
    this.options.onChange();
    try {
      const columns = await compareOnScenario([mine, other], {
        scenarioName,
        scenario,
        baseSeed,
        runs,
        yieldNow: () => this.options.yieldNow(),
        cancelled: () => generation !== this.generation,
        onProgress: (done) => {
          if (generation !== this.generation) return;
          this.view = { ...this.view, done };
          this.options.onChange();
        },
      });
      if (!columns || generation !== this.generation) return;
      this.view = { ...this.view, status: 'done', done: runs * 2, message: started, columns };
    } catch (error) {
      if (generation !== this.generation) return;
      this.view = { ...this.view, status: 'error', message: `The comparison stopped: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.options.onChange();
  }

  dispose(): void {
    this.generation += 1;
  }
}
