import type { PortResult } from '../../domain/ports';
import { fillTemplate } from '../command/exec';
import { metricGet } from './auth';

/**
 * An HTTP check: GET the URL; the value is the body as a number, or the field `jsonPath`
 * (`$.data.errorRate` or `data.errorRate`) of a JSON body. A non-2xx answer is an error.
 */
export async function httpMeasure(url: string, jsonPath: string | undefined, values: Record<string, string>, timeoutMs: number, headers?: Record<string, string>): Promise<PortResult<number>> {
  const target = fillTemplate(url, values);
  const reply = await metricGet(target, timeoutMs, headers);
  if (!reply.ok) return reply;
  if (reply.value.status < 200 || reply.value.status > 299) return { ok: false, error: `${target} answered ${reply.value.status}` };
  const raw = jsonPath === undefined ? reply.value.body.trim() : pick(reply.value.body, jsonPath);
  if (raw === undefined) return { ok: false, error: `${target}: no ${jsonPath ?? 'value'} in the answer` };
  const value = Number(raw);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, error: `${target}: "${String(raw)}" is not a number` };
}

function pick(body: string, jsonPath: string): unknown {
  let node: unknown;
  try {
    node = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const key of jsonPath.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' || typeof node === 'string' ? node : undefined;
}
