import type { PortResult } from '../../domain/ports';
import { fillTemplate } from '../command/exec';
import { metricGet } from './auth';

interface PrometheusReply {
  status?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
}

/**
 * One instant query over Prometheus' HTTP API. The query is a template: `{{version}}` and
 * `{{service}}` are replaced first, so one gate measures whichever version is being released.
 * "No data" is an error measurement (it counts against consecutiveErrorLimit), never a zero.
 *
 * @example
 * await prometheusQuery('http://127.0.0.1:9090', 'sum(rate(http_requests_total{version="{{version}}"}[10s]))', { version: 'v2' }, 3000);
 * // { ok: true, value: 41.2 }
 */
export async function prometheusQuery(address: string, query: string, values: Record<string, string>, timeoutMs: number, headers?: Record<string, string>): Promise<PortResult<number>> {
  const promql = fillTemplate(query, values);
  const url = `${address.replace(/\/$/, '')}/api/v1/query?query=${encodeURIComponent(promql)}`;
  const reply = await metricGet(url, timeoutMs, headers);
  if (!reply.ok) return { ok: false, error: `Prometheus unreachable: ${reply.error}` };
  let parsed: PrometheusReply;
  try {
    parsed = JSON.parse(reply.value.body) as PrometheusReply;
  } catch {
    return { ok: false, error: `Prometheus at ${address} answered ${reply.value.status} with something other than JSON` };
  }
  if (parsed.status !== 'success') return { ok: false, error: `Prometheus rejected the query: ${parsed.error ?? reply.value.status} (query: ${promql})` };
  return valueOf(parsed.data, promql);
}

function valueOf(data: PrometheusReply['data'], promql: string): PortResult<number> {
  const result = data?.result;
  let sample: unknown;
  if (data?.resultType === 'scalar') sample = result;
  else if (data?.resultType === 'vector' && Array.isArray(result)) {
    if (result.length === 0) return { ok: false, error: `no data for ${promql} (no samples yet, or no traffic)` };
    if (result.length > 1) return { ok: false, error: `${promql} returned ${result.length} series; aggregate it to one (sum by, max...)` };
    sample = (result[0] as { value?: unknown }).value;
  } else return { ok: false, error: `${promql} returned a ${data?.resultType ?? 'unknown'}; a gate needs an instant vector or scalar` };
  const value = Array.isArray(sample) ? Number(sample[1]) : Number.NaN;
  if (!Number.isFinite(value)) return { ok: false, error: `${promql} is ${String(Array.isArray(sample) ? sample[1] : sample)} (no traffic in the window?)` };
  return { ok: true, value };
}
