import * as vscode from 'vscode';
import type { Plan } from '../../domain/plan/schema';

/** The runner reads tokens from this variable (src/adapters/analysis/auth.ts): origin → bearer token. */
export const METRIC_TOKENS_ENV = 'SWITCHYARD_METRIC_TOKENS';

const secretKey = (origin: string): string => `switchyard.metricToken:${origin}`;

/**
 * The tokens the plan's metric providers need, as the runner's environment. Tokens live in
 * SecretStorage only: never in settings, never in a log line, never on a command line.
 */
export async function metricTokenEnv(secrets: vscode.SecretStorage, plan: Plan): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const origin of providerOrigins(plan)) {
    const token = await secrets.get(secretKey(origin));
    if (token) tokens[origin] = token;
  }
  return Object.keys(tokens).length > 0 ? { [METRIC_TOKENS_ENV]: JSON.stringify(tokens) } : {};
}

/** Arguments skip the questions (tests); an empty token removes the stored one. */
export interface SetTokenArgs {
  origin?: string;
  token?: string;
}

/**
 * Set Metric Provider Token: picks a provider of the active plan (or takes a URL), then asks for
 * the token in a password box and keeps it in SecretStorage. Returns the origin it set or cleared.
 */
export async function setMetricTokenCommand(secrets: vscode.SecretStorage, plan: Plan | undefined, args: SetTokenArgs = {}): Promise<string | undefined> {
  const origin = args.origin !== undefined ? originOf(args.origin) : await pickOrigin(plan);
  if (!origin) return undefined;
  const token = args.token ?? (await vscode.window.showInputBox({
    title: `Metric provider token for ${origin}`,
    prompt: 'Sent as "Authorization: Bearer <token>" when a real run queries this provider. Leave empty to remove the stored token.',
    password: true,
    ignoreFocusOut: true,
  }));
  if (token === undefined) return undefined;
  if (token.trim() === '') {
    await secrets.delete(secretKey(origin));
    void vscode.window.showInformationMessage(`Switchyard: removed the token for ${origin}.`);
  } else {
    await secrets.store(secretKey(origin), token.trim());
    void vscode.window.showInformationMessage(`Switchyard: stored the token for ${origin} in VS Code's secret storage.`);
  }
  return origin;
}

async function pickOrigin(plan: Plan | undefined): Promise<string | undefined> {
  const other = { label: '$(edit) Another provider...', detail: 'Type the address of a Prometheus or HTTP metric provider' };
  const origins = plan ? providerOrigins(plan) : [];
  const picked = origins.length === 0 ? other : await vscode.window.showQuickPick([...origins.map((origin) => ({ label: origin, detail: `Used by ${plan?.service ?? 'the plan'}'s gates` })), other], { title: 'Set Metric Provider Token', placeHolder: 'Metric provider' });
  if (!picked) return undefined;
  if (picked !== other) return picked.label;
  const typed = await vscode.window.showInputBox({
    title: 'Set Metric Provider Token',
    prompt: 'Address of the metric provider',
    placeHolder: 'https://prometheus.example.com',
    validateInput: (value) => (originOf(value) ? undefined : 'A URL like https://prometheus.example.com:9090'),
  });
  return typed === undefined ? undefined : originOf(typed);
}

/** The origins (scheme, host, port) a plan's gates query over HTTP: where a token may be needed. */
function providerOrigins(plan: Plan): string[] {
  const origins = new Set<string>();
  for (const gate of plan.analysis) {
    const url = gate.provider?.prometheus?.address ?? gate.provider?.http?.url;
    const origin = url === undefined ? undefined : originOf(url);
    if (origin) origins.add(origin);
  }
  return [...origins];
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
