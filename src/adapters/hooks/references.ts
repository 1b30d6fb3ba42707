import type { PortResult } from '../../domain/ports';

/** Hook secrets by name, `{"DEPLOYS_TOKEN": "..."}`: the VS Code extension sets it from its SecretStorage; CLI users export it. */
export const HOOK_SECRETS_ENV = 'SWITCHYARD_HOOK_SECRETS';

const REFERENCE = /\$\{(env|secret):([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${env:NAME}` with the runner's environment variable and `${secret:NAME}` with the
 * secret of that name. A reference with no value is an error that names it, never an empty
 * string sent as a token. The resolved value is never logged: messages name the reference only.
 *
 * @example
 * resolveReferences('Bearer ${secret:TOKEN}', { SWITCHYARD_HOOK_SECRETS: '{"TOKEN":"s3cret"}' }); // { ok: true, value: 'Bearer s3cret' }
 * resolveReferences('${env:CHAT_URL}', {}); // { ok: false, error: '${env:CHAT_URL} is not set: export CHAT_URL before the run' }
 */
export function resolveReferences(text: string, env: Record<string, string | undefined> = process.env): PortResult<string> {
  let missing: string | undefined;
  let secrets: Record<string, unknown> | undefined;
  const value = text.replace(REFERENCE, (whole, source: string, name: string) => {
    if (source === 'env') {
      const found = env[name];
      if (found === undefined || found === '') missing ??= `${whole} is not set: export ${name} before the run`;
      return found ?? '';
    }
    secrets ??= parseSecrets(env[HOOK_SECRETS_ENV]);
    const found = secrets[name];
    if (typeof found !== 'string' || found === '') {
      missing ??= `${whole} has no value: store it with "Switchyard: Set Hook Secret" in VS Code, or export ${HOOK_SECRETS_ENV}='{"${name}": "..."}'`;
      return '';
    }
    return found;
  });
  return missing === undefined ? { ok: true, value } : { ok: false, error: missing };
}

function parseSecrets(raw: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
