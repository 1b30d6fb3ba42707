import type { Plan } from '../domain/plan/schema';
import { summarizeRuns, type RunSample } from '../domain/simulator/monteCarlo';
import { riskScenarios, type RiskScenario } from '../domain/simulator/riskScenarios';
import { runSeeds } from '../domain/simulator/runSeeds';
import type { RiskSideView, RiskView } from '../protocol/risk';
import { idleRisk } from '../protocol/risk';
import { formatPercent } from '../text/units';
import { histogram } from './histogram';

export interface PanelRiskOptions {
  onChange(): void;
  yieldNow(): Promise<void>;
}

const CHUNK = 10;

/**
 * The risk part of one panel: the plan's bad and good scenarios run many times each, drawn as
 * distributions. A new request cancels the one running, so a late result never overwrites a
 * newer one.
 */
export class PanelRisk {
  view: RiskView = idleRisk();
  private generation = 0;

  constructor(private readonly options: PanelRiskOptions) {}

  async run(plan: Plan, runs: number): Promise<void> {
    const generation = ++this.generation;
    const stale = (): boolean => generation !== this.generation;
    const { bad, good } = riskScenarios(plan);
    if (!bad && !good) {
      this.view = { ...idleRisk(), status: 'error', message: 'This plan has no scenario to run: add a good-version and a bad-version scenario.' };
      return this.options.onChange();
    }
    const sides = [bad, good].filter((side): side is RiskScenario => side !== undefined);
    const message = `${runs} runs each of ${sides.map((side) => side.name).join(' and ')}, seeds from each scenario's own`;
    this.view = { status: 'running', runs, done: 0, message, bad: null, good: null };
    this.options.onChange();
    const views: { bad: RiskSideView | null; good: RiskSideView | null } = { bad: null, good: null };
    try {
      for (const side of sides) {
        const before = this.view.done;
        const result = await runSeeds(plan, side.name, {
          baseSeed: side.seed,
          runs,
          chunk: CHUNK,
          signal: { get aborted() { return stale(); } },
          yieldNow: () => this.options.yieldNow(),
          onProgress: (done) => {
            if (stale()) return;
            this.view = { ...this.view, done: before + done };
            this.options.onChange();
          },
        });
        if (!result || stale()) return;
        views[side.verdict.bad ? 'bad' : 'good'] = sideView(side, result.samples);
      }
      this.view = { status: 'done', runs, done: runs * sides.length, message, ...views };
    } catch (error) {
      if (stale()) return;
      this.view = { ...this.view, status: 'error', message: `The runs stopped: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.options.onChange();
  }

  dispose(): void {
    this.generation += 1;
  }
}

function sideView(side: RiskScenario, samples: RunSample[]): RiskSideView {
  const summary = summarizeRuns(samples, side.verdict);
  const runs = samples.length;
  if (side.verdict.bad) {
    const values = samples.map((sample) => sample.figures.userErrors);
    const figure = summary.figures.userErrors;
    return { scenario: side.name, runs, headline: `caught in ${formatPercent(summary.detection ?? 0)} of runs (${formatPercent(summary.missed ?? 0)} promoted it, ${formatPercent(summary.stalled)} stopped half-way)`, figure: 'Users who saw errors', unit: 'count', bins: histogram(values), p50: figure?.p50 ?? 0, p95: figure?.p95 ?? 0 };
  }
  const values = samples.map((sample) => sample.figures.durationMs);
  const figure = summary.figures.durationMs;
  return { scenario: side.name, runs, headline: `rolled back in ${formatPercent(summary.falseAlarm ?? 0)} of runs (${formatPercent(summary.stalled)} stopped half-way)`, figure: 'Duration', unit: 'duration', bins: histogram(values), p50: figure?.p50 ?? 0, p95: figure?.p95 ?? 0 };
}
