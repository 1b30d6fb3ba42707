import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/domain/simulator/clock';
import { EventQueue } from '../../../src/domain/simulator/eventQueue';

function drain(queue: EventQueue): void {
  for (let event = queue.pop(); event; event = queue.pop()) event.fire();
}

describe('EventQueue', () => {
  it('should fire events by time, then in the order they were scheduled', () => {
    const queue = new EventQueue();
    const fired: string[] = [];
    for (const [time, name] of [[30, 'c'], [10, 'a1'], [20, 'b'], [10, 'a2'], [0, 'z'], [10, 'a3']] as const) {
      queue.schedule(time, () => fired.push(name));
    }
    drain(queue);
    expect(fired).toEqual(['z', 'a1', 'a2', 'a3', 'b', 'c']);
  });

  it('should keep a large random schedule sorted', () => {
    const queue = new EventQueue();
    const times: number[] = [];
    let state = 7;
    for (let i = 0; i < 5000; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const time = state % 1000;
      queue.schedule(time, () => times.push(time));
    }
    drain(queue);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('should skip cancelled events and count only foreground ones as keeping the run alive', () => {
    const queue = new EventQueue();
    const fired: string[] = [];
    const cancelled = queue.schedule(5, () => fired.push('cancelled'));
    queue.schedule(7, () => fired.push('background'), true);
    expect(queue.hasForeground()).toBe(true);
    queue.cancel(cancelled);
    queue.cancel(cancelled);
    expect(queue.hasForeground()).toBe(false);
    expect(queue.peekTime()).toBe(7);
    drain(queue);
    expect(fired).toEqual(['background']);
  });
});

describe('VirtualClock', () => {
  it('should schedule XState timeouts relative to virtual now and cancel them', () => {
    const queue = new EventQueue();
    const clock = new VirtualClock(queue);
    clock.now = 1000;
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now), 500);
    const id = clock.setTimeout(() => fired.push(-1), 200);
    clock.clearTimeout(id);
    const event = queue.pop();
    expect(event?.time).toBe(1500);
    clock.now = event?.time ?? 0;
    event?.fire();
    expect(fired).toEqual([1500]);
    expect(queue.pop()).toBeUndefined();
  });
});
