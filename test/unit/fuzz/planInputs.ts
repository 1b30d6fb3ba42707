import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';

const ROOT = join(__dirname, '../../..');

/** Every bundled example plan, as a user would start editing one. */
export const EXAMPLE_PLANS: readonly { name: string; text: string }[] = ['examples', 'examples/playground'].flatMap((folder) =>
  readdirSync(join(ROOT, folder))
    .filter((file) => file.endsWith('.release.yaml'))
    .map((file) => ({ name: `${folder}/${file}`, text: readFileSync(join(ROOT, folder, file), 'utf8') })),
);

/** Numbers people mistype or paste: huge, tiny, negative, not finite, not numbers at all. */
const ODD_NUMBERS = ['6439784534769664', '1e7', '1e400', '-1', '0', '0.0001', '-0', '1000000000', '.inf', '.nan', '9'.repeat(40), '3.5', '0x1F', '1_000'];
/** Values of the wrong kind for almost any field. */
const WRONG_TYPES = ['[]', '{}', '[1, 2]', '{a: 1}', 'true', 'null', '~', '""', "'x'", '"10%"', '30s', '-', '*anchor', '&a', '!!str 5', '|', '>'];
/** Characters that change what YAML reads. */
const SIGNIFICANT = ['#', ':', '-', ' ', '\t', '\n', '\r', '\r\n', '[', ']', '{', '}', ',', '"', "'", '&', '*', '!', '|', '>', '%', '@', '`', '\u0000', '\ufeff', 'é', '😀'];

export type Mutation = (text: string) => string;

const lineMutation = (edit: (lines: string[], at: number, other: number) => string[]) =>
  fc.tuple(fc.nat(), fc.nat()).map(([at, other]): Mutation => (text) => {
    const lines = text.split('\n');
    return edit(lines, at % lines.length, other % lines.length).join('\n');
  });

const atOffset = (edit: (text: string, at: number) => string) =>
  fc.nat().map((at): Mutation => (text) => edit(text, text.length === 0 ? 0 : at % (text.length + 1)));

const replaceMatch = (pattern: RegExp, replacements: fc.Arbitrary<string>) =>
  fc.tuple(fc.nat(), replacements).map(([pick, replacement]): Mutation => (text) => {
    const matches = [...text.matchAll(pattern)];
    const match = matches[pick % Math.max(1, matches.length)];
    if (!match || match.index === undefined) return text;
    return text.slice(0, match.index) + replacement + text.slice(match.index + match[0].length);
  });

/** One edit a person (or a bad paste) makes to a plan. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  lineMutation((lines, at) => lines.filter((_, index) => index !== at)),
  lineMutation((lines, at) => [...lines.slice(0, at + 1), ...lines.slice(at)]),
  lineMutation((lines, at, other) => lines.map((line, index) => (index === at ? (lines[other] ?? line) : index === other ? (lines[at] ?? line) : line))),
  lineMutation((lines, at) => lines.map((line, index) => (index === at ? line.replace(/^ ?/, '') : line))),
  lineMutation((lines, at) => lines.map((line, index) => (index === at ? `  ${line}` : line))),
  atOffset((text, at) => `${text.slice(0, at)}#${text.slice(at)}`),
  replaceMatch(/#/g, fc.constant('')),
  replaceMatch(/#/g, fc.constant(' ')),
  fc.tuple(fc.nat(), fc.constantFrom(...SIGNIFICANT)).map(([at, char]): Mutation => (text) => {
    const index = at % Math.max(1, text.length);
    return text.slice(0, index) + char + text.slice(index + 1);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...SIGNIFICANT)).map(([at, char]): Mutation => (text) => {
    const index = at % (text.length + 1);
    return text.slice(0, index) + char + text.slice(index);
  }),
  replaceMatch(/\b\d+(?:\.\d+)?(?:ms|s|m|h|%)?\b/g, fc.constantFrom(...ODD_NUMBERS)),
  replaceMatch(/\b\d+\b/g, fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String)),
  replaceMatch(/(?<=: )[^\s#][^\n#]*/g, fc.constantFrom(...WRONG_TYPES, ...ODD_NUMBERS)),
  replaceMatch(/\n/g, fc.constantFrom('\r\n', '\r', '\n\n', '')),
  atOffset((text, at) => text.slice(0, at)),
);

/** A bundled example after one to four edits. */
export const mutatedExample: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...EXAMPLE_PLANS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([example, edits]) => edits.reduce((text, edit) => edit(text), example.text));

const KEYS = ['service', 'version', 'engine', 'replicas', 'strategy', 'canary', 'rolling', 'blueGreen', 'abTest', 'shadow', 'recreate', 'steps', 'setWeight', 'pause', 'duration', 'analysis', 'templates', 'iterations', 'interval', 'count', 'name', 'metric', 'scenarios', 'faults', 'at', 'kind', 'maxSurge', 'maxUnavailable', 'stepWeight', 'threshold', 'traffic', 'rps'];

/** A value shaped loosely like a plan: plan keys with any JSON inside. */
const planLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), tie('map'), fc.array(tie('value'), { maxLength: 4 })),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
})).map;

/** Documents from nothing: YAML of plan-like values, and text from YAML's own alphabet. */
export const randomDocument: fc.Arbitrary<string> = fc.oneof(
  planLike.map((value) => stringify(value)),
  planLike.map((value) => stringify({ service: 'fuzz', strategy: value })),
  fc.string({ unit: fc.constantFrom(...SIGNIFICANT, 'a', 'b', '1', 'service', 'strategy'), maxLength: 200 }),
  fc.string({ maxLength: 200 }),
);
