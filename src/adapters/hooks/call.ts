import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { hookTimeoutMs } from '../../domain/hooks/points';
import type { HookBody, HookReply } from '../../domain/hooks/points';
import type { Hook } from '../../domain/plan/schema';
import type { HookPort } from '../../domain/ports';
import { execArgv, templateArgs } from '../command/exec';
import { resolveReferences } from './references';

/**
 * The plan's hooks, called for real: an HTTP request (2xx says yes; 5xx, 429 and a connection
 * that fails are a failed call, retried; any other status says no) or a command run without a
 * shell (exit 0 says yes, another exit code no; one that cannot start is a failed call and one
 * that overruns its timeout is killed with its process group). A failed call or a timeout is tried
 * again up to `retries` times; an answer never is.
 *
 * @example
 * await hookCaller().call({ url: 'http://127.0.0.1:8080/approve', retries: 0 }, body); // { answer: 'no', detail: 'HTTP 403: not yet' }
 */
export function hookCaller(env: Record<string, string | undefined> = process.env): HookPort {
  return {
    call: async (hook, body) => {
      let reply: HookReply = { answer: 'failed', detail: 'not called' };
      for (let attempt = 0; attempt <= hook.retries; attempt++) {
        reply = hook.url !== undefined ? await callUrl(hook, hook.url, body, env) : await callCommand(hook, body, env);
        if (reply.answer === 'yes' || reply.answer === 'no') return reply;
      }
      const attempts = hook.retries > 0 ? ` (${hook.retries + 1} attempts)` : '';
      return { ...reply, detail: `${reply.detail ?? reply.answer}${attempts}` };
    },
  };
}

async function callUrl(hook: Hook, template: string, body: HookBody, env: Record<string, string | undefined>): Promise<HookReply> {
  const url = resolveReferences(template, env);
  if (!url.ok) return { answer: 'failed', detail: url.error };
  const headers: Record<string, string> = { 'content-type': 'application/json', connection: 'close' };
  for (const [name, value] of Object.entries(hook.headers ?? {})) {
    const resolved = resolveReferences(value, env);
    if (!resolved.ok) return { answer: 'failed', detail: `header ${name}: ${resolved.error}` };
    headers[name.toLowerCase()] = resolved.value;
  }
  const method = hook.method ?? 'POST';
  const payload = method === 'GET' ? undefined : JSON.stringify(body);
  const timeoutMs = hookTimeoutMs(hook);
  return new Promise((resolve) => {
    let settled = false;
    let req: ReturnType<typeof httpRequest> | undefined;
    const finish = (reply: HookReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(reply);
    };
    // One deadline for the whole exchange, not per socket event: a server that trickles bytes still times out.
    const timer = setTimeout(() => {
      req?.destroy();
      finish({ answer: 'timeout', detail: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    try {
      const send = url.value.startsWith('https:') ? httpsRequest : httpRequest;
      req = send(url.value, { method, agent: false, headers: payload === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(payload)) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 2000) text += chunk;
        });
        res.on('end', () => finish(replyOfStatus(res.statusCode ?? 0, text)));
        res.on('error', (error) => finish({ answer: 'failed', detail: error.message }));
      });
      req.on('error', (error: NodeJS.ErrnoException) => finish({ answer: 'failed', detail: error.code ?? error.message }));
      req.end(payload);
    } catch (error) {
      finish({ answer: 'failed', detail: (error as Error).message });
    }
  });
}

/** What a status says; the first line of the body tells a person why. */
function replyOfStatus(status: number, text: string): HookReply {
  if (status >= 200 && status < 300) return { answer: 'yes' };
  const said = text.trim().split('\n')[0]?.slice(0, 200);
  const detail = `HTTP ${status}${said ? `: ${said}` : ''}`;
  return status >= 500 || status === 429 ? { answer: 'failed', detail } : { answer: 'no', detail };
}

async function callCommand(hook: Hook, body: HookBody, env: Record<string, string | undefined>): Promise<HookReply> {
  const argv = templateArgs(hook.command ?? [], { service: body.service, version: body.version, stableVersion: body.stableVersion ?? '' });
  const result = await execArgv(argv, { timeoutMs: hookTimeoutMs(hook), env: { ...env, ...hookVariables(body) } });
  if (result.ok) return { answer: 'yes' };
  if (result.error.includes('did not finish within')) return { answer: 'timeout', detail: result.error };
  if (result.error.startsWith('cannot run') || result.error.includes('was killed by')) return { answer: 'failed', detail: result.error };
  return { answer: 'no', detail: result.error };
}

/** The body as a command's environment: SWITCHYARD_HOOK_POINT, _SERVICE, _VERSION, _PHASE, _STEP, _WEIGHT and _BODY (the JSON). */
function hookVariables(body: HookBody): Record<string, string> {
  return {
    SWITCHYARD_HOOK_POINT: body.hook,
    SWITCHYARD_HOOK_SERVICE: body.service,
    SWITCHYARD_HOOK_VERSION: body.version,
    SWITCHYARD_HOOK_PHASE: body.phase,
    SWITCHYARD_HOOK_STEP: String(body.step),
    SWITCHYARD_HOOK_WEIGHT: String(body.weight),
    SWITCHYARD_HOOK_BODY: JSON.stringify(body),
  };
}
