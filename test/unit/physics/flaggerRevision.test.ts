import { describe, expect, it } from 'vitest';
import { flagger } from '../../../src/domain/physics';
import type { FlaggerCanaryPhase, FlaggerConfigChecksums, FlaggerSpecHashes } from '../../../src/domain/physics/flagger';

// Hashes stand for pod templates: 'cpu1000' is the fixture's original template (the one promoted).
describe('hasSpecChanged', () => {
  it.each<{ name: string; status: FlaggerSpecHashes; spec: string; expected: boolean }>([
    // flagger pkg/canary/deployment_controller_test.go TestDeploymentController_HasTargetChanged, its three checks in order.
    { name: 'detect change in last applied spec', status: { lastAppliedSpec: 'cpu1000', lastPromotedSpec: 'cpu1000' }, spec: 'cpu100', expected: true },
    { name: 'ignore change as hash should be the same with last promoted', status: { lastAppliedSpec: 'cpu100', lastPromotedSpec: 'cpu1000' }, spec: 'cpu1000', expected: false },
    { name: 'detect change', status: { lastAppliedSpec: 'cpu100', lastPromotedSpec: 'cpu1000' }, spec: 'cpu600', expected: true },
    // From the source (pkg/canary/spec.go), no upstream row:
    { name: 'nothing recorded yet: a change', status: { lastAppliedSpec: '', lastPromotedSpec: '' }, spec: 'cpu100', expected: true },
    { name: 'the recorded template again: no change', status: { lastAppliedSpec: 'cpu100', lastPromotedSpec: 'cpu1000' }, spec: 'cpu100', expected: false },
  ])('$name', ({ status, spec, expected }) => {
    expect(flagger.hasSpecChanged(status, spec)).toBe(expected);
  });
});

// From the source (pkg/canary/config_tracker.go HasConfigChanged); upstream drives it only through
// the scheduler: TestScheduler_DeploymentPromotion updates a ConfigMap and a Secret mid-analysis.
describe('hasConfigChanged', () => {
  const tracked = { 'configmap/podinfo-config-env': 'a1', 'secret/podinfo-secret-env': 'b1' };
  it.each<{ name: string; current: FlaggerConfigChecksums; tracked: FlaggerConfigChecksums | undefined; expected: boolean }>([
    { name: 'no configs used and none recorded', current: {}, tracked: undefined, expected: false },
    { name: 'configs used but none recorded yet', current: tracked, tracked: undefined, expected: true },
    { name: 'the recorded checksums', current: tracked, tracked, expected: false },
    // flagger pkg/controller/scheduler_deployment_test.go TestScheduler_DeploymentPromotion ("detect configs changes").
    { name: 'a ConfigMap and a Secret updated', current: { 'configmap/podinfo-config-env': 'a2', 'secret/podinfo-secret-env': 'b2' }, tracked, expected: true },
    { name: 'a config no longer referenced', current: { 'configmap/podinfo-config-env': 'a1' }, tracked, expected: true },
    { name: 'a config newly referenced', current: { ...tracked, 'configmap/extra': 'c1' }, tracked, expected: true },
    { name: 'the same count under other names', current: { 'configmap/podinfo-config-env': 'a1', 'secret/other': 'b1' }, tracked, expected: true },
  ])('$name', ({ current, tracked: recorded, expected }) => {
    expect(flagger.hasConfigChanged(current, recorded)).toBe(expected);
  });
});

describe('configIsDisabled', () => {
  it.each<{ name: string; annotations: Record<string, string>; expected: boolean }>([
    // flagger pkg/canary/config_tracker_test.go TestConfigIsDisabled, its three rows.
    { name: 'tracking annotation "disable"', annotations: { 'flagger.app/config-tracking': 'disable' }, expected: true },
    { name: 'another annotation saying "disable"', annotations: { app: 'disable' }, expected: false },
    { name: 'no annotations', annotations: {}, expected: false },
    // From the source: a prefix match.
    { name: 'tracking annotation "disabled"', annotations: { 'flagger.app/config-tracking': 'disabled' }, expected: true },
    { name: 'tracking annotation "enabled"', annotations: { 'flagger.app/config-tracking': 'enabled' }, expected: false },
  ])('$name', ({ annotations, expected }) => {
    expect(flagger.configIsDisabled(annotations)).toBe(expected);
  });
});

// From the source (pkg/controller/scheduler.go shouldAdvance, hasCanaryRevisionChanged); upstream
// tests them through TestScheduler_DeploymentNewRevisionReset and TestScheduler_DeploymentPromotion.
describe('shouldAdvance and hasCanaryRevisionChanged', () => {
  const changed = { targetChanged: true, dependenciesChanged: false };
  const configChanged = { targetChanged: false, dependenciesChanged: true };
  const none = { targetChanged: false, dependenciesChanged: false };
  it.each<{ phase: FlaggerCanaryPhase; advanceUnchanged: boolean; restartOnChange: boolean }>([
    { phase: 'initializing', advanceUnchanged: false, restartOnChange: false },
    { phase: 'initialized', advanceUnchanged: false, restartOnChange: false },
    { phase: 'waiting', advanceUnchanged: true, restartOnChange: false },
    { phase: 'progressing', advanceUnchanged: true, restartOnChange: true },
    { phase: 'waitingPromotion', advanceUnchanged: true, restartOnChange: true },
    { phase: 'promoting', advanceUnchanged: true, restartOnChange: false },
    { phase: 'finalising', advanceUnchanged: true, restartOnChange: false },
    { phase: 'succeeded', advanceUnchanged: false, restartOnChange: false },
    { phase: 'failed', advanceUnchanged: false, restartOnChange: false },
  ])('$phase: advances without a change: $advanceUnchanged; a change restarts the analysis: $restartOnChange', ({ phase, advanceUnchanged, restartOnChange }) => {
    expect(flagger.shouldAdvance(phase, none)).toBe(advanceUnchanged);
    expect(flagger.shouldAdvance(phase, changed)).toBe(true);
    expect(flagger.shouldAdvance(phase, configChanged)).toBe(true);
    expect(flagger.hasCanaryRevisionChanged(phase, changed)).toBe(restartOnChange);
    expect(flagger.hasCanaryRevisionChanged(phase, configChanged)).toBe(restartOnChange);
    expect(flagger.hasCanaryRevisionChanged(phase, none)).toBe(false);
  });
});
