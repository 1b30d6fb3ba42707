import { element } from '../format';

/** Replaces a select's options only when they changed, so a snapshot per tick keeps the user's open list and focus. */
export function setOptions(select: HTMLSelectElement, options: { value: string; label: string }[]): void {
  const key = options.map((option) => option.value).join('\n');
  if (select.dataset.options === key) return;
  select.dataset.options = key;
  select.replaceChildren(...options.map((option) => Object.assign(element('option', '', option.label), { value: option.value })));
}
