import * as vscode from 'vscode';
import { HOOK_SECRETS_ENV } from '../../adapters/hooks/references';
import { hookSecretNames, SECRET_NAME } from '../../domain/hooks/references';
import type { Plan } from '../../domain/plan/schema';

const secretKey = (name: string): string => `switchyard.hookSecret:${name}`;
/** SecretStorage cannot list its keys: the names stored are kept beside them (names only). */
const NAMES_KEY = 'switchyard.hookSecretNames';

async function storedNames(secrets: vscode.SecretStorage): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse((await secrets.get(NAMES_KEY)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((name): name is string => typeof name === 'string' && SECRET_NAME.test(name)).sort() : [];
  } catch {
    return [];
  }
}

async function setNames(secrets: vscode.SecretStorage, names: Iterable<string>): Promise<void> {
  await secrets.store(NAMES_KEY, JSON.stringify([...new Set(names)].sort()));
}

/**
 * The hook secrets the plan names (`${secret:NAME}`), from SecretStorage, as the runner's
 * SWITCHYARD_HOOK_SECRETS: only those the plan uses, added to any the editor's own environment
 * already has (a stored one wins). Values go to the runner's environment only: never a log line,
 * a command line or the journal. `missing` names those with no value anywhere, for the output.
 */
export async function hookSecretEnv(secrets: vscode.SecretStorage, plan: Plan): Promise<{ env: Record<string, string>; missing: string[] }> {
  const names = hookSecretNames(plan);
  if (names.length === 0) return { env: {}, missing: [] };
  const values: Record<string, string> = inherited();
  for (const name of names) {
    const value = await secrets.get(secretKey(name));
    if (value) values[name] = value;
  }
  const missing = names.filter((name) => !values[name]);
  return { env: Object.keys(values).length > 0 ? { [HOOK_SECRETS_ENV]: JSON.stringify(values) } : {}, missing };
}

/** SWITCHYARD_HOOK_SECRETS of the editor's environment, as a CLI user would have exported it. */
function inherited(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(process.env[HOOK_SECRETS_ENV] ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

/** Arguments skip the questions (tests): a name and a value set it, a name and `delete` remove it, `list` lists. */
export interface HookSecretArgs {
  name?: string;
  value?: string;
  delete?: boolean;
  list?: boolean;
}

/** What the command did, and the names stored after it (never a value). */
export interface HookSecretResult {
  action: 'stored' | 'deleted' | 'listed' | 'cancelled';
  name?: string;
  stored: string[];
}

/**
 * Set Hook Secret...: a quick pick of the secrets the active plan's hooks name and those stored,
 * each marked stored or not; picking one asks for its value in a password box (or offers to delete
 * it), and "New secret..." takes a name first. Values live in SecretStorage only.
 */
export async function hookSecretCommand(secrets: vscode.SecretStorage, plan: Plan | undefined, args: HookSecretArgs = {}): Promise<HookSecretResult> {
  const stored = await storedNames(secrets);
  if (args.name !== undefined && !SECRET_NAME.test(args.name)) throw new Error(`a hook secret's name is letters, digits and _, not starting with a digit: got "${args.name}"`);
  if (args.name !== undefined && args.delete) return remove(secrets, args.name);
  if (args.name !== undefined && args.value !== undefined) return store(secrets, args.name, args.value);
  if (args.list) return { action: 'listed', stored };
  const name = args.name ?? (await pickName(stored, plan));
  if (name === undefined) return { action: 'cancelled', stored };
  if (stored.includes(name) && args.value === undefined) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: `$(key) Set a new value for ${name}`, action: 'set' as const },
        { label: `$(trash) Delete ${name}`, detail: 'Runs whose hooks name it fail the call and say so', action: 'delete' as const },
      ],
      { title: `Hook secret ${name}`, placeHolder: 'Stored in VS Code\'s secret storage' },
    );
    if (!choice) return { action: 'cancelled', stored };
    if (choice.action === 'delete') return remove(secrets, name);
  }
  const value = await vscode.window.showInputBox({
    title: `Hook secret ${name}`,
    prompt: `Replaces \${secret:${name}} in a hook's url or headers when a real run calls it. Leave empty to remove it.`,
    password: true,
    ignoreFocusOut: true,
  });
  if (value === undefined) return { action: 'cancelled', stored };
  return store(secrets, name, value);
}

async function store(secrets: vscode.SecretStorage, name: string, value: string): Promise<HookSecretResult> {
  if (value.trim() === '') return remove(secrets, name);
  await secrets.store(secretKey(name), value.trim());
  const stored = [...new Set([...(await storedNames(secrets)), name])].sort();
  await setNames(secrets, stored);
  void vscode.window.showInformationMessage(`Switchyard: stored the hook secret ${name} in VS Code's secret storage.`);
  return { action: 'stored', name, stored };
}

async function remove(secrets: vscode.SecretStorage, name: string): Promise<HookSecretResult> {
  await secrets.delete(secretKey(name));
  const stored = (await storedNames(secrets)).filter((known) => known !== name);
  await setNames(secrets, stored);
  void vscode.window.showInformationMessage(`Switchyard: removed the hook secret ${name}.`);
  return { action: 'deleted', name, stored };
}

async function pickName(stored: string[], plan: Plan | undefined): Promise<string | undefined> {
  const used = plan ? hookSecretNames(plan) : [];
  const names = [...new Set([...used, ...stored])];
  const other = { label: '$(add) New secret...', detail: 'A name for ${secret:NAME} in a hook\'s url or headers', name: undefined };
  const items = names.map((name) => ({
    label: name,
    description: stored.includes(name) ? 'stored' : 'not stored',
    ...(used.includes(name) ? { detail: `Named by ${plan?.service ?? 'the plan'}'s hooks` } : {}),
    name,
  }));
  const picked = items.length === 0 ? other : await vscode.window.showQuickPick([...items, other], { title: 'Set Hook Secret', placeHolder: 'Hook secrets (values are never shown)' });
  if (!picked) return undefined;
  if (picked.name !== undefined) return picked.name;
  return vscode.window.showInputBox({
    title: 'Set Hook Secret',
    prompt: 'Name of the secret, as ${secret:NAME} writes it',
    placeHolder: 'DEPLOYS_TOKEN',
    validateInput: (value) => (SECRET_NAME.test(value) ? undefined : 'Letters, digits and _, not starting with a digit'),
  });
}
