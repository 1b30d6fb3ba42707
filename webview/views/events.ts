import { select } from 'd3-selection';
import type { EventLevel, EventView } from '../../src/protocol/view';
import { clock, element } from '../format';
import type { PanelPart, PartContext } from './part';

export interface EventFilter {
  text: string;
  /** The lowest level shown. */
  level: EventLevel;
}

const LEVEL_RANK: Record<EventLevel, number> = { info: 0, warning: 1, error: 2 };

export function matchesFilter(event: EventView, filter: EventFilter): boolean {
  if (LEVEL_RANK[event.level] < LEVEL_RANK[filter.level]) return false;
  const text = filter.text.trim().toLowerCase();
  return text === '' || event.kind.toLowerCase().includes(text) || event.message.toLowerCase().includes(text);
}

/**
 * The run's journal up to now, filterable by text and level; each event is a button that seeks
 * playback to its time, which moves every chart's cursor there.
 */
export function createEvents(root: HTMLElement, context: PartContext, initial: EventFilter, onFilter: (filter: EventFilter) => void): PanelPart {
  const filter: EventFilter = { ...initial };
  const container = element('div', 'events');
  const bar = element('div', 'events-filter');
  const textLabel = element('label', 'field');
  const text = element('input');
  text.type = 'search';
  text.value = filter.text;
  text.placeholder = 'kind or words';
  textLabel.append(element('span', '', 'Filter events'), text);
  const levelLabel = element('label', 'field');
  const level = element('select');
  for (const [value, label] of [['info', 'All'], ['warning', 'Warnings and errors'], ['error', 'Errors']] as const) {
    const option = element('option', '', label);
    option.value = value;
    level.append(option);
  }
  level.value = filter.level;
  levelLabel.append(element('span', '', 'Show'), level);
  const count = element('span', 'events-count');
  count.setAttribute('aria-live', 'polite');
  bar.append(textLabel, levelLabel, count);
  const list = element('ol', 'event-list');
  container.append(bar, list);
  root.append(container);

  let last: EventView[] = [];
  let now = 0;
  // Whether to follow the newest event: kept by the scroll listener, so drawing never reads layout after writing.
  let follow = true;
  let followPending = 0;
  list.addEventListener('scroll', () => {
    follow = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
  }, { passive: true });
  /** What the list was last drawn from, compared by value: most frames bring the same journal again. */
  let drawnKeys: string[] = [];
  let drawnFilter = '';
  let atCursor = new Set<HTMLLIElement>();
  let items: { event: EventView; node: HTMLLIElement }[] = [];
  const keyOf = (event: EventView): string => `${event.index}|${event.t}|${event.kind}|${event.message}`;
  const draw = (): void => {
    const keys = last.map(keyOf);
    const filterKey = `${filter.level}|${filter.text}`;
    if (filterKey !== drawnFilter || keys.length !== drawnKeys.length || keys.some((key, index) => key !== drawnKeys[index])) {
      drawnKeys = keys;
      drawnFilter = filterKey;
      const shown = last.filter((event) => matchesFilter(event, filter));
      count.textContent = `${shown.length} of ${last.length}`;
      const joined = select(list)
        .selectAll<HTMLLIElement, EventView>('li.event')
        .data(shown, keyOf)
        .join((enter) => {
          const item = enter.append('li').attr('class', (event) => `event level-${event.level}`);
          // The key holds the whole entry (a re-simulated branch rewrites later ones), so its text is set once.
          const button = item.append('button').attr('type', 'button').attr('class', 'event-button');
          button.attr('aria-label', (event) => `At ${clock(event.t)}: ${event.message}. Seek here.`);
          button.append('time').attr('class', 'event-time').text((event) => clock(event.t));
          button.append('span').attr('class', 'event-kind').text((event) => event.kind);
          button.append('span').attr('class', 'event-message').text((event) => event.message);
          button.on('click', (_, event) => context.post({ type: 'playback/seek', t: event.t }));
          return item;
        });
      items = [];
      joined.each(function remember(event) {
        items.push({ event, node: this });
      });
      atCursor = new Set(items.filter((item) => item.node.classList.contains('at-cursor')).map((item) => item.node));
      // Follow the newest event while the user has not scrolled up to read: after this frame's layout, not inside it.
      if (follow && followPending === 0 && typeof requestAnimationFrame === 'function') {
        followPending = requestAnimationFrame(() => {
          followPending = 0;
          if (follow) list.scrollTop = list.scrollHeight;
        });
      }
    }
    // Only the events at the cursor change class from frame to frame.
    const next = new Set<HTMLLIElement>();
    for (const item of items) if (item.event.t === now) next.add(item.node);
    for (const item of items) {
      if (!next.has(item.node) && !atCursor.has(item.node)) continue;
      const className = `event level-${item.event.level}${next.has(item.node) ? ' at-cursor' : ''}`;
      if (item.node.className !== className) item.node.className = className;
    }
    atCursor = next;
  };
  const changed = (): void => {
    filter.text = text.value;
    filter.level = level.value as EventLevel;
    onFilter({ ...filter });
    draw();
  };
  text.addEventListener('input', changed);
  level.addEventListener('change', changed);
  return {
    update(view) {
      last = view.events;
      now = view.time.t;
      draw();
    },
    destroy() {
      if (followPending !== 0) cancelAnimationFrame(followPending);
      container.remove();
    },
  };
}
