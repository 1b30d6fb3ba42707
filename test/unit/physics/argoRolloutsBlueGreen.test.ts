import { describe, expect, it } from 'vitest';
import { argoRollouts } from '../../../src/domain/physics';
import type { ArgoBlueGreenStatus } from '../../../src/domain/physics/argoRollouts';

const v1 = { name: 'v1', replicas: 5, availableReplicas: 5 };
const v2 = { name: 'v2', replicas: 1, availableReplicas: 1 };

describe('newRSNewReplicasForBlueGreen', () => {
  it.each<{ name: string; preview?: number; status: ArgoBlueGreenStatus; expected: number }>([
    { name: 'without previewReplicaCount the new set is full size', status: { activeSelector: 'v1', currentPodHash: 'v2' }, expected: 5 },
    { name: 'before promotion the new set runs at preview size', preview: 1, status: { activeSelector: 'v1', currentPodHash: 'v2', paused: true }, expected: 1 },
    { name: 'a fresh update starts at preview size', preview: 1, status: { activeSelector: 'v1', currentPodHash: 'v0', scaleUpPreviewCheckPoint: true }, expected: 1 },
    { name: 'resumed past the checkpoint: full size before the switch', preview: 1, status: { activeSelector: 'v1', currentPodHash: 'v2', scaleUpPreviewCheckPoint: true }, expected: 5 },
    { name: 'still paused at the checkpoint: preview size', preview: 1, status: { activeSelector: 'v1', currentPodHash: 'v2', scaleUpPreviewCheckPoint: true, paused: true }, expected: 1 },
    { name: 'a full promotion ignores preview size', preview: 1, status: { activeSelector: 'v1', currentPodHash: 'v2', promoteFull: true }, expected: 5 },
    { name: 'once active points at the new set, full size', preview: 1, status: { activeSelector: 'v2', currentPodHash: 'v2' }, expected: 5 },
    { name: 'no active set yet (first deploy), full size', preview: 1, status: { currentPodHash: 'v2' }, expected: 5 },
  ])('$name', ({ preview, status, expected }) => {
    expect(argoRollouts.newRSNewReplicasForBlueGreen({ replicas: 5 }, preview, status, v2, [v1, v2])).toBe(expected);
  });
});

describe('readyForPause and isReplicaSetAvailable', () => {
  // readyForPause now takes upstream's inputs (rollout, new set, all sets) and sizes the new set
  // itself through newRSNewReplicas; the rows keep their expectations, the desired size now coming
  // from spec.replicas (blue-green without previewReplicaCount).
  it.each([
    { name: 'sized and available', rs: v2, desired: 1, expected: true },
    { name: 'sized, not available', rs: { ...v2, availableReplicas: 0 }, desired: 1, expected: false },
    { name: 'not yet sized', rs: v2, desired: 5, expected: false },
  ])('readyForPause: $name', ({ rs, desired, expected }) => {
    expect(argoRollouts.readyForPause({ strategy: 'blueGreen', replicas: desired }, {}, rs, [rs])).toBe(expected);
  });

  it.each([
    { name: 'all pods available', rs: v1, expected: true },
    { name: 'one pod short', rs: { ...v1, availableReplicas: 4 }, expected: false },
    { name: 'scaled to zero', rs: { name: 'v0', replicas: 0, availableReplicas: 0 }, expected: false },
  ])('isReplicaSetAvailable: $name', ({ rs, expected }) => {
    expect(argoRollouts.isReplicaSetAvailable(rs)).toBe(expected);
  });
});
