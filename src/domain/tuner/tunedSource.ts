import { isScalar, parseDocument } from 'yaml';
import type { Knob } from './knobs';

/**
 * The plan's text with the knobs at `values`: each value that moved is replaced where it stands
 * in the text, so every comment, every other line and its formatting stay as the user wrote
 * them (a value the plan leaves to its default is added through the YAML document instead).
 * `header` goes above the plan as comment lines.
 *
 * @example
 * tunedSource('analysis:\n  - name: e # the gate\n    interval: 30s\n', knobs, [15_000]);
 * // 'analysis:\n  - name: e # the gate\n    interval: 15s\n'
 */
export function tunedSource(source: string, knobs: readonly Knob[], values: readonly number[], header?: string): string {
  const document = parseDocument(source);
  const splices: { start: number; end: number; text: string }[] = [];
  const missing: { knob: Knob; value: number }[] = [];
  for (const [index, knob] of knobs.entries()) {
    const value = values[index];
    if (value === undefined || value === knob.current) continue;
    const node = document.getIn(knob.path, true);
    if (isScalar(node) && node.range) {
      const written = knob.write(value);
      const text = typeof written === 'string' && node.type !== 'PLAIN' ? JSON.stringify(written) : String(written);
      splices.push({ start: node.range[0], end: node.range[1], text });
    } else missing.push({ knob, value });
  }
  let text = source;
  for (const splice of splices.sort((a, b) => b.start - a.start)) text = text.slice(0, splice.start) + splice.text + text.slice(splice.end);
  if (missing.length > 0) {
    const edited = parseDocument(text);
    for (const { knob, value } of missing) edited.setIn(knob.path, knob.write(value));
    text = edited.toString({ lineWidth: 0 });
  }
  return header === undefined ? text : `${header.split('\n').map((line) => `#${line}`.trimEnd()).join('\n')}\n\n${text}`;
}

/**
 * What moved, in words: "error-rate interval 30s → 15s, step 2 pause 2m → 1m".
 *
 * @example
 * changesOf(knobs, [15_000]); // ["error-rate interval 30s → 15s"]
 */
export function changesOf(knobs: readonly Knob[], values: readonly number[]): string[] {
  return knobs.flatMap((knob, index) => {
    const value = values[index];
    return value === undefined || value === knob.current ? [] : [`${knob.label} ${knob.show(knob.current)} → ${knob.show(value)}`];
  });
}
