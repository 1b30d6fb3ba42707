import type { Rule } from '../rules/context';
import { analysisMeasuresInTime, gatesHaveTraffic } from './analysis';
import { deadlineCoversBoot, thresholdWithinDeadline } from './deadlines';
import { flaggerIntervalAtLeastTenSeconds, kubernetesHasNoBatches } from './engines';
import { confirmHookFitsDeadline, hookPointsReached, hookSecretsAreReferences, legacyHookNames } from './hooks';
import { settingsThatDoNothing } from './ignored';
import { thresholdsFitUnit } from './units';
import { canaryCanStart, weightsReplicasCanMeet } from './weights';

export { exactReplicas } from './weights';

/**
 * Lints: warnings about plans that are valid but will not do what they seem to say, found
 * before anything runs. Each points at the line to change and suggests a fix.
 */
export const LINTS: readonly Rule[] = [canaryCanStart, weightsReplicasCanMeet, gatesHaveTraffic, analysisMeasuresInTime, deadlineCoversBoot, thresholdWithinDeadline, kubernetesHasNoBatches, flaggerIntervalAtLeastTenSeconds, thresholdsFitUnit, settingsThatDoNothing, legacyHookNames, confirmHookFitsDeadline, hookSecretsAreReferences, hookPointsReached];
