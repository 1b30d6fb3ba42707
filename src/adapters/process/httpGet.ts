import { request } from 'node:http';

export interface HttpReply {
  status: number;
  body: string;
}

/**
 * A GET without keep-alive: health checks and metric reads must see the instance as a new
 * client would, and an idle pooled socket must never outlive the instance it points at.
 */
export function httpGet(url: string, timeoutMs: number): Promise<{ ok: true; value: HttpReply } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: { ok: true; value: HttpReply } | { ok: false; error: string }): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    let req: ReturnType<typeof request>;
    try {
      req = request(url, { method: 'GET', agent: false, headers: { connection: 'close' }, timeout: timeoutMs }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => finish({ ok: true, value: { status: res.statusCode ?? 0, body } }));
        res.on('error', (error) => finish({ ok: false, error: `${url}: ${error.message}` }));
      });
    } catch (error) {
      finish({ ok: false, error: `${url}: ${(error as Error).message}` });
      return;
    }
    req.on('timeout', () => {
      req.destroy();
      finish({ ok: false, error: `${url} did not answer within ${timeoutMs} ms` });
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, error: `${url}: ${error.code ?? error.message}` }));
    req.end();
  });
}
