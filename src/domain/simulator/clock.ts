import type { EventQueue, ScheduledEvent } from './eventQueue';

/**
 * Virtual time for one run. It implements XState's Clock interface by scheduling into the run's
 * event queue, so machine delays (`after`, delayed `raise`) and model events share one timeline.
 *
 * @example
 * const queue = new EventQueue();
 * const clock = new VirtualClock(queue);
 * createActor(machine, { input, clock }); // `after: { 60000: ... }` now waits 60 virtual seconds
 */
export class VirtualClock {
  /** Virtual ms since the start of the run; the engine moves it forward as it pops events. */
  now = 0;

  constructor(private readonly queue: EventQueue) {}

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): ScheduledEvent {
    return this.queue.schedule(this.now + Math.max(0, timeout), () => fn());
  }

  clearTimeout(id: unknown): void {
    if (isScheduled(id)) this.queue.cancel(id);
  }

  /** Schedule model work `delay` ms from now. */
  after(delay: number, fire: () => void, background = false): ScheduledEvent {
    return this.queue.schedule(this.now + Math.max(0, delay), fire, background);
  }
}

function isScheduled(id: unknown): id is ScheduledEvent {
  return typeof id === 'object' && id !== null && 'seq' in id && 'fire' in id;
}
