import { problem } from '../rules/context';
import type { Rule } from '../rules/context';

/**
 * Settings a plan may hold that change nothing, said where they are rather than ignored: a
 * promotion delay while automatic promotion is off, and an A/B test's `winner`, which no engine
 * reads (an A/B test promotes when its gates pass every iteration).
 */
export const settingsThatDoNothing: Rule = (context) => {
  const { blueGreen, abTest } = context.plan.strategy;
  const found = [];
  if (blueGreen && !blueGreen.autoPromotionEnabled && blueGreen.autoPromotionSeconds !== undefined) {
    found.push(
      problem(context, 'warning', 'lint.autoPromotionSecondsUnused', ['strategy', 'blueGreen', 'autoPromotionSeconds'], 'autoPromotionSeconds does nothing while autoPromotionEnabled is false: the release waits at the preview for an operator to promote it', {
        target: 'key',
        fix: { message: 'Remove autoPromotionSeconds, or set autoPromotionEnabled: true to promote that many seconds after the preview is ready' },
      }),
    );
  }
  if (abTest?.winner) {
    found.push(
      problem(context, 'warning', 'lint.abTestWinnerUnused', ['strategy', 'abTest', 'winner'], 'winner is not used: an A/B test promotes the candidate when its gates pass every iteration, and rolls back after threshold failed checks; no engine picks a winner by comparing versions', {
        target: 'key',
        fix: { message: 'Remove winner, and judge the candidate with a gate in abTest.analysis' },
      }),
    );
  }
  return found;
};
