import { suggest } from '../domain/plan/suggest';

/** A small argv parser: positionals, `--flag`, `--key value` and `--key=value`; after `--` only positionals. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
  /** Single-dash words such as `-y`: the CLI has only long options, so each is a mistake to name. */
  shortOptions: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], valueOptions: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const shortOptions: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (/^-[^-]/.test(arg)) {
      shortOptions.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = splitOnce(arg.slice(2), '=');
    if (!valueOptions.includes(name)) {
      options.set(name, inline ?? true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
  }
  return { positionals, options, shortOptions };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function integerOption(args: ParsedArgs, name: string): number | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  if (!Number.isSafeInteger(Number(value))) throw new UsageError(`--${name} is too large: ${value}`);
  return Number(value);
}

/** A share from 0 to 1, as in `--at-least 0.95`. */
export function fractionOption(args: ParsedArgs, name: string): number | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  const fraction = /^(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (!(fraction >= 0 && fraction <= 1)) throw new UsageError(`--${name} must be a fraction from 0 to 1 (0.95 for 95 %), got "${value}"`);
  return fraction;
}

export function flag(args: ParsedArgs, name: string): boolean {
  const value = args.options.get(name);
  // `--dry-run=false` must not quietly mean "no --dry-run": a flag is there or it is not.
  if (typeof value === 'string') throw new UsageError(`--${name} takes no value, got "--${name}=${value}"`);
  return value === true;
}

/** Rejects options the command does not know, naming the closest one it does. */
export function rejectUnknownOptions(args: ParsedArgs, known: readonly string[]): void {
  const listed = known.length > 0 ? `; its options: ${known.map((k) => `--${k}`).join(', ')}` : '; it takes no options';
  for (const short of args.shortOptions) {
    const near = known.filter((name) => name.startsWith(short.slice(1, 2)));
    const hint = near.length === 1 ? `; did you mean --${near[0] ?? ''}?` : listed;
    throw new UsageError(`unknown option ${short} (options are spelled out, with two dashes)${hint}`);
  }
  for (const name of args.options.keys()) {
    if (known.includes(name)) continue;
    const near = suggest(name, known);
    throw new UsageError(`unknown option --${name}${near === undefined ? listed : `; did you mean --${near}?`}`);
  }
}
