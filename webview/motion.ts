import type { BaseType, Selection } from 'd3-selection';
import 'd3-transition';

/** Animation length for moving parts; 0 when VS Code (body class) or the OS asks for reduced motion. */
export function motionMs(ms = 250): number {
  if (typeof document === 'undefined') return 0;
  if (document.body.classList.contains('vscode-reduce-motion')) return 0;
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;
  return query?.matches ? 0 : ms;
}

type AttrValue<D> = (datum: D, index: number) => string | number;

/**
 * Sets attributes through a named transition, or at once when motion is off. Applying them at once
 * (not a 0 ms transition) matters: a 0 ms transition still lands a frame later, which a reduced
 * motion user sees as lag and a test sees as a stale DOM.
 */
export function tweenAttrs<E extends BaseType, D, P extends BaseType, PD>(selection: Selection<E, D, P, PD>, name: string, attrs: Record<string, AttrValue<D>>, ms = motionMs()): void {
  if (ms === 0) {
    selection.interrupt(name);
    for (const [key, value] of Object.entries(attrs)) selection.attr(key, value);
    return;
  }
  const transition = selection.transition(name).duration(ms);
  for (const [key, value] of Object.entries(attrs)) transition.attr(key, value);
}
