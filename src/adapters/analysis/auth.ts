import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { httpGet, type HttpReply } from '../process/httpGet';

/** Bearer tokens for metric providers, by origin: `{"https://prom.example.com": "token"}`. */
export const METRIC_TOKENS_ENV = 'SWITCHYARD_METRIC_TOKENS';

/**
 * The Authorization header for a provider URL, when SWITCHYARD_METRIC_TOKENS has a token for its
 * origin (the VS Code extension sets it from SecretStorage; CLI users export it). Never logged.
 *
 * @example
 * authHeaders('http://127.0.0.1:9090', { SWITCHYARD_METRIC_TOKENS: '{"http://127.0.0.1:9090":"t"}' });
 * // { authorization: 'Bearer t' }
 */
export function authHeaders(url: string, env: Record<string, string | undefined> = process.env): Record<string, string> | undefined {
  const raw = env[METRIC_TOKENS_ENV];
  if (!raw) return undefined;
  let origin: string;
  let tokens: unknown;
  try {
    origin = new URL(url).origin;
    tokens = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const token = typeof tokens === 'object' && tokens !== null ? (tokens as Record<string, unknown>)[origin] : undefined;
  return typeof token === 'string' && token !== '' ? { authorization: `Bearer ${token}` } : undefined;
}

type Reply = { ok: true; value: HttpReply } | { ok: false; error: string };

/** A GET for a metric read: plain httpGet without headers, else one request with them (http or https). */
export function metricGet(url: string, timeoutMs: number, headers?: Record<string, string>): Promise<Reply> {
  if (!headers && url.startsWith('http:')) return httpGet(url, timeoutMs);
  return new Promise((resolve) => {
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    try {
      const req = request(url, { method: 'GET', agent: false, headers: { connection: 'close', ...headers }, timeout: timeoutMs }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ ok: true, value: { status: res.statusCode ?? 0, body } }));
        res.on('error', (error) => resolve({ ok: false, error: `${url}: ${error.message}` }));
      });
      req.on('timeout', () => {
        req.destroy();
        resolve({ ok: false, error: `${url} did not answer within ${timeoutMs} ms` });
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, error: `${url}: ${error.code ?? error.message}` }));
      req.end();
    } catch (error) {
      resolve({ ok: false, error: `${url}: ${(error as Error).message}` });
    }
  });
}
