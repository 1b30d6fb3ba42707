/**
 * The discrete-event queue: a binary min-heap ordered by time, then by insertion, so two events
 * at the same instant always fire in the order they were scheduled. That order is what makes a
 * run repeatable event for event.
 *
 * Cancelled events stay in the heap and are skipped when popped (lazy deletion): cancelling is
 * O(1) and the heap never has to find an element.
 */

/** A handle on a scheduled event; pass it to `cancel`. */
export interface ScheduledEvent {
  readonly time: number;
  readonly seq: number;
  /**
   * Background events (fault timelines, background gates, crash loops) do not keep a run alive:
   * when only they remain and the machine waits, the run stops as paused.
   */
  readonly background: boolean;
  readonly fire: () => void;
  cancelled: boolean;
}

/**
 * @example
 * const queue = new EventQueue();
 * queue.schedule(10, () => log('b'));
 * queue.schedule(5, () => log('a'));
 * queue.pop()?.fire(); // logs 'a'
 */
export class EventQueue {
  private readonly heap: ScheduledEvent[] = [];
  private nextSeq = 0;
  private foregroundPending = 0;

  /** Schedule `fire` at virtual time `time` (ms). */
  schedule(time: number, fire: () => void, background = false): ScheduledEvent {
    const event: ScheduledEvent = { time, seq: this.nextSeq++, background, fire, cancelled: false };
    if (!background) this.foregroundPending++;
    this.heap.push(event);
    this.siftUp(this.heap.length - 1);
    return event;
  }

  /** Cancel a scheduled event; cancelling twice, or after it fired, does nothing. */
  cancel(event: ScheduledEvent): void {
    if (event.cancelled) return;
    event.cancelled = true;
    if (!event.background) this.foregroundPending--;
  }

  /** Remove and return the earliest live event. */
  pop(): ScheduledEvent | undefined {
    for (;;) {
      const top = this.removeTop();
      if (!top) return undefined;
      if (top.cancelled) continue;
      // A fired event counts as done: cancelling it later must not touch the counters.
      top.cancelled = true;
      if (!top.background) this.foregroundPending--;
      return top;
    }
  }

  /** Time of the earliest live event, without removing it. */
  peekTime(): number | undefined {
    while (this.heap[0]?.cancelled) this.removeTop();
    return this.heap[0]?.time;
  }

  /** Whether anything that keeps a run alive is still scheduled. */
  hasForeground(): boolean {
    return this.foregroundPending > 0;
  }

  private removeTop(): ScheduledEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top && last && heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(start: number): void {
    const heap = this.heap;
    let index = start;
    const item = heap[index] as ScheduledEvent;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as ScheduledEvent;
      if (!before(item, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = item;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const length = heap.length;
    let index = start;
    const item = heap[index] as ScheduledEvent;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && before(heap[right] as ScheduledEvent, heap[left] as ScheduledEvent)) child = right;
      const childItem = heap[child] as ScheduledEvent;
      if (!before(childItem, item)) break;
      heap[index] = childItem;
      index = child;
    }
    heap[index] = item;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
