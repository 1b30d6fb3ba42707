import { describe, expect, it } from 'vitest';
import { refusedPlanPath } from '../../../src/adapters/kubernetes/refusedField';
import { kubernetesTarget } from '../../../src/domain/plan/schema';

const target = kubernetesTarget.parse({ namespace: 'shop', deployment: 'demo', image: 'demo:{{version}}', podLabels: { track: 'not a label value!', version: '{{version}}' }, podAnnotations: { owner: 'x' } });

describe('where a field the API server refused comes from in the plan', () => {
  it.each([
    { name: 'a pod label, by the value the plan wrote', error: 'Deployment.apps "demo" is invalid: spec.template.labels: Invalid value: "not a label value!": a valid label must be ...', expected: ['targets', 'kubernetes', 'podLabels', 'track'] },
    { name: 'a pod label whose value came from {{version}}', error: 'Deployment.apps "demo" is invalid: spec.template.labels: Invalid value: "v2/bad": a valid label must be ...', expected: ['targets', 'kubernetes', 'podLabels', 'version'] },
    { name: 'a pod label the plan did not write', error: 'Deployment.apps "demo" is invalid: spec.template.metadata.labels: Invalid value: "other": ...', expected: ['targets', 'kubernetes', 'podLabels'] },
    { name: 'the image', error: 'Deployment.apps "demo" is invalid: spec.template.spec.containers[0].image: Required value', expected: ['targets', 'kubernetes', 'image'] },
    { name: 'replicas', error: 'Deployment.apps "demo" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0', expected: ['replicas'] },
    { name: 'maxSurge', error: 'Deployment.apps "demo" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: 0: may not be 0 when `maxUnavailable` is 0', expected: ['strategy', 'rolling', 'maxSurge'] },
    { name: 'the progress deadline', error: 'Deployment.apps "demo" is invalid: spec.progressDeadlineSeconds: Invalid value: 1: must be greater than minReadySeconds', expected: ['policy', 'progressDeadlineSeconds'] },
    { name: 'a refusal that names no field', error: 'deployments.apps "demo" is forbidden: User "ci" cannot patch resource "deployments"', expected: ['targets', 'kubernetes'] },
  ])('$name', ({ error, expected }) => {
    expect(refusedPlanPath(error, target, 'v2/bad')).toEqual(expected);
  });
});
