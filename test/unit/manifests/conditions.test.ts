import { describe, expect, it } from 'vitest';
import { judgeConditions, thresholdRangeCondition } from '../../../src/domain/manifests/conditions';
import { detectManifests } from '../../../src/domain/manifests/detect';
import { chooseMetric, withUnitFromConditions } from '../../../src/domain/manifests/metricChoice';
import type { MetricReading } from '../../../src/domain/manifests/metricChoice';
import { argoIntOrPercent, goDurationSeconds, kubernetesIntOrPercent } from '../../../src/domain/manifests/quantities';

const ERROR_RATIO: MetricReading = { metric: 'errorRate', unit: 'ratio', success: false, from: '' };
const SUCCESS_RATIO: MetricReading = { ...ERROR_RATIO, success: true };
const SUCCESS_PERCENT: MetricReading = { ...ERROR_RATIO, unit: 'percent', success: true };

describe('Argo conditions as gate conditions', () => {
  // Each condition is written as it is in Argo Rollouts' docs/analysis pages or examples.
  it.each([
    ['result[0] >= 0.95 on a success rate (docs/analysis/prometheus)', { successCondition: 'result[0] >= 0.95' }, SUCCESS_RATIO, { successCondition: 'result <= 0.05' }],
    ['result[0] >= 10 as a failure on an error count (docs/features/analysis)', { failureCondition: 'result[0] >= 10' }, ERROR_RATIO, { failureCondition: 'result >= 10' }],
    ['default(result, 0) < 0.05 (docs/analysis/datadog)', { successCondition: 'default(result, 0) < 0.05' }, ERROR_RATIO, { successCondition: 'result < 0.05' }],
    ['result.successRate >= 0.95 (docs/analysis/web)', { successCondition: 'result.successRate >= 0.95' }, SUCCESS_RATIO, { successCondition: 'result <= 0.05' }],
    ['results[0] >= 90.000000 in percent (docs/analysis/graphite)', { successCondition: 'results[0] >= 90.000000' }, SUCCESS_PERCENT, { successCondition: 'result <= 10' }],
    ['"and" and "or" as expr writes them', { successCondition: 'result[0] > 0.9 and result[0] <= 1' }, SUCCESS_RATIO, { successCondition: 'result < 0.1 && result >= 0' }],
    ['max(result) < 0.05 (docs/analysis/prometheus, range queries)', { successCondition: 'max(result) < 0.05' }, ERROR_RATIO, { successCondition: 'result < 0.05' }],
  ])('should judge %s', (_, written, reading, judged) => {
    expect(judgeConditions(written, reading)).toMatchObject(judged);
  });

  it('should drop a "no data is a pass" guard and say so (docs/features/analysis, empty results)', () => {
    const judged = judgeConditions({ successCondition: 'len(result) == 0 || result[0] >= 0.95' }, SUCCESS_RATIO);
    expect(judged.successCondition).toBe('result <= 0.05');
    expect(judged.notes).toEqual([{ field: 'successCondition', text: '"len(result) == 0 || result[0] >= 0.95" passes when the query returns no data; a simulation always measures, so only "result <= 0.05" applies' }]);
  });

  it.each([
    ['result == true (examples/cluster-analysis-templates.yaml, a Job)', { successCondition: 'result == true' }],
    ['result == "I am OK" (docs/analysis/web)', { successCondition: 'result == "I am OK"' }],
    ['all(result, # < 1000) (docs/analysis/prometheus)', { successCondition: 'all(result, # < 1000)' }],
  ])('should leave out %s, which no number answers, and judge a plain bound instead', (_, written) => {
    const judged = judgeConditions(written, ERROR_RATIO);
    expect(judged.successCondition).toBe('result < 0.05');
    expect(judged.notes[0]?.text).toMatch(/cannot be judged on a simulated number; left out$/);
    expect(judged.notes[1]).toEqual({ text: 'no condition can be judged on a simulated number; the gate passes while errorRate < 0.05 (ratio)' });
  });

  it.each([
    [99, undefined, 'result >= 99'],
    [undefined, 500, 'result <= 500'],
    [0, 1, 'result >= 0 && result <= 1'],
  ])("should write Flagger's thresholdRange {min: %s, max: %s} as %s", (min, max, condition) => {
    expect(thresholdRangeCondition(min, max)).toBe(condition);
  });
});

describe('the simulated metric of a provider metric', () => {
  it.each([
    ['success-rate', 'sum(irate(istio_requests_total{response_code!~"5.*"}[5m])) / sum(irate(istio_requests_total[5m]))', { metric: 'errorRate', unit: 'ratio', success: true }],
    ['error-rate', 'sum(rate(http_requests_total{status=~"5.."}[1m]))', { metric: 'errorRate', unit: 'ratio', success: false }],
    ['not-found-percentage', '100 - sum(rate(requests{status!="404"}[1m])) / sum(rate(requests[1m])) * 100', { metric: 'errorRate', unit: 'percent', success: false }],
    ['latency', 'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket[1m])) by (le))', { metric: 'latencyP99', unit: 's' }],
    ['request-duration', 'histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket[1m])) by (le))', { metric: 'latencyP99', unit: 'ms' }],
    ['latency', 'histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket[1m])) by (le))/1000', { metric: 'latencyP99', unit: 's' }],
    ['my-metric', 'sum(rate(http_requests_total{status=~"5.*"}[1m]))', { metric: 'errorRate', from: 'its query' }],
    ['bytes-sent', 'sum(rate(bytes_sent[1m]))', { metric: 'errorRate', from: 'neither its name nor its query' }],
  ])('should measure %s on what its name or query names', (name, query, reading) => {
    expect(chooseMetric(name, query)).toMatchObject(reading);
  });

  it('should count a success rate compared with 90 in percent (docs/analysis/graphite)', () => {
    expect(withUnitFromConditions(chooseMetric('success-rate', undefined), ['results[0] >= 90.000000']).unit).toBe('percent');
    expect(withUnitFromConditions(chooseMetric('success-rate', undefined), ['result[0] >= 0.95']).unit).toBe('ratio');
  });
});

describe('quantities as the controllers read them', () => {
  it.each([
    ['30s', 30],
    ['1m30s', 90],
    ['1h', 3600],
    ['250ms', 0.25],
    ['45', 45],
    ['5 min', undefined],
    ['-1s', undefined],
  ])('should read the Go duration %s as %s seconds', (text, seconds) => {
    expect(goDurationSeconds(text)).toBe(seconds);
  });

  it.each([
    [1, 1, 1],
    ['25%', '25%', '25%'],
    ['25', '25%', undefined],
    ['many', undefined, undefined],
  ])('should read maxSurge %s as Argo Rollouts (%s) and Kubernetes (%s) do', (value, argo, kubernetes) => {
    expect(argoIntOrPercent(value)).toBe(argo);
    expect(kubernetesIntOrPercent(value)).toBe(kubernetes);
  });
});

describe('telling manifests from a plan', () => {
  it.each([
    ['a Rollout and its template', 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\n---\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\n', ['Rollout', 'AnalysisTemplate']],
    ['a Helm render with comments', '---\n# Source: chart/templates/canary.yaml\napiVersion: flagger.app/v1beta1\nkind: "Canary" # the release\n', ['Canary']],
    ['a plan', 'service: checkout\nstrategy:\n  rolling: {}\n', undefined],
    ['a plan that mentions kind in a value', 'service: checkout\nstrategy:\n  rolling: {}\n# kind: Rollout\n', undefined],
  ])('should read %s', (_, text, kinds) => {
    expect(detectManifests(text)?.kinds).toEqual(kinds);
  });
});
